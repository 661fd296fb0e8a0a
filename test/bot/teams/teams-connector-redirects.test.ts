import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ConversationReference } from 'botbuilder';
import { useTestDatabase } from '../../support/db';
import { APP_ID, postActivity, startSecuredTeamsBot, teamsMessage, type SecuredTeamsBot } from '../../support/teams-auth-harness';

useTestDatabase();

interface Seen {
  method: string;
  path: string;
  authorization?: string;
}

/** A local HTTP server that records every request and answers with what `answer` says. */
async function recorder(answer: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<{ url: string; seen: Seen[]; stop(): Promise<void> }> {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      seen.push({ method: req.method ?? '', path: req.url ?? '', authorization: req.headers.authorization });
      answer(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    seen,
    stop: () => new Promise((r) => server.close(() => r())),
  };
}

const ok = (_req: http.IncomingMessage, res: http.ServerResponse): void => {
  res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"1"}');
};

// A serviceUrl that answers with a redirect must not move the bot's calls anywhere: a 303 would turn
// the reply into a GET of any URL, and a 307 would re-POST it (with its bearer token) elsewhere.
let bot: SecuredTeamsBot;
let elsewhere: Awaited<ReturnType<typeof recorder>>;
let redirectTo: { status: number; location: string } = { status: 307, location: '/' };
let connector: Awaited<ReturnType<typeof recorder>>;

beforeAll(async () => {
  bot = await startSecuredTeamsBot();
  elsewhere = await recorder(ok);
  connector = await recorder((req, res) => {
    if (req.url?.startsWith('/moved/')) return ok(req, res);
    res.writeHead(redirectTo.status, { location: redirectTo.location, 'content-type': 'application/json' }).end('{}');
  });
});
afterAll(async () => {
  await bot.stop();
  await elsewhere.stop();
  await connector.stop();
});

/** What reached the redirect targets since `mark` was taken: the moved path on the same host, and the other host. */
const mark = (): [number, number] => [connector.seen.length, elsewhere.seen.length];
const reachedTargets = ([c, e]: [number, number]): Seen[] => [
  ...connector.seen.slice(c).filter((s) => s.path.startsWith('/moved/')),
  ...elsewhere.seen.slice(e),
];

describe('Bot Connector calls never follow a redirect', () => {
  it.each([
    [303, 'another host', () => `${elsewhere.url}v3/conversations/c/activities`],
    [307, 'another host', () => `${elsewhere.url}v3/conversations/c/activities`],
    [303, 'the same host', () => '/moved/v3/conversations/c/activities'],
    [307, 'the same host', () => '/moved/v3/conversations/c/activities'],
    [308, 'the same host', () => '/moved/v3/conversations/c/activities'],
  ])('a %i to %s from the serviceUrl fails the reply instead of following it', async (status, where, location) => {
    redirectTo = { status, location: location() };
    const since = mark();
    const logsBefore = bot.logs.length;
    const message = teamsMessage('help', connector.url, `tenant-redirect-${status}-${where.replace(/ /g, '-')}`);
    const res = await postActivity(bot.url, message, `Bearer ${bot.auth.channelToken(connector.url)}`);

    expect(res.status).toBe(200);
    // Only the bot's own POSTs to the serviceUrl, each with its bearer token; nothing after them.
    const posted = connector.seen.slice(since[0]);
    expect(posted.length).toBeGreaterThan(0);
    expect(posted.every((s) => s.method === 'POST' && s.authorization === `Bearer ${bot.auth.issuedTokens[0]}`)).toBe(true);
    expect(reachedTargets(since)).toEqual([]);
    const failures = bot.logs.slice(logsBefore).map((l) => JSON.parse(l) as { msg: string; err?: string });
    expect(failures).toContainEqual(
      expect.objectContaining({ msg: 'unhandled error in a Teams turn', err: expect.stringContaining(`with a ${status} redirect, which is never followed`) }),
    );
  });

  it('a proactive message to a redirecting serviceUrl fails too, and nothing reaches the target', async () => {
    redirectTo = { status: 307, location: '/moved/v3/conversations/c/activities' };
    const reference: Partial<ConversationReference> = {
      channelId: 'msteams',
      serviceUrl: connector.url,
      conversation: { id: 'a:proactive', isGroup: false, conversationType: 'personal', name: '', tenantId: 'tenant-proactive' },
      bot: { id: `28:${APP_ID}`, name: 'PMO' },
    };
    const since = mark();
    // The job sender's path: a turn of its own, whose failure goes to the adapter's turn error handler.
    await bot.door.adapter.continueConversationAsync(APP_ID, reference, async (context) => {
      await context.sendActivity('Weekly digest');
    });
    expect(connector.seen.slice(since[0]).some((s) => s.path.startsWith('/v3/conversations/a%3Aproactive/activities'))).toBe(true);
    const failures = bot.logs.map((l) => JSON.parse(l) as { msg: string; conversation?: string; err?: string });
    expect(failures).toContainEqual(
      expect.objectContaining({ msg: 'unhandled error in a Teams turn', conversation: 'a:proactive', err: expect.stringContaining('307 redirect') }),
    );
    expect(reachedTargets(since)).toEqual([]);
  });

  it('one connector client serves every turn to a serviceUrl (it keeps refusing redirects), another serviceUrl gets its own', async () => {
    const clientFor = async (serviceUrl: string): Promise<unknown> => {
      const reference: Partial<ConversationReference> = {
        channelId: 'msteams',
        serviceUrl,
        conversation: { id: 'a:cached', isGroup: false, conversationType: 'personal', name: '', tenantId: 'tenant-cached' },
        bot: { id: `28:${APP_ID}`, name: 'PMO' },
      };
      let client: unknown;
      await bot.door.adapter.continueConversationAsync(APP_ID, reference, async (context) => {
        client = context.turnState.get(context.adapter.ConnectorClientKey);
      });
      expect(client).toBeDefined();
      return client;
    };
    const first = await clientFor(connector.url);
    expect(await clientFor(connector.url)).toBe(first);
    expect(await clientFor(elsewhere.url)).not.toBe(first);
  });
});
