import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { loadConfig } from '../../bot/config';
import type { JobCommands } from '../../core/runner/types';
import { createApp } from '../../bot/server';
import { mountSlackApp, type SlackMount } from '../../bot/slack';
import { SlackApiStub, type SlackCall, type StubTeam, type StubUser } from './slack-api-stub';
import { SlackSender, type Where } from './slack-requests';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';
export const BOT_TOKEN = 'xoxb-test-one';
/** The workspace auth.test names for BOT_TOKEN. */
export const TEAM_ONE: StubTeam = { id: 'T1', name: 'Team One', botUserId: 'UBOT' };

export interface RunningSlackBot {
  url: string;
  slack: SlackMount;
  sender: SlackSender;
  close(): Promise<void>;
}

export interface SlackBotOptions {
  /** The job runtime's on-demand commands (scheduler.commands), for `digest` and `reminders`. */
  jobs?: JobCommands;
}

/** The Slack door on our own Express app, as bot/mount.ts mounts it, with the Web API on the stub. */
export async function startSlackBot(
  stub: SlackApiStub,
  apiUrl: string,
  env: Record<string, string> = {},
  now?: () => Date,
  options: SlackBotOptions = {},
): Promise<RunningSlackBot> {
  const config = loadConfig({ PORT: '0', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: apiUrl, ...env });
  const logger = pino({ level: process.env.SLACK_TEST_LOG ?? 'silent' });
  const app = createApp({ logger, isReady: async () => true });
  const slack = mountSlackApp(app, { config, logger, now, jobs: options.jobs });
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    slack,
    sender: new SlackSender(url, SIGNING_SECRET, (id) => stub.responseUrl(id)),
    close: async () => {
      await slack.stop();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export interface SlackBotSetup {
  /** What users.info answers, by user id. */
  users?: Record<string, StubUser>;
  /** On top of the signing secret and the stub's URL; by default Team One's bot token. */
  env?: Record<string, string>;
  /** The clock; tests pin it. */
  now?: () => Date;
  /** The job runtime's on-demand commands, read when the bot starts (the scheduler is made in an earlier beforeAll). */
  jobs?: () => JobCommands;
}

export interface SlackBotFixture {
  /** The Web API stub, Team One on BOT_TOKEN and `users` in its directory. */
  readonly stub: SlackApiStub;
  /** The bot the file talks to: started in beforeAll, stopped with the stub in afterAll. */
  readonly bot: RunningSlackBot;
  /** Another instance on the same stub (a fresh process, a second replica); the test closes it. */
  startAnother(env?: Record<string, string>): Promise<RunningSlackBot>;
}

/**
 * A test file's Slack bot, like useTestDatabase: hooks start the stub and the bot before the
 * tests and stop both after them. Later beforeAll hooks can already use `bot`.
 */
export function useSlackBot(setup: SlackBotSetup = {}): SlackBotFixture {
  const stub = new SlackApiStub();
  const env = setup.env ?? { SLACK_BOT_TOKEN: BOT_TOKEN };
  let apiUrl = '';
  let running: RunningSlackBot | undefined;
  const started = (): RunningSlackBot => {
    if (!running) throw new Error('the Slack bot is started in beforeAll');
    return running;
  };
  beforeAll(async () => {
    apiUrl = await stub.start();
    stub.teams.set(BOT_TOKEN, TEAM_ONE);
    for (const [id, user] of Object.entries(setup.users ?? {})) stub.users.set(id, user);
    running = await startSlackBot(stub, apiUrl, env, setup.now, { jobs: setup.jobs?.() });
  });
  afterAll(async () => {
    await running?.close();
    await stub.stop();
  });
  return {
    stub,
    bot: {
      get url() {
        return started().url;
      },
      get slack() {
        return started().slack;
      },
      get sender() {
        return started().sender;
      },
      close: () => started().close(),
    },
    startAnother: (more = env) => startSlackBot(stub, apiUrl, more, setup.now),
  };
}

/** What the bot sent to Slack, less the lookups (users.info, auth.test) any turn may make. */
export const quiet = (calls: SlackCall[]): SlackCall[] => calls.filter((c) => c.method !== 'users.info' && c.method !== 'auth.test');

/** How a test talks to the file's bot and sees what it sent for each thing it did. */
export function slackTalk({ stub, bot }: Pick<SlackBotFixture, 'stub' | 'bot'>) {
  /** Anything sent (a button pressed, a modal submitted), once the bot has done what it took on. */
  const after = async (send: () => Promise<unknown>): Promise<SlackCall[]> => {
    const before = stub.calls.length;
    await send();
    await bot.slack.idle();
    return quiet(stub.calls.slice(before));
  };
  /** `/pmo <text>`, answered 200. */
  const pmo = (text: string, where: Where): Promise<SlackCall[]> =>
    after(async () => expect((await bot.sender.command(text, where)).res.status).toBe(200));
  return { after, pmo };
}
