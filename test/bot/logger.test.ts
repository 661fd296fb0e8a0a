import { PassThrough, Writable } from 'node:stream';
import { createLogger, prettyDestination, type Logger } from '../../bot/logger';
import { slackLogger } from '../../bot/slack/logger';

function captured(secrets: string[] = []): { logger: Logger; text: () => string; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const logger = createLogger('trace', sink, { secrets });
  return { logger, text: () => chunks.join(''), lines: () => chunks.map((c) => JSON.parse(c) as Record<string, unknown>) };
}

it('never writes secrets, wherever they sit in a log record', () => {
  const { logger, text } = captured();
  logger.info({ teams: { appPassword: 'hunter2' }, slack: { botToken: 'xoxb-secret', signingSecret: 'shh' } }, 'config');
  logger.info({ password: 'hunter3', clientSecret: 'top', req: { headers: { authorization: 'Basic abc', cookie: 'slack-app-oauth-state=x' } } }, 'more');
  expect(text()).toContain('"appPassword":"***"');
  expect(text()).not.toMatch(/hunter2|hunter3|xoxb-secret|shh|"top"|Basic abc|oauth-state=x/);
});

describe('the last line of defence', () => {
  const SECRETS = ['cs-client-secret-1', 'p@ss"w\\rd', 'k3y+base64/=='];

  it('scrubs configured secret values from messages, fields and error text, as written, JSON-escaped or percent-encoded', () => {
    const { logger, text, lines } = captured(SECRETS);
    const child = logger.child({ lib: 'x' });
    child.debug(`http request body: {"client_id":"1","client_secret":"cs-client-secret-1"}`);
    child.error({ err: new Error('auth failed for p@ss"w\\rd') }, 'failed');
    child.warn({ nested: { deep: ['k3y+base64/=='] } }, `url mongodb://u:${encodeURIComponent('p@ss"w\\rd')}@h/db`);
    for (const secret of SECRETS) expect(text()).not.toContain(secret);
    expect(text()).not.toContain(JSON.stringify('p@ss"w\\rd').slice(1, -1));
    expect(text()).not.toContain(encodeURIComponent('p@ss"w\\rd'));
    expect(lines()).toHaveLength(3); // still one JSON object per line
    expect(lines()[0].msg).toBe('http request body: {"client_id":"1","client_secret":"***"}');
  });

  it.each([
    ['a Slack bot token', 'posting with xoxb-1234-5678-AbCdEf', 'posting with xoxb-***'],
    ['a rotating token', 'refreshed to xoxe.xoxp-1-Mi0yLTE and xoxe-1-My0xLTQ', 'refreshed to xoxe.xoxp-*** and xoxe-***'],
    ['an app-level token', 'socket with xapp-1-A1-123-abc', 'socket with xapp-***'],
    ['a bearer token', 'Authorization: Bearer abcdefghijklmnopqrstuvwxyz.0123', 'Authorization: Bearer ***'],
    ['a JWT', 'token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl', 'token ***jwt***'],
    ['a Slack webhook URL', 'posting to https://hooks.slack.com/services/T1/B2/XyZ', 'posting to https://hooks.slack.com/***'],
    ['credentials in any URI', 'connect mongodb://u:p@ss@w0rd@h1,h2/db failed', 'connect mongodb://u:***@h1,h2/db failed'],
    ['secret query parameters', 'GET /x?tlsCertificateKeyFilePassword=s3cret&client_secret=abc&page=2', 'GET /x?tlsCertificateKeyFilePassword=***&client_secret=***&page=2'],
    ['an AWS session token', 'authMechanismProperties=AWS_SESSION_TOKEN:FwoGZX,SERVICE_NAME:m', 'authMechanismProperties=AWS_SESSION_TOKEN:***,SERVICE_NAME:m'],
  ])('scrubs %s, whoever printed it', (_what, message, expected) => {
    const { logger, lines } = captured();
    logger.info(message);
    expect(lines()[0].msg).toBe(expected);
  });

  it('leaves ordinary lines alone', () => {
    const { logger, lines } = captured(['cs-client-secret-1']);
    const message = 'Saved R-7 Vendor API may slip; listening on http://127.0.0.1:3978 (token_type bot)';
    logger.info({ team: 'T1', url: 'https://pmo.example.com/slack/install' }, message);
    expect(lines()[0]).toMatchObject({ msg: message, team: 'T1', url: 'https://pmo.example.com/slack/install' });
  });
});

it('masks secret-named members in what the Slack libraries log, at the source', () => {
  const { logger, lines } = captured();
  const slack = slackLogger(logger);
  slack.debug('http request body: {"code":"abc123","client_id":"1111.2222","client_secret":"not-configured-here","refresh_token":"[[REDACTED]]"}');
  slack.debug({ response_url: 'https://example.com/actions/T/1/x', token: 'legacy', text: 'risk x' });
  expect(lines()[0].msg).toBe('http request body: {"code":"***","client_id":"1111.2222","client_secret":"***","refresh_token":"***"}');
  expect(lines()[1].msg).toBe('{"response_url":"***","token":"***","text":"risk x"}');
});

it('prints readable lines for a terminal, scrubbed the same way', () => {
  const out = new PassThrough();
  let printed = '';
  out.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const logger = createLogger('info', prettyDestination(out), { secrets: ['cs-client-secret-1'] });
  logger.info({ team: 'T1' }, 'installed with cs-client-secret-1 and xoxb-9-9-abc');
  const plain = printed.replace(/\x1b\[[0-9;]*m/g, ''); // eslint-disable-line no-control-regex
  expect(plain).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: installed with \*\*\* and xoxb-\*\*\*\n {4}team: "T1"\n$/);
});
