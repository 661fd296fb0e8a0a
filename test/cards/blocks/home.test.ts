import { CARD_VERBS } from '../../../cards';
import { HOME_CALLBACK_ID, checkLimits, homeTab } from '../../../cards/blocks';
import type { HomeView } from '../../../core/home-view';
import { EMOJI_LONG, STARS_LONG, change, issue, risk } from '../fixtures';
import { allText, buttonData, ofType } from './block-query';

const empty: HomeView = { displayName: 'Ada', items: [], projects: [] };

describe('homeTab', () => {
  it('greets the person and says so when they have no projects and nothing open', () => {
    const tab = homeTab(empty);
    expect(tab).toMatchObject({ type: 'home', callback_id: HOME_CALLBACK_ID });
    expect(tab.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Hi Ada, here is your PMO view' } });
    const text = allText(tab.blocks);
    expect(text).toContain('No projects yet: you are not PM of one and own no open item.');
    expect(text).toContain('Nothing open is yours. Well done.');
    expect(checkLimits('modal', tab.blocks)).toEqual([]);
  });

  it('lists projects with their RAG and week, and which the person runs', () => {
    const tab = homeTab({
      ...empty,
      projects: [
        { key: 'APOLLO', name: 'Apollo launch', rag: 'amber', period: '2026-W48', managed: true },
        { key: 'ZEUS', name: 'Zeus migration', managed: false },
      ],
    });
    const text = allText(tab.blocks);
    expect(text).toContain('*APOLLO* Apollo launch — 🟠 Amber · 2026-W48 · you are PM\n*ZEUS* Zeus migration — ⚪ No status yet');
    expect(text).not.toContain('No projects yet');
  });

  it('groups open items by kind with a Show button each, and points to the list past those shown', () => {
    const tab = homeTab({
      ...empty,
      items: [
        { kind: 'risk', total: 9, items: [risk({ overdue: true })] },
        { kind: 'issue', total: 0, items: [] },
        { kind: 'change', total: 3, items: [change()] },
      ],
    });
    const text = allText(tab.blocks);
    expect(text).toContain('*Risks* · 9');
    expect(text).not.toContain('*Issues*');
    expect(text).toContain('*R-7* Vendor API may slip\n🔴 Critical · score 20 · due 2026-12-04 · *⚠ Overdue* · APOLLO');
    expect(text).toContain('_…and 8 more: `/pmo list risks mine`_');
    expect(text).toContain('_…and 2 more: `/pmo list changes mine`_');
    expect(buttonData(tab.blocks)).toEqual([{ verb: CARD_VERBS.showItem, key: 'R-7' }, { verb: CARD_VERBS.showItem, key: 'C-12' }]);
    expect(checkLimits('modal', tab.blocks)).toEqual([]);
  });

  it('stays valid Block Kit at its largest: 30 long-named projects and 8 long items of each kind', () => {
    const projects = Array.from({ length: 30 }, (_, i) => ({ key: `P${i}${STARS_LONG}`, name: EMOJI_LONG, rag: 'red' as const, period: '2026-W48', managed: i % 2 === 0 }));
    const eight = <T>(make: (n: number) => T): T[] => Array.from({ length: 8 }, (_, n) => make(n));
    const tab = homeTab({
      displayName: EMOJI_LONG,
      projects,
      items: [
        { kind: 'risk', total: 200, items: eight((n) => risk({ key: `R-${n}`, title: EMOJI_LONG, project: STARS_LONG })) },
        { kind: 'issue', total: 200, items: eight((n) => issue({ key: `I-${n}`, title: STARS_LONG, due: '2026-12-04' })) },
        { kind: 'change', total: 200, items: eight((n) => change({ key: `C-${n}`, title: EMOJI_LONG })) },
      ],
    });
    expect(checkLimits('modal', tab.blocks)).toEqual([]);
    expect(ofType(tab.blocks, 'section').length).toBeGreaterThan(24);
  });
});
