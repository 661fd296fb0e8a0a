// A Slack request that cannot be recorded is not answered 200: Slack gets an error and sends it again.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { Inbox } from '../../../bot/inbox/inbox';
import { loadConfig } from '../../../bot/config';
import { createApp, finishApp } from '../../../bot/server';
import { mountSlackApp, type SlackMount } from '../../../bot/slack';
import type { Platform } from '../../../core/domain';
import { useTestDatabase } from '../../support/db';
import { SlackApiStub } from '../../support/slack-api-stub';
import { BOT_TOKEN, SIGNING_SECRET, TEAM_ONE } from '../../support/slack-harness';
import { SlackSender } from '../../support/slack-requests';

useTestDatabase();

/** An inbox whose database write fails, as when the database is away. */
class UnwritableInbox extends Inbox {
  override async record(_key: string, _platform: Platform, _team: string, _work: unknown): Promise<boolean> {
    throw new Error('database unreachable');
  }
}

const stub = new SlackApiStub();
let server: http.Server;
let slack: SlackMount;
let sender: SlackSender;

beforeAll(async () => {
  const apiUrl = await stub.start();
  stub.teams.set(BOT_TOKEN, TEAM_ONE);
  const logger = pino({ level: 'silent' });
  const config = loadConfig({ PORT: '0', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_API_URL: apiUrl });
  const app = createApp({ logger, isReady: async () => true });
  slack = mountSlackApp(app, { config, logger, inbox: new UnwritableInbox({ holder: 'test', logger }) });
  finishApp(app, logger);
  server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  sender = new SlackSender(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, SIGNING_SECRET, (id) => stub.responseUrl(id));
});
afterAll(async () => {
  await slack.stop();
  await new Promise((resolve) => server.close(resolve));
  await stub.stop();
});

describe('a Slack request that cannot be recorded', () => {
  it.each([
    ['a slash command', () => sender.command('risk Lost? p=1 i=1', { team: 'T1', user: 'UADA' }).then((r) => r.res)],
    ['an event', () => sender.dm('help', { team: 'T1', user: 'UADA' }).then((r) => r.res)],
  ])('gets a 5xx for %s, and nothing is done', async (_what, send) => {
    const before = stub.calls.length;
    const res = await send();
    expect(res.status).toBeGreaterThanOrEqual(500);
    await slack.idle();
    expect(stub.calls.slice(before).filter((c) => c.method !== 'auth.test')).toEqual([]);
  });
});
