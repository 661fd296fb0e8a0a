// Issue 14 on Slack: `mine` from /pmo, the same at the top of the App Home, and `away` — signed requests, Block Kit checked.
import { checkLimits, checkMessage } from '../../../cards/blocks';
import { PersonModel } from '../../../models';
import { useTestDatabase } from '../../support/db';
import type { SlackCall } from '../../support/slack-api-stub';
import { useSlackBot } from '../../support/slack-harness';
import type { Where } from '../../support/slack-requests';

useTestDatabase();

// Thursday 26 Nov 2026, 10:00 UTC.
const NOW = new Date('2026-11-26T10:00:00Z');
const { stub, bot } = useSlackBot({ users: { UADA: { name: 'Ada Admin' }, UBOB: { name: 'Bob Builder' } }, now: () => NOW });
const ADA: Where = { team: 'T1', user: 'UADA', channel: 'CAPOLLO', channelName: 'apollo' };
const BOB: Where = { team: 'T1', user: 'UBOB', channel: 'CAPOLLO', channelName: 'apollo' };

async function after(send: () => Promise<unknown>): Promise<SlackCall[]> {
  const before = stub.calls.length;
  await send();
  await bot.slack.idle();
  return stub.calls.slice(before).filter((c) => !['users.info', 'auth.test'].includes(c.method));
}

beforeAll(async () => {
  for (const [text, who] of [
    ['project add APOLLO "Apollo launch" pm=<@UADA>', ADA],
    ['risk Vendor API may slip p=4 i=5 due=2026-11-20 project=APOLLO', BOB],
    ['issue Test rig booked due=2026-11-28 project=APOLLO', BOB],
  ] as const) {
    await after(() => bot.sender.command(text, who));
  }
});

describe('the PMO week on Slack', () => {
  it('answers /pmo mine with one Block Kit message of what needs me, with buttons', async () => {
    const [reply] = await after(() => bot.sender.command('mine', BOB));
    expect(reply.args.text).toBe('What needs you, Bob Builder: 1 overdue, 1 due this week');
    const blocks = reply.args.blocks as Record<string, unknown>[];
    expect(checkMessage({ text: String(reply.args.text), blocks: blocks as never })).toEqual([]);
    const shown = JSON.stringify(blocks);
    expect(shown).toContain('Overdue (1)');
    expect(shown).toContain('Due this week, to 2026-11-29 (1)');
    expect(shown).toContain('{\\"verb\\":\\"pmo.item.show\\",\\"key\\":\\"R-1\\"}');
  });

  it('puts the same at the top of the App Home: the PM sees the missing status update with an Update button', async () => {
    const [published] = await after(() => bot.sender.event('T1', { type: 'app_home_opened', user: 'UADA', channel: 'DUADA', tab: 'home', event_ts: '1.2' }));
    const view = published.args.view as { blocks: Record<string, unknown>[] };
    expect(checkLimits('modal', view.blocks)).toEqual([]);
    const shown = JSON.stringify(view.blocks);
    expect(shown).toContain('What needs you, Ada Admin');
    expect(shown).toContain('Status updates missing for 2026-W48 (1)');
    expect(shown).toContain('{\\"verb\\":\\"pmo.start\\",\\"command\\":\\"status\\",\\"project\\":\\"APOLLO\\"}');
  });

  it('records away until a date given in plain English, in the workspace zone', async () => {
    const [reply] = await after(() => bot.sender.command('away until next friday', BOB));
    expect(reply.args.text).toMatch(/^You are away through Fri 4 Dec 2026:/);
    expect(await PersonModel.findOne({ platformUserId: 'UBOB' }).lean()).toMatchObject({ awayUntil: '2026-12-04' });
  });
});
