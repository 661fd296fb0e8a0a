import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { loadConfig } from '../../bot/config';
import { createApp } from '../../bot/server';
import { ConnectorStub } from './connector-stub';
import { mountTeamsBot, type TeamsDoor } from '../../bot/teams';

export interface LocalTeamsBot {
  url: string;
  door: TeamsDoor;
  close(): Promise<void>;
}

/** The Teams door on loopback: local mode (no MicrosoftAppId) unless `env` gives credentials. */
export async function startLocalTeamsBot(env: Record<string, string> = {}, now = () => new Date('2026-11-26T10:00:00Z')): Promise<LocalTeamsBot> {
  const config = loadConfig({ PORT: '0', ...env });
  const logger = pino({ level: 'silent' });
  const app = createApp({ logger, isReady: async () => true });
  const door = mountTeamsBot(app, { config, logger, now });
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    door,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface LocalTeamsFixture {
  /** The Bot Connector stub the bot replies to (its URL is `serviceUrl`). */
  readonly connector: ConnectorStub;
  readonly serviceUrl: string;
  readonly bot: LocalTeamsBot;
}

/**
 * A test file's Teams door on loopback with a Bot Connector stub: started in beforeAll, stopped in
 * afterAll, like useTestDatabase. `now` is read on every turn, so a test can move the clock.
 */
export function useLocalTeamsBot(now?: () => Date, env: Record<string, string> = {}): LocalTeamsFixture {
  const connector = new ConnectorStub();
  let serviceUrl = '';
  let bot: LocalTeamsBot | undefined;
  beforeAll(async () => {
    serviceUrl = await connector.start();
    bot = await startLocalTeamsBot(env, now);
  });
  afterAll(async () => {
    await bot?.close();
    await connector.stop();
  });
  return {
    connector,
    get serviceUrl() {
      return serviceUrl;
    },
    get bot() {
      if (!bot) throw new Error('the Teams bot is started in beforeAll');
      return bot;
    },
  };
}
