import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { loadConfig } from '../../../bot/config';
import { mountLocalChat } from '../../../bot/local';
import { createApp } from '../../../bot/server';
import { mountTeamsBot } from '../../../bot/teams';

/** The bot as `npm start` serves it in local mode: Teams door, local chat, one HTTP server. */
export async function startLocalBot(now?: () => Date): Promise<{ url: string; close(): Promise<void> }> {
  const logger = pino({ level: 'silent' });
  const config = loadConfig({ PORT: '0' });
  const app = createApp({ logger, isReady: async () => true });
  const teams = mountTeamsBot(app, { config, logger, now });
  mountLocalChat(app, { adapter: teams.adapter, bot: teams.bot, logger });
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
