import { CARD_VERBS } from '../../../cards';
import { LIST_PAGE_VERB, actionData, checkMessage, listMessage } from '../../../cards/blocks';
import { bareRisk, change, issue, list } from '../fixtures';
import { allText, buttonData, buttons, ofType } from './block-query';

const rows = (blocks: Record<string, unknown>[]): Record<string, unknown>[] => blocks.filter((b) => b.type === 'section' && b.accessory);
const rowTexts = (blocks: Record<string, unknown>[]): string[] => rows(blocks).map((b) => (b.text as { text: string }).text);
const more = (blocks: Record<string, unknown>[]) => buttons(blocks).find((b) => String((b.text as { text: string }).text).startsWith('More'));

describe('listMessage', () => {
  it('pages 200 items 20 at a time within 50 blocks, with a More button for the next page', () => {
    const message = listMessage(list(200), { command: 'list risks overdue project=APOLLO' });
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    expect(rows(message.blocks)).toHaveLength(20);
    expect(allText(message.blocks)).toContain('Showing 1–20 of 200');
    expect(message.text).toBe('200 risks');
    const next = more(message.blocks);
    expect(next).toBeDefined();
    expect(actionData({ action_id: String(next?.action_id), value: String(next?.value) })).toEqual({
      verb: LIST_PAGE_VERB, kind: 'risk', page: 2, pageSize: 20, command: 'list risks overdue project=APOLLO',
    });
    expect(buttons(message.blocks).map((b) => (b.text as { text: string }).text)).not.toContain('Previous');
  });

  it('shows the page a More button asks for, and every page of 200 is valid', () => {
    const pages = Array.from({ length: 10 }, (_, i) => listMessage(list(200), { page: i + 1 }));
    pages.forEach((page, i) => {
      expect(checkMessage(page)).toEqual([]);
      expect(allText(page.blocks)).toContain(`Showing ${i * 20 + 1}–${i * 20 + 20} of 200`);
      expect(rowTexts(page.blocks)[0]).toContain(`*R-${i * 20 + 1}* Risk number ${i * 20 + 1}`);
    });
    const second = pages[1];
    expect(buttonData(second.blocks).filter((d) => (d as { verb: string }).verb === LIST_PAGE_VERB)).toEqual([
      { verb: LIST_PAGE_VERB, kind: 'risk', page: 1, pageSize: 20 },
      { verb: LIST_PAGE_VERB, kind: 'risk', page: 3, pageSize: 20 },
    ]);
    expect(more(pages[9].blocks)).toBeUndefined();
  });

  it('gives each row a Show button carrying pmo.item.show and its key', () => {
    const message = listMessage(list(3));
    expect(buttonData(message.blocks)).toEqual(['R-1', 'R-2', 'R-3'].map((key) => ({ verb: CARD_VERBS.showItem, key })));
    expect(rows(message.blocks)[0]).toMatchObject({ accessory: { text: { text: 'Show' }, action_id: 'pmo.item.show:0' } });
    expect(allText(message.blocks)).toContain('3 risks');
  });

  it('shows what matters per kind, the due date, overdue and the owner', () => {
    const [risk, issueRow, changeRow] = rowTexts(listMessage({ kind: 'issue', filters: '', items: [list(1).items[0], issue({ ownerName: 'Bo' }), change()], total: 3 }).blocks);
    expect(risk).toBe('*R-1* Risk number 1\n🔴 Critical · score 20 · due 2026-12-04 · *⚠ Overdue* · owner Ann Lee · APOLLO · Open');
    expect(issueRow).toContain('🟠 High priority');
    expect(issueRow).toContain('owner Bo');
    expect(changeRow).toContain('✅ Approved');
  });

  it('brings an out-of-range page or page size into range instead of failing', () => {
    const last = listMessage(list(200), { page: 99 });
    expect(allText(last.blocks)).toContain('Showing 181–200 of 200');
    const zero = listMessage(list(200), { page: 0, pageSize: 0 });
    expect(allText(zero.blocks)).toContain('Showing 1–1 of 200');
    const huge = listMessage(list(200), { pageSize: 1000 });
    expect(huge.blocks.length).toBeLessThanOrEqual(50);
    expect(checkMessage(huge)).toEqual([]);
    // The largest page still shows every row it counts, none dropped to fit.
    const shown = rows(huge.blocks).length;
    expect(shown).toBeGreaterThanOrEqual(20);
    expect(allText(huge.blocks)).toContain(`Showing 1–${shown} of 200`);
    expect(allText(huge.blocks)).not.toContain('not shown');
    expect(allText(listMessage(list(200), { page: Number.NaN }).blocks)).toContain('Showing 1–20 of 200');
  });

  it('says how many more there are past what a list can page through', () => {
    const message = listMessage(list(200, 1000), { page: 10 });
    expect(allText(message.blocks)).toContain('…and 800 more — narrow with project=KEY or mine');
    expect(more(message.blocks)).toBeUndefined();
  });

  it('offers the next page when the caller gave fewer items than matched, trusting the next run to fetch it', () => {
    // A run for page n fetches n × pageSize rows (core/runner listRowsFor): 25 rows answer page 1 in full.
    const first = listMessage(list(25, 120));
    expect(allText(first.blocks)).toContain('Showing 1–20 of 120');
    expect(buttonData(first.blocks)).toContainEqual({ verb: LIST_PAGE_VERB, kind: 'risk', page: 2, pageSize: 20 });
    const second = listMessage(list(40, 120), { page: 2 });
    expect(allText(second.blocks)).toContain('Showing 21–40 of 120');
    expect((more(second.blocks)?.text as { text: string }).text).toBe('More (41–60 of 120)');
  });

  it('never offers a page the run behind it could not fetch: a short answer to a page ends the paging there', () => {
    // 25 rows for page 2 (which asks for 40): that run could not give more, so a page 3 would loop.
    const message = listMessage(list(25, 120), { page: 2 });
    expect(allText(message.blocks)).toContain('Showing 21–25 of 120');
    expect(more(message.blocks)).toBeUndefined();
    expect(allText(message.blocks)).toContain('…and 95 more — narrow with project=KEY or mine');
    expect(buttonData(message.blocks)).toContainEqual({ verb: LIST_PAGE_VERB, kind: 'risk', page: 1, pageSize: 20 });
    // Fewer rows than a first page, with more matching: nothing to page to either.
    expect(more(listMessage(list(10, 50)).blocks)).toBeUndefined();
  });

  it('says when nothing matches, and uses singular and plural nouns', () => {
    expect(allText(listMessage(list(0)).blocks)).toContain('No matching risks.');
    expect(listMessage({ kind: 'change', filters: '', items: [change()], total: 1 }).text).toBe('1 change request');
    expect(ofType(listMessage(list(0)).blocks, 'actions')).toEqual([]);
  });

  it('escapes row text and keeps a long command out of the button rather than break its value', () => {
    const message = listMessage({ kind: 'risk', filters: '', items: [bareRisk(), { ...bareRisk(), key: 'R-2', title: '<b>&' }], total: 40 }, { pageSize: 1, command: 'x'.repeat(5000) });
    expect(rowTexts(message.blocks)).toEqual(['*R-1* x\n🟢 Low · score 1 · P · Open']);
    expect(buttonData(message.blocks)).toContainEqual({ verb: LIST_PAGE_VERB, kind: 'risk', page: 2, pageSize: 1 });
    expect(allText(listMessage({ ...list(0), items: [{ ...bareRisk(), title: '<b>&' }], total: 1 }).blocks)).toContain('*R-1* &lt;b&gt;&amp;');
  });
});
