import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { loadConfig } from '../../bot/config';
import type { JobCommands } from '../../core/runner/types';
import { createApp } from '../../bot/server';
import { mountSlackApp, type SlackMount } from '../../bot/slack';
import type { SlackApiStub } from './slack-api-stub';
import { SlackSender } from './slack-requests';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';
export const BOT_TOKEN = 'xoxb-test-one';

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
