// The HTTP contract with Slack: signatures, replay window, url_verification, ack-first, retries, 429s.
import { InboundRequestModel, WorkspaceModel } from '../../../models';
import { useTestDatabase } from '../../support/db';
import { useSlackBot } from '../../support/slack-harness';

useTestDatabase();

const { stub, bot, startAnother } = useSlackBot({ users: { UADA: { name: 'Ada Admin' } } });
const T1 = { team: 'T1', user: 'UADA' };
const now = (): number => Math.floor(Date.now() / 1000);
afterEach(async () => {
  await bot.slack.idle();
});

const posts = (since: number) => stub.callsTo('chat.postMessage', since);

describe('Slack over HTTP', () => {
  it('answers url_verification with its challenge', async () => {
    const body = JSON.stringify({ token: 't', challenge: 'c-123', type: 'url_verification' });
    const res = await bot.sender.send(body, 'application/json');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'c-123' });
  });

  it.each([
    ['a forged signature', { signature: 'v0=0000000000000000000000000000000000000000000000000000000000000000' }],
    ['no signature', { signature: null }],
    ['a timestamp 6 minutes old', { timestamp: now() - 6 * 60 }],
    ['a timestamp 6 minutes ahead', { timestamp: now() + 6 * 60 }],
  ])('refuses %s with 401 and does nothing', async (_what, opts) => {
    const before = stub.calls.length;
    const { res } = await bot.sender.command('help', { team: 'T-REFUSED', user: 'UEVE' }, opts);
    expect(res.status).toBe(401);
    await bot.slack.idle();
    expect(stub.calls.length).toBe(before);
    expect(await WorkspaceModel.countDocuments({ externalId: 'T-REFUSED' })).toBe(0);
  });

  it('takes a timestamp within the five minutes either way', async () => {
    expect((await bot.sender.command('help', T1, { timestamp: now() + 4 * 60 })).res.status).toBe(200);
    expect((await bot.sender.command('help', T1, { timestamp: now() - 4 * 60 })).res.status).toBe(200);
  });

  it('acknowledges a slash command once it is recorded, before any other work, then answers on its response_url', async () => {
    // A fresh instance asks auth.test on first use; slowing it holds all work after the ack.
    const fresh = await startAnother();
    stub.delay('auth.test', 1500);
    try {
      const before = stub.calls.length;
      const { res, triggerId, responseId } = await fresh.sender.command('help', { team: 'T1', user: 'USLOW', channel: 'CGENERAL' });
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('');
      // Answered while auth.test is still held: only the record of the request came first.
      expect(stub.callsTo('response_url', before)).toHaveLength(0);
      expect(await InboundRequestModel.findById(`slack:T1:command:${triggerId}`).lean()).toMatchObject({ state: 'pending', platform: 'slack', team: 'T1' });
      await fresh.slack.idle();
      expect(await InboundRequestModel.findById(`slack:T1:command:${triggerId}`).lean()).toMatchObject({ state: 'done', work: null });
      const [reply] = stub.callsTo('response_url', before);
      expect(reply.args).toMatchObject({ responseUrlId: responseId, response_type: 'ephemeral' });
      expect(JSON.stringify(reply.args.blocks)).toMatch(/risk \[title\]/);
    } finally {
      stub.delay('auth.test', 0);
      await fresh.close();
    }
  });

  it('records an event, a mention and a button before answering them, and carries them out after', async () => {
    const fresh = await startAnother();
    stub.delay('auth.test', 1500); // holds all work after the 200 (a fresh instance asks auth.test first)
    try {
      const dm = await fresh.sender.dm('help', T1);
      const mention = await fresh.sender.mention('help', { ...T1, channel: 'CGENERAL' });
      const page = JSON.stringify({ verb: 'pmo.list.page', kind: 'risk', page: 2, pageSize: 20 });
      const click = await fresh.sender.click(T1, { action_id: 'pmo.list.page:1', value: page }, {});
      expect([dm.res.status, mention.res.status, click.status]).toEqual([200, 200, 200]);
      const records = () => InboundRequestModel.find({ _id: { $in: [`slack:T1:event:${dm.eventId}`, `slack:T1:event:${mention.eventId}`] } }).lean();
      expect((await records()).map((r) => r.state)).toEqual(['pending', 'pending']);
      expect(await InboundRequestModel.countDocuments({ _id: /^slack:T1:action:/, state: 'pending' })).toBe(1);
      await fresh.slack.idle();
      expect((await records()).map((r) => r.state)).toEqual(['done', 'done']);
      expect(await InboundRequestModel.countDocuments({ _id: /^slack:T1:action:/, state: 'pending' })).toBe(0);
    } finally {
      stub.delay('auth.test', 0);
      await fresh.close();
    }
  });

  it('refuses a signed request from a team other than the installed one: no workspace, no answer', async () => {
    const before = stub.calls.length;
    const { res, triggerId } = await bot.sender.command('risk Foreign p=1 i=1', { team: 'T-OTHER', user: 'UEVE', channel: 'CX' });
    expect(res.status).toBe(200);
    await bot.slack.idle();
    expect(stub.callsTo('response_url', before)).toHaveLength(0);
    expect(stub.callsTo('chat.postMessage', before)).toHaveLength(0);
    expect(await WorkspaceModel.countDocuments({ externalId: 'T-OTHER' })).toBe(0);
    expect(await InboundRequestModel.findById(`slack:T-OTHER:command:${triggerId}`).lean()).toMatchObject({ state: 'done' });
  });

  it('processes an event once when Slack retries it (X-Slack-Retry-Num)', async () => {
    const before = stub.calls.length;
    const first = await bot.sender.dm('help', T1, { eventId: 'EvRETRY1' });
    await bot.slack.idle();
    const retry = await bot.sender.dm('help', T1, { eventId: 'EvRETRY1', retryNum: 1 });
    await bot.slack.idle();
    expect(first.res.status).toBe(200);
    expect(retry.res.status).toBe(200);
    expect(posts(before)).toHaveLength(1);
    expect(await InboundRequestModel.countDocuments({ _id: 'slack:T1:event:EvRETRY1' })).toBe(1);
  });

  it('processes an event once when two instances both receive it', async () => {
    const other = await startAnother();
    try {
      const before = stub.calls.length;
      await Promise.all([
        bot.sender.dm('help', T1, { eventId: 'EvTWICE' }),
        other.sender.dm('help', T1, { eventId: 'EvTWICE' }),
      ]);
      await Promise.all([bot.slack.idle(), other.slack.idle()]);
      expect(posts(before)).toHaveLength(1);
    } finally {
      await other.close();
    }
  });

  it('waits out a 429 as Retry-After says, then succeeds', async () => {
    stub.rateLimit('chat.postMessage', 1);
    const before = stub.calls.length;
    await bot.sender.dm('help', T1);
    await bot.slack.idle();
    const tries = posts(before);
    expect(tries).toHaveLength(2);
    expect(tries[1].at - tries[0].at).toBeGreaterThanOrEqual(950);
  });

  it('gives up at once on a Retry-After too long to wait, so a turn never hangs', async () => {
    stub.rateLimit('chat.postMessage', 600);
    const before = stub.calls.length;
    await bot.sender.dm('help', T1);
    await bot.slack.idle(); // waiting out the ten minutes would fail this test on its timeout long before
    // The refused reply is not retried; the turn ends with an apology instead of waiting ten minutes.
    const tries = posts(before);
    expect(tries).toHaveLength(2);
    expect(tries[1].args.text).toMatch(/^Sorry, something went wrong/);
  });

  it('ignores the bot’s own messages and message edits', async () => {
    const before = stub.calls.length;
    await bot.sender.event('T1', { type: 'message', channel: 'DUADA', channel_type: 'im', user: 'UBOT', bot_id: 'B1', text: 'help', ts: '1.1' });
    await bot.sender.event('T1', { type: 'message', subtype: 'message_changed', channel: 'DUADA', channel_type: 'im', ts: '1.2' });
    await bot.slack.idle();
    expect(posts(before)).toHaveLength(0);
  });
});
