// A long register paged with More in Slack: each page is fetched for real (not just the first 25
// rows), the rows come in register order (top score first), and no page is offered past the last.
import { checkMessage } from '../../../cards/blocks';
import { createRisk } from '../../../core/services';
import { WorkspaceModel } from '../../../models';
import { useTestDatabase } from '../../support/db';
import type { SlackCall } from '../../support/slack-api-stub';
import { useSlackBot } from '../../support/slack-harness';
import type { Where } from '../../support/slack-requests';

useTestDatabase();

type Json = Record<string, unknown>;

const NOW = new Date('2026-11-26T10:00:00Z');
const { stub, bot } = useSlackBot({ users: { UADA: { name: 'Ada Admin' } }, now: () => NOW });
const ADA: Where = { team: 'T1', user: 'UADA' };
const IN_DM: Where = { ...ADA, channel: 'DUADA', channelName: 'directmessage' };
const COUNT = 200;

/** Risk n's probability and impact: scores spread over 1–25 and out of key order, so the order is the sort's, not the insertion's. */
const scoring = (n: number) => ({ probability: ((n * 7) % 5) + 1, impact: ((n * 3) % 5) + 1 });
/** The register order listItems promises: top score first, then (no due dates here) the lower key. */
const expectedOrder: string[] = Array.from({ length: COUNT }, (_, i) => i + 1)
  .map((n) => ({ key: `R-${n}`, n, score: scoring(n).probability * scoring(n).impact }))
  .sort((a, b) => b.score - a.score || a.n - b.n)
  .map((r) => r.key);

beforeAll(async () => {
  await bot.sender.command('project add ZEUS "Zeus migration"', IN_DM);
  await bot.slack.idle();
  const ws = await WorkspaceModel.findOne({ platform: 'slack', externalId: 'T1' }).lean();
  for (let n = 1; n <= COUNT; n++) {
    await createRisk(ws!._id, { userId: 'UADA' }, { title: `Paged risk ${n}`, projectKey: 'ZEUS', ...scoring(n) }, NOW);
  }
}, 120_000);

/** What the bot sent for one request (the response_url post of a list, or its page). */
async function answer(send: () => Promise<unknown>): Promise<SlackCall> {
  const before = stub.calls.length;
  await send();
  await bot.slack.idle();
  const sent = stub.calls.slice(before).filter((c) => !['users.info', 'auth.test'].includes(c.method));
  expect(sent).toHaveLength(1);
  return sent[0];
}

const blocksOf = (call: SlackCall): Json[] => call.args.blocks as Json[];
/** The keys of the rows shown, top to bottom. */
const rowKeys = (call: SlackCall): string[] =>
  blocksOf(call).filter((b) => b.type === 'section' && b.accessory).map((b) => /^\*(R-\d+)\*/.exec((b.text as { text: string }).text)?.[1] ?? '?');

function pageButtons(call: SlackCall): { label: string; action_id: string; value: string; page: number }[] {
  return blocksOf(call)
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements as Json[])
    .filter((e) => (JSON.parse(String(e.value)) as Json).verb === 'pmo.list.page')
    .map((e) => ({ label: (e.text as { text: string }).text, action_id: String(e.action_id), value: String(e.value), page: Number((JSON.parse(String(e.value)) as Json).page) }));
}

describe('paging a 200-risk register with More', () => {
  it('shows every page’s own rows in score order, down to risks 181–200, and offers no page beyond', async () => {
    let shown = await answer(() => bot.sender.command('list risks project=ZEUS', IN_DM));
    expect(shown.args.text).toBe('200 risks');
    expect(rowKeys(shown)).toEqual(expectedOrder.slice(0, 20));

    for (let page = 2; page <= 10; page++) {
      const more = pageButtons(shown).find((b) => b.label.startsWith('More'));
      expect(more).toMatchObject({ page, label: `More (${(page - 1) * 20 + 1}–${page * 20} of 200)` });
      expect(JSON.parse(more!.value)).toMatchObject({ command: 'list risks project=ZEUS', pageSize: 20 });
      shown = await answer(() => bot.sender.click(IN_DM, more!, { message: { ts: '1700000000.000100' } }));
      expect(shown).toMatchObject({ method: 'response_url', args: { replace_original: true } });
      expect(checkMessage({ text: String(shown.args.text), blocks: blocksOf(shown) })).toEqual([]);
      expect(JSON.stringify(blocksOf(shown))).toContain(`Showing ${(page - 1) * 20 + 1}–${page * 20} of 200`);
      expect(rowKeys(shown)).toEqual(expectedOrder.slice((page - 1) * 20, page * 20));
    }

    // The last page: risks 181–200 of the register, a way back, and nothing further.
    expect(rowKeys(shown)).toEqual(expectedOrder.slice(180, 200));
    expect(pageButtons(shown).map((b) => [b.label, b.page])).toEqual([['Previous', 9]]);
    expect(JSON.stringify(blocksOf(shown))).not.toMatch(/more — narrow/);

    const back = await answer(() => bot.sender.click(IN_DM, pageButtons(shown)[0], { message: { ts: '1700000000.000100' } }));
    expect(rowKeys(back)).toEqual(expectedOrder.slice(160, 180));
  }, 60_000);

  it('brings a page past the end (a stale or forged button) back to the last one it can show', async () => {
    const value = JSON.stringify({ verb: 'pmo.list.page', kind: 'risk', page: 50, pageSize: 40, command: 'list risks project=ZEUS' });
    const last = await answer(() => bot.sender.click(IN_DM, { action_id: 'pmo.list.page:0', value }, { message: { ts: '1700000000.000100' } }));
    expect(JSON.stringify(blocksOf(last))).toContain('Showing 161–200 of 200');
    expect(rowKeys(last)).toEqual(expectedOrder.slice(160, 200));
    expect(pageButtons(last).map((b) => [b.label, b.page])).toEqual([['Previous', 4]]);
  });
});
