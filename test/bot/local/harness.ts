import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { loadConfig } from '../../../bot/config';
import { mountLocalChat } from '../../../bot/local';
import { createApp } from '../../../bot/server';
import { mountTeamsBot } from '../../../bot/teams';

export interface LocalBotOptions {
  /** The clock of the business rules. */
  now?: () => Date;
  /** Environment on top of PORT=0 (HOST, PUBLIC_URL). */
  env?: Record<string, string>;
  /** Where the server listens; by default what the config says (127.0.0.1 in local mode). */
  listenOn?: string;
}

export interface LocalBot {
  url: string;
  port: number;
  /** The local connector's path (its secret included), which only the bot is given. */
  connectorPath: string;
  close(): Promise<void>;
}

/** The bot as `npm start` serves it in local mode: Teams door, local chat, one HTTP server. */
export async function startLocalBot(options: LocalBotOptions = {}): Promise<LocalBot> {
  const logger = pino({ level: 'silent' });
  const config = loadConfig({ PORT: '0', ...options.env });
  const app = createApp({ logger, isReady: async () => true });
  const teams = mountTeamsBot(app, { config, logger, now: options.now });
  const local = mountLocalChat(app, { adapter: teams.adapter, bot: teams.bot, logger, config });
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, options.listenOn ?? config.host, () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    connectorPath: local.connectorPath,
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
