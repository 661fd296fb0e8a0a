// Every job card passes the Adaptive Cards checker and Teams' size limit, however big the portfolio.
import { JOB_VERBS, isJobActionData, jobMessageCard } from '../../../cards/jobs';
import type { AdaptiveCard } from '../../../cards';
import type { JobMessage } from '../../../jobs/types';
import type { DigestView } from '../../../core/job-views';
import { MAX_CARD_BYTES, cardBytes } from '../card-checker';
import { allText, nodes } from '../card-query';
import { checkJobCard } from './check';
import { bigDigest, bigNudge, bigReminder, digestMessage, noticeMessage, nudgeMessage, ownerReminder, pmReminder } from './fixtures';

const cases: [string, () => JobMessage[]][] = [
  ['the fixture digest', () => [digestMessage()]],
  ['a PM reminder', () => [pmReminder()]],
  ['an owner reminder', () => [ownerReminder()]],
  ['a nudge', () => [nudgeMessage()]],
  ['a 300-project digest with emoji names', () => bigDigest(300)],
  ['a full 300-project digest with its continuation pages', () => bigDigest(300, { allProjects: true })],
  ['a digest of a portfolio with no projects', () => bigDigest(0)],
  ['a reminder of 40 items with awkward titles', () => [bigReminder(40)]],
  ['a nudge for 35 projects', () => [bigNudge(35)]],
  ['a change to decide', () => [noticeMessage()]],
  ['a notice of 40 long lines', () => [noticeMessage(40)]],
];

describe.each(cases)('%s', (_what, messages) => {
  it('passes the checker and stays under 28 KB', () => {
    for (const message of messages()) {
      const card = jobMessageCard(message);
      expect(checkJobCard(card)).toEqual([]);
      expect(cardBytes(card)).toBeLessThan(MAX_CARD_BYTES);
    }
  });
});

const actions = (card: AdaptiveCard) => nodes(card).filter((n) => n.type === 'Action.Submit').map((n) => n.data);

describe('the digest card', () => {
  it('reads at a glance: RAG tiles and bars, key numbers, projects, top risks, activity, missing updates', () => {
    const text = allText(jobMessageCard(digestMessage()));
    for (const expected of ['Portfolio digest · DIGITAL', 'Week 48 · 23–29 Nov 2026', 'Red', '+1 vs last week', 'open high/critical risks',
      '**APOLLO** Apollo', 'Red · ▼ worse', 'updated 3 days ago', '2 high risks · 2 overdue', 'Top risks', '**R-1**', 'Week 48 in the registers',
      '**Opened 1** — 1 risk', 'No status update for week 48: 1', '**HERMES** (Sam Patel)']) {
      expect(text).toContain(expected);
    }
    const card = jobMessageCard(digestMessage());
    const bars = nodes(card).filter((n) => n.type === 'Image');
    expect(bars.map((n) => n.altText)).toEqual([
      'Week 48: 1 red, 0 amber, 1 green, 1 no update', 'Week before: 0 red, 1 amber, 1 green, 1 no update',
      // The 5×5 heat map of the open risks (issue 14), in the card as a data URI without PUBLIC_URL.
      'Heat map of 3 open risks by probability (up) and impact (right): 1 at P4×I5, 1 at P4×I3, 1 at P2×I3.',
    ]);
    expect(bars.every((n) => String(n.url).startsWith('data:image/png;base64,'))).toBe(true);
  });

  it('ends a large portfolio with how many more and the command to see them all', () => {
    const [message] = bigDigest(300);
    const card = jobMessageCard(message);
    const view = message.view as DigestView;
    const lines = nodes(card.body).filter((n) => n.type === 'ColumnSet' && n.separator === true);
    expect(lines.length).toBeGreaterThan(0);
    expect(allText(card)).toContain(`…and ${300 - lines.length} more — type **digest BIG** to see all.`);
    expect(view.totalProjects).toBe(300);
  });

  it('never loses a project from a full digest and its continuation pages', () => {
    const text = bigDigest(300, { allProjects: true }).map((m) => allText(jobMessageCard(m))).join('\n');
    for (let i = 1; i <= 300; i++) expect(text).toContain(`**PROJECT-${String(i).padStart(4, '0')}**`);
    expect(text).toContain('The other 285 follow below.');
  });

  it('escapes Markdown in names and titles', () => {
    const [message] = bigDigest(3);
    expect(allText(jobMessageCard(message))).toContain('\\*\\*Bold?\\*\\*');
  });
});

describe('the reminder card', () => {
  it('has Mark done, Snooze a week and Set due date with the date input for each item', () => {
    const card = jobMessageCard(pmReminder());
    expect(actions(card)).toEqual([
      { verb: JOB_VERBS.itemDone, key: 'R-1' }, { verb: JOB_VERBS.itemSnooze, key: 'R-1', days: 7 }, { verb: JOB_VERBS.itemDue, key: 'R-1' },
      { verb: JOB_VERBS.itemDone, key: 'R-2' }, { verb: JOB_VERBS.itemSnooze, key: 'R-2', days: 7 }, { verb: JOB_VERBS.itemDue, key: 'R-2' },
      { verb: JOB_VERBS.itemDone, key: 'I-1' }, { verb: JOB_VERBS.itemSnooze, key: 'I-1', days: 7 }, { verb: JOB_VERBS.itemDue, key: 'I-1' },
    ]);
    expect(actions(card).every(isJobActionData)).toBe(true);
    const inputs = nodes(card).filter((n) => n.type === 'Input.Date');
    expect(inputs.map((n) => [n.id, n.min, n.value])).toEqual([
      ['due_R-1', '2026-12-01', '2026-12-07'], ['due_R-2', '2026-12-01', '2026-12-07'], ['due_I-1', '2026-12-01', '2026-12-07'],
    ]);
    // Mark done and Snooze must not be held up by the date inputs of other items.
    const quick = nodes(card).filter((n) => n.type === 'Action.Submit' && (n.data as { verb: string }).verb !== JOB_VERBS.itemDue);
    expect(quick.every((n) => n.associatedInputs === 'none')).toBe(true);
    expect(allText(card)).toContain('10 days overdue');
    expect(allText(card)).toContain('Hi Sam Patel, 3 items are overdue on **APOLLO**, **HERMES**');
  });

  it('stops before the size limit and says where the rest are', () => {
    const text = allText(jobMessageCard(bigReminder(40)));
    expect(text).toMatch(/…and \d+ more — type \*\*list risks overdue project=APOLLO\*\* to see them\./);
  });
});

describe('the nudge card', () => {
  it('has one Update button per project that starts the status dialog', () => {
    const card = jobMessageCard(nudgeMessage());
    expect(actions(card)).toEqual([{ verb: JOB_VERBS.start, command: 'status', project: 'ZEUS' }]);
    expect(allText(jobMessageCard(bigNudge(35)))).toContain('…and 15 more — type **status PROJECT** for each.');
  });
});

describe('the notice of a change to decide', () => {
  it('shows its lines (25 at most, then how many more) and Approve/Reject for its key', () => {
    const card = jobMessageCard(noticeMessage(40));
    expect(actions(card)).toEqual([{ verb: JOB_VERBS.itemApprove, key: 'C-12' }, { verb: JOB_VERBS.itemReject, key: 'C-12' }]);
    expect(allText(card)).toContain('…and 15 more.');
    const plain = jobMessageCard({ kind: 'notice', view: { title: 'C-3 was approved', lines: ['Approved by Ada.'] } });
    expect(actions(plain)).toEqual([]);
  });
});
