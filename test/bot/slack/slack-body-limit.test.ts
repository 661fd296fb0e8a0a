// /slack/events reads no unsigned body and no body past 1 MiB: refusals come before the body
// does, so a flood of large unsigned requests costs the bot no memory (issue 11: 400 × 4 MB).
import crypto from 'node:crypto';
import { SLACK_BODY_LIMIT } from '../../../bot/slack/request-guard';
import { useTestDatabase } from '../../support/db';
import { openSocket } from '../../support/raw-http';
import { SIGNING_SECRET, useSlackBot } from '../../support/slack-harness';

useTestDatabase();
const { bot } = useSlackBot({ users: { UADA: { name: 'Ada Admin' } } });
afterEach(async () => {
  await bot.slack.idle();
});

const MB4 = 4 * 1024 * 1024;
const now = (): number => Math.floor(Date.now() / 1000);
const sign = (body: string, ts: number): string => `v0=${crypto.createHmac('sha256', SIGNING_SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;

function head(lines: string[]): string {
  return `POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n${lines.map((l) => `${l}\r\n`).join('')}\r\n`;
}

/** The status line and JSON body of a raw answer. */
function parse(answer: string): { status: number; body: unknown } {
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1]);
  const text = answer.split('\r\n\r\n')[1] ?? '';
  return { status, body: text ? JSON.parse(text) : undefined };
}

describe('what /slack/events reads', () => {
  it('refuses a 4 MB unsigned request before its body arrives, and closes the connection', async () => {
    const session = await openSocket(bot.url);
    await session.write(head([`Content-Length: ${MB4}`]));
    await session.write(Buffer.alloc(64 * 1024, 'x'));
    const answer = await session.answer; // the other 3.9 MB are never sent: the server answered without them
    expect(parse(answer)).toEqual({ status: 401, body: { error: 'missing Slack signature' } });
    await session.closed;
    expect(session.written()).toBeLessThan(MB4);
  }, 10_000);

  it('refuses a signed-looking request whose Content-Length is over the limit, before its body arrives', async () => {
    const ts = now();
    const session = await openSocket(bot.url);
    await session.write(head([`Content-Length: ${SLACK_BODY_LIMIT + 1}`, `X-Slack-Request-Timestamp: ${ts}`, `X-Slack-Signature: ${sign('x', ts)}`]));
    expect(parse(await session.answer)).toEqual({ status: 413, body: { error: 'body too large' } });
    await session.closed;
  }, 10_000);

  it('stops reading a chunked body as soon as it streams past the limit', async () => {
    const ts = now();
    const session = await openSocket(bot.url);
    await session.write(head(['Transfer-Encoding: chunked', `X-Slack-Request-Timestamp: ${ts}`, `X-Slack-Signature: ${sign('x', ts)}`]));
    const chunk = 'x'.repeat(64 * 1024);
    for (let sent = 0; sent <= SLACK_BODY_LIMIT; sent += chunk.length) await session.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
    // The body never ends: only a server that stopped at the limit answers.
    expect(parse(await session.answer)).toEqual({ status: 413, body: { error: 'body too large' } });
    await session.closed;
  }, 10_000);

  it('takes a signed request near the limit, and answers a normal one as before', async () => {
    const big = JSON.stringify({ token: 't', challenge: 'c-big', type: 'url_verification', padding: 'p'.repeat(SLACK_BODY_LIMIT - 200) });
    const res = await bot.sender.send(big, 'application/json');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'c-big' });
    const { res: command } = await bot.sender.command('help', { team: 'T1', user: 'UADA' });
    expect(command.status).toBe(200);
  });

  it('answers a forged signature with a JSON 401 and a malformed signed body with a JSON 400, never a stack trace', async () => {
    const forged = await bot.sender.send('{"type":"url_verification","challenge":"c"}', 'application/json', { signature: `v0=${'0'.repeat(64)}` });
    expect(forged.status).toBe(401);
    expect(await forged.json()).toEqual({ error: 'invalid Slack signature' });
    const malformed = await bot.sender.send('{"type": "event_callback", ', 'application/json');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toEqual({ error: 'malformed body' });
    const unsigned = await bot.sender.send('{"type":"url_verification","challenge":"c"}', 'application/json', { signature: null });
    expect(unsigned.status).toBe(401);
    expect(await unsigned.json()).toEqual({ error: 'missing Slack signature' });
  });
});
