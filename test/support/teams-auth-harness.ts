import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import type { Activity } from 'botbuilder';
import mongoose from 'mongoose';
import pino from 'pino';
import { loadConfig } from '../../bot/config';
import { createApp } from '../../bot/server';
import { mountTeamsBot, type TeamsDoor } from '../../bot/teams';
import { BotFrameworkAuthStub } from './bot-framework-auth-stub';

export const APP_ID = '5f0c3c5e-8d3b-4c1e-9a57-0d6f2b7c9e11';
export const APP_PASSWORD = 'stub-app-password';

export interface SecuredTeamsBot {
  url: string;
  door: TeamsDoor;
  auth: BotFrameworkAuthStub;
  /** Every log line the bot wrote, as text. */
  logs: string[];
  stop(): Promise<void>;
}

/**
 * The Teams door as production runs it (MicrosoftAppId and password set) with Bot Framework's
 * identity endpoints on a local stub, configured through the environment as an operator would.
 */
export async function startSecuredTeamsBot(env: Record<string, string> = {}, endorsements?: string[]): Promise<SecuredTeamsBot> {
  const auth = new BotFrameworkAuthStub({ appId: APP_ID, appPassword: APP_PASSWORD, endorsements });
  const urls = await auth.start();
  // MSAL and botbuilder fetch over Node's global https agent; the stub's certificate is self-signed.
  https.globalAgent.options.ca = auth.ca;
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(chunk.toString());
      done();
    },
  });
  const logger = pino({ level: 'debug' }, sink);
  const config = loadConfig({
    PORT: '0',
    MicrosoftAppId: APP_ID,
    MicrosoftAppPassword: APP_PASSWORD,
    BOTFRAMEWORK_OPENID_METADATA_URL: urls.openIdMetadataUrl,
    BOTFRAMEWORK_EMULATOR_OPENID_METADATA_URL: urls.emulatorOpenIdMetadataUrl,
    BOTFRAMEWORK_LOGIN_URL: urls.loginUrl,
    // Team owners are read from Graph: never the real one from a test (port 9 on loopback refuses).
    GRAPH_API_URL: 'http://127.0.0.1:9/v1.0',
    GRAPH_TOKEN_URL: 'http://127.0.0.1:9/{tenant}/oauth2/v2.0/token',
    ...env,
  });
  const app = createApp({ logger, isReady: async () => true });
  const door = mountTeamsBot(app, { config, logger, now: () => new Date('2026-11-26T10:00:00Z') });
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    door,
    auth,
    logs,
    async stop() {
      await new Promise((r) => server.close(r));
      await auth.stop();
      delete https.globalAgent.options.ca;
    },
  };
}

let seq = 0;

/** A Teams personal-chat message as the Bot Connector delivers it. */
export function teamsMessage(text: string, serviceUrl: string, tenant: string, extra: Partial<Activity> = {}): Partial<Activity> {
  const user = { id: `29:user-${tenant}`, name: 'Ada Admin', aadObjectId: `aad-${tenant}` };
  return {
    type: 'message',
    id: `auth-act-${++seq}`,
    text,
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date().toISOString() as unknown as Date,
    from: user,
    recipient: { id: `28:${APP_ID}`, name: 'PMO' },
    conversation: { id: `a:personal-${tenant}`, conversationType: 'personal', tenantId: tenant } as Activity['conversation'],
    channelData: { tenant: { id: tenant } },
    ...extra,
  };
}

/** Posts an activity to /api/messages with the given Authorization header (none when undefined). */
export async function postActivity(
  url: string,
  body: unknown,
  authorization?: string,
): Promise<{ status: number; contentType: string | null; wwwAuthenticate: string | null; text: string }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (authorization !== undefined) headers.authorization = authorization;
  const res = await fetch(`${url}/api/messages`, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: res.status, contentType: res.headers.get('content-type'), wwwAuthenticate: res.headers.get('www-authenticate'), text: await res.text() };
}

/** How many documents each collection of the test database holds. */
export async function documentCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const c of await mongoose.connection.db!.collections()) counts[c.collectionName] = await c.countDocuments();
  return counts;
}
