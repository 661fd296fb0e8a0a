// The inbox's promises on the real database: one record per request, leases that move on, retries that end.
import pino from 'pino';
import { Inbox, type InboundMeta } from '../../bot/inbox/inbox';
import { InboundRequestModel } from '../../models';
import { useTestDatabase } from '../support/db';

useTestDatabase();

const logger = pino({ level: 'silent' });
let clock = Date.parse('2026-12-07T10:00:00Z');
const now = (): number => clock;
const inboxAs = (holder: string, options: Partial<ConstructorParameters<typeof Inbox>[0]> = {}): Inbox =>
  new Inbox({ holder, logger, now, leaseMs: 30_000, ...options });

beforeEach(async () => {
  clock = Date.parse('2026-12-07T10:00:00Z');
  await InboundRequestModel.deleteMany({});
});

describe('Inbox', () => {
  it('records a request once: a retry or a second instance gets false', async () => {
    const a = inboxAs('a');
    const b = inboxAs('b');
    expect(await a.record('slack:T1:command:x1', 'slack', 'T1', { hello: 'world' })).toBe(true);
    expect(await a.record('slack:T1:command:x1', 'slack', 'T1', { hello: 'world' })).toBe(false);
    expect(await b.record('slack:T1:command:x1', 'slack', 'T1', { hello: 'world' })).toBe(false);
    expect(await InboundRequestModel.findById('slack:T1:command:x1').lean()).toMatchObject({
      state: 'pending', holder: 'a', attempts: 1, work: JSON.stringify({ hello: 'world' }),
    });
  });

  it('records a burst together and still tells each request whether it won, duplicates inside one batch included', async () => {
    const a = inboxAs('a');
    const keys = Array.from({ length: 50 }, (_, i) => `slack:T1:command:burst-${i % 40}`); // the last ten repeat the first ten
    const won = await Promise.all(keys.map((k) => a.record(k, 'slack', 'T1', { k })));
    expect(won.filter(Boolean)).toHaveLength(40);
    expect(won.slice(40)).toEqual(Array(10).fill(false));
    expect(await InboundRequestModel.countDocuments({ _id: /burst/ })).toBe(40);
    expect(await InboundRequestModel.findById('slack:T1:command:burst-3').lean()).toMatchObject({ state: 'pending', attempts: 1, work: JSON.stringify({ k: keys[3] }) });
  });

  it('claims a Teams activity once, for good: taken is final, whatever the time or the instance', async () => {
    const a = inboxAs('a');
    const b = inboxAs('b');
    expect(await a.claim('msteams:t:c:1', 'teams', 't')).toBe(true);
    expect(await b.claim('msteams:t:c:1', 'teams', 't')).toBe(false);
    clock += 31_000;
    expect(await b.claim('msteams:t:c:1', 'teams', 't')).toBe(false);
    expect(await InboundRequestModel.findById('msteams:t:c:1').lean()).toMatchObject({ state: 'done', attempts: 1, holder: 'a', work: null });
  });

  it('hands a dead holder’s request to the sweep of another instance, as a retry received when it was', async () => {
    const dead = inboxAs('dead');
    await dead.record('slack:T1:command:x2', 'slack', 'T1', { n: 2 });
    const seen: [unknown, InboundMeta][] = [];
    const alive = inboxAs('alive');
    alive.handle('slack', (work, meta) => alive.carryOut(meta.key, work, meta, async (w, m) => void seen.push([w, m])));
    await alive.sweep();
    expect(seen).toHaveLength(0); // still leased
    clock += 31_000;
    await alive.sweep();
    await new Promise((r) => setImmediate(r));
    await waitFor(async () => (await InboundRequestModel.findById('slack:T1:command:x2').lean())?.state === 'done');
    expect(seen).toEqual([[{ n: 2 }, { key: 'slack:T1:command:x2', receivedAt: new Date('2026-12-07T10:00:00Z'), retry: true }]]);
    await alive.sweep();
    expect(seen).toHaveLength(1);
  });

  it('tries a failing request again later, and gives up after the last attempt with the reason', async () => {
    const inbox = inboxAs('solo', { maxAttempts: 3 });
    await inbox.record('slack:T1:command:x3', 'slack', 'T1', {});
    const failing = async (): Promise<void> => {
      throw new Error('database went away');
    };
    await inbox.carryOut('slack:T1:command:x3', {}, { key: 'slack:T1:command:x3', receivedAt: new Date(clock), retry: false }, failing);
    let doc = await InboundRequestModel.findById('slack:T1:command:x3').lean();
    expect(doc).toMatchObject({ state: 'pending', attempts: 1, error: 'database went away' });
    expect(doc!.leaseUntil.getTime()).toBe(clock + 30_000);
    let tries = 1;
    inbox.handle('slack', (work, meta) => inbox.carryOut(meta.key, work, meta, async () => {
      tries += 1;
      await failing();
    }));
    for (const wait of [60_000, 90_000]) {
      clock += wait + 1;
      await inbox.sweep();
      // The attempt is counted when it is taken and its outcome written when it fails: wait for the outcome.
      // A failure that will be tried again pushes the lease out by the attempts so far; the last one fails the request.
      const last = wait === 90_000;
      await waitFor(async () => {
        const now = await InboundRequestModel.findById('slack:T1:command:x3').lean();
        if (now?.attempts !== tries || tries < 2) return false;
        return last ? now.state === 'failed' : now.leaseUntil.getTime() === clock + 30_000 * tries;
      });
    }
    doc = await InboundRequestModel.findById('slack:T1:command:x3').lean();
    expect(doc).toMatchObject({ state: 'failed', attempts: 3, error: 'database went away' });
  });

  it('prunes finished, failed and Teams requests after a day, never pending work', async () => {
    const inbox = inboxAs('pruner');
    await inbox.record('slack:T1:command:old-pending', 'slack', 'T1', { keep: true });
    await inbox.claim('msteams:t:c:old', 'teams', 't');
    await inbox.record('slack:T1:command:old-failed', 'slack', 'T1', {});
    await InboundRequestModel.updateOne({ _id: 'slack:T1:command:old-failed' }, { $set: { state: 'failed' } });
    await inbox.record('slack:T1:command:old-done', 'slack', 'T1', {});
    await inbox.finish('slack:T1:command:old-done');
    clock += 25 * 60 * 60_000;
    await inbox.record('slack:T1:command:new-done', 'slack', 'T1', {});
    await inbox.finish('slack:T1:command:new-done');
    await inbox.sweep();
    const left = (await InboundRequestModel.find({ _id: /old|new/ }, { _id: 1 }).lean()).map((d) => d._id).sort();
    expect(left).toEqual(['slack:T1:command:new-done', 'slack:T1:command:old-pending']);
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
