// The app as `npm start` mounts it with Slack configured: the Slack door, no local chat, and the
// scheduler delivering digests through Slack.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import type { Stoppable } from '../../bot/app';
import { loadConfig } from '../../bot/config';
import { mountAll } from '../../bot/mount';
import { createApp } from '../../bot/server';
import { ensureWorkspace } from '../../core/services';
import { generatePortfolio } from '../../tools/seed/generate';
import { writeSeed } from '../../tools/seed/write';
import { useTestDatabase } from '../support/db';
import { SlackApiStub } from '../support/slack-api-stub';
import { SlackSender } from '../support/slack-requests';

useTestDatabase();

const SECRET = 'mount-test-signing-secret';
const TOKEN = 'xoxb-mount-test';
const stub = new SlackApiStub();
const stoppables: Stoppable[] = [];
let server: http.Server;
let url: string;
let sender: SlackSender;

beforeAll(async () => {
  const apiUrl = await stub.start();
  stub.teams.set(TOKEN, { id: 'TMOUNT', name: 'Mount team', botUserId: 'UBOT' });
  const logger = pino({ level: 'silent' });
  const config = loadConfig({ PORT: '0', SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: TOKEN, SLACK_API_URL: apiUrl });
  const workspace = await ensureWorkspace('slack', 'TMOUNT', 'Mount team', { timeZone: config.defaultTimeZone });
  await writeSeed(workspace._id, generatePortfolio({ projects: 6, items: 8, seed: 42, now: new Date(), timeZone: workspace.timeZone }));
  const app = createApp({ logger, isReady: async () => true });
  mountAll(app, { onStop: (c) => stoppables.push(c) }, config, logger);
  server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  sender = new SlackSender(url, SECRET, (id) => stub.responseUrl(id));
});
afterAll(async () => {
  for (const s of stoppables.reverse()) await s.stop();
  await new Promise((resolve) => server.close(resolve));
  await stub.stop();
});

async function until<T>(find: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error('timed out waiting for the bot');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('npm start with Slack configured', () => {
  it('serves no local chat page', async () => {
    expect((await fetch(`${url}/`)).status).toBe(404);
  });

  it('posts a digest asked for with /pmo through Slack, delivered by the scheduler’s Slack sender', async () => {
    const before = stub.calls.length;
    const { res } = await sender.command('digest DIGITAL', { team: 'TMOUNT', user: 'UADMIN', channel: 'CEXEC', channelName: 'exec' });
    expect(res.status).toBe(200);
    const post = await until(() => stub.callsTo('chat.postMessage', before).find((c) => JSON.stringify(c.args.blocks ?? '').includes('DIGITAL')));
    expect(post.args.channel).toBe('CEXEC');
    expect(post.token).toBe(TOKEN);
    expect(String(post.args.text)).toMatch(/^DIGITAL digest/);
  });
});
