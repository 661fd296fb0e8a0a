// Every job message as Block Kit: inside Slack's limits, escaped, and with the button data the handlers expect.
import { JOB_VERBS, renderJobMessageForSlack } from '../../../cards/jobs';
import { escapeMrkdwn } from '../../../cards/jobs/slack-kit';
import type { JobMessage } from '../../../jobs/types';
import { nodes } from '../card-query';
import { blockProblems } from './check';
import { AWKWARD, bigDigest, bigNudge, bigReminder, digestMessage, noticeMessage, nudgeMessage, ownerReminder, pmReminder } from './fixtures';

type Json = Record<string, unknown>;
const cases: [string, () => JobMessage[]][] = [
  ['the fixture digest', () => [digestMessage()]],
  ['a PM reminder', () => [pmReminder()]],
  ['an owner reminder', () => [ownerReminder()]],
  ['a nudge', () => [nudgeMessage()]],
  ['a full 300-project digest with awkward names', () => bigDigest(300, { allProjects: true })],
  ['a reminder of 40 items', () => [bigReminder(40)]],
  ['a nudge for 35 projects', () => [bigNudge(35)]],
  ['a change to decide', () => [noticeMessage()]],
  ['a notice of 40 long lines', () => [noticeMessage(40)]],
];

it.each(cases)('%s stays inside every Block Kit limit', (_what, messages) => {
  for (const message of messages()) {
    const { text, blocks } = renderJobMessageForSlack(message);
    expect(blockProblems(blocks)).toEqual([]);
    expect(text.length).toBeGreaterThan(0);
    expect(blocks.length).toBeLessThanOrEqual(50);
  }
});

const mrkdwnText = (blocks: Json[]) => nodes(blocks).filter((n) => n.type === 'mrkdwn').map((n) => String(n.text)).join('\n');
const buttons = (blocks: Json[]) => nodes(blocks).filter((n) => n.type === 'button');

describe('the digest in Slack', () => {
  it('has the roll-up as bars and numbers, the project lines, top risks, activity and missing updates', () => {
    const text = mrkdwnText(renderJobMessageForSlack(digestMessage()).blocks);
    for (const expected of ['🟥', '🟩', '⬜', '*Red*\n1  (+1 vs last week)', '*Overdue items*\n3', '🔴 *APOLLO* Apollo — Sam Patel · Red ▼ worse · updated 3 days ago · 2 high risks · 2 overdue',
      '*Top risks*', '`20` *R-1*', '*Opened 1* — 1 risk', '*No status update for week 48: 1*\n*HERMES* (Sam Patel)']) {
      expect(text).toContain(expected);
    }
  });

  it('ends a large portfolio with the command to see all, and escapes &, < and >', () => {
    const [digest] = bigDigest(300);
    const { blocks } = renderJobMessageForSlack(digest);
    const text = mrkdwnText(blocks);
    expect(text).toContain('…and 285 more — type `digest BIG` to see all.');
    expect(text).toContain('&lt;@U123&gt; &amp; &lt;!channel&gt;');
    expect(text).not.toContain('<@U123>');
  });
});

describe('the reminder in Slack', () => {
  it('gives each item done, snooze, a date picker with block_id and action_id due_<key>, and set due date', () => {
    const { blocks } = renderJobMessageForSlack(pmReminder());
    const rows = blocks.filter((b) => b.type === 'actions');
    expect(rows.map((b) => b.block_id)).toEqual(['due_R-1', 'due_R-2', 'due_I-1']);
    const first = rows[0].elements as Json[];
    expect(first.map((e) => [e.type, e.action_id])).toEqual([
      ['button', 'pmo.item.done:1'], ['button', 'pmo.item.snooze:2'], ['datepicker', 'due_R-1'], ['button', 'pmo.item.due:3'],
    ]);
    expect(first[2]).toMatchObject({ initial_date: '2026-12-07' });
    expect(buttons(blocks).map((b) => JSON.parse(String(b.value)))).toEqual([
      { verb: JOB_VERBS.itemDone, key: 'R-1' }, { verb: JOB_VERBS.itemSnooze, key: 'R-1', days: 7 }, { verb: JOB_VERBS.itemDue, key: 'R-1' },
      { verb: JOB_VERBS.itemDone, key: 'R-2' }, { verb: JOB_VERBS.itemSnooze, key: 'R-2', days: 7 }, { verb: JOB_VERBS.itemDue, key: 'R-2' },
      { verb: JOB_VERBS.itemDone, key: 'I-1' }, { verb: JOB_VERBS.itemSnooze, key: 'I-1', days: 7 }, { verb: JOB_VERBS.itemDue, key: 'I-1' },
    ]);
    expect(buttons(blocks).every((b) => String(b.action_id).startsWith(`${JSON.parse(String(b.value)).verb}:`))).toBe(true);
    expect(mrkdwnText(blocks)).toContain(':warning: *10 days overdue* · Critical · score 20');
  });

  it('says where the rest are when an owner has more than fit', () => {
    const { blocks } = renderJobMessageForSlack(bigReminder(40));
    expect(mrkdwnText(blocks)).toContain('…and 25 more — type `list risks overdue project=APOLLO` to see them.');
  });
});

describe('the nudge in Slack', () => {
  it('has an Update button per project that starts the status dialog', () => {
    const { text, blocks } = renderJobMessageForSlack(nudgeMessage());
    expect(text).toBe('Status update due for week 49: ZEUS');
    expect(buttons(blocks).map((b) => [b.action_id, JSON.parse(String(b.value))])).toEqual([
      ['pmo.start:1', { verb: JOB_VERBS.start, command: 'status', project: 'ZEUS' }],
    ]);
  });
});

it('escapes exactly &, < and > for mrkdwn', () => {
  expect(escapeMrkdwn('a & b <c> &amp;')).toBe('a &amp; b &lt;c&gt; &amp;amp;');
  expect(escapeMrkdwn(AWKWARD)).not.toMatch(/[<>]/);
});

describe('the notice of a change to decide in Slack', () => {
  it('has Approve and Reject carrying its key, and none when there is nothing to decide', () => {
    const { blocks } = renderJobMessageForSlack(noticeMessage());
    expect(buttons(blocks).map((b) => JSON.parse(String(b.value)))).toEqual([{ verb: JOB_VERBS.itemApprove, key: 'C-12' }, { verb: JOB_VERBS.itemReject, key: 'C-12' }]);
    expect(buttons(renderJobMessageForSlack({ kind: 'notice', view: { title: 'C-3 was rejected', lines: ['Rejected by Ada.'] } }).blocks)).toEqual([]);
  });
});
