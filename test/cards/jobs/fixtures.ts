// Job messages for the card tests, made by the planners from the planner fixtures, plus awkward ones.
import { planDigest, planNudges, planReminders } from '../../../jobs/planners';
import type { JobMessage } from '../../../jobs/types';
import { MONDAY, digestData, issue, nudgeData, portfolio, project, reminderData, risk, status, workspace } from '../../jobs/planners/fixtures';

const ws = workspace('Europe/Berlin');
export const AWKWARD = '**Bold?** <@U123> & <!channel> _x_ [link](https://x.y) {{DATE()}} 🚀 Zürich 東京';
const EMOJI_NAME = '🚀'.repeat(200);

export const digestMessage = (): JobMessage => planDigest(MONDAY, ws, digestData())[0].message;

/** The fixture digest explained (issue 14): APOLLO's red has a reason and a 3-week slip, R-2 rose from 6 to 12. */
export function explainedDigest(): JobMessage {
  const data = digestData({ scoreChanges: [{ itemKey: 'R-2', at: new Date('2026-11-24T09:00:00Z'), from: 6 }] });
  data.statuses = data.statuses.map((s) => (s.projectKey === 'APOLLO' && s.period === '2026-W48'
    ? { ...s, reason: 'Vendor missed the API drop; integration tests blocked', forecastFinish: '2027-03-22', baselineFinish: '2027-03-01' }
    : s));
  return planDigest(MONDAY, ws, data)[0].message;
}
export const pmReminder = (): JobMessage => planReminders(MONDAY, ws, reminderData())[0].message;
export const ownerReminder = (): JobMessage => planReminders(MONDAY, ws, reminderData()).find((d) => d.message.kind === 'owner_reminder')!.message;
export const nudgeMessage = (): JobMessage => planNudges(MONDAY, ws, nudgeData())[0].message;

/** A portfolio of `n` projects with emoji names, long PM names, risks with awkward titles. */
export function bigDigest(n: number, options: { allProjects?: boolean; names?: string } = {}): JobMessage[] {
  const keys = Array.from({ length: n }, (_, i) => `PROJECT-${String(i + 1).padStart(4, '0')}`);
  const projects = keys.map((k) => ({ ...project(k, 'BIG', `u-pm-${k}`), name: options.names ?? `${AWKWARD} ${EMOJI_NAME}` }));
  const names = new Map(keys.map((k) => [`u-pm-${k}`, EMOJI_NAME]));
  const items = keys.flatMap((k, i) => [
    risk(`R-${i + 1}`, k, `u-pm-${k}`, { probability: 5, impact: 5, due: '2026-11-01', title: `${AWKWARD} ${EMOJI_NAME}`, createdAt: '2026-11-24T10:00:00Z' }),
    issue(`I-${i + 1}`, k, `u-pm-${k}`, { status: 'closed', closedAt: new Date('2026-11-25T10:00:00Z'), title: EMOJI_NAME }),
  ]);
  const data = digestData({
    portfolios: [{ ...portfolio('BIG', ['19:exec']), name: EMOJI_NAME }],
    projects,
    statuses: keys.filter((_, i) => i % 5).map((k, i) => status(k, '2026-W48', (['red', 'amber', 'green'] as const)[i % 3], '2026-11-26T10:00:00Z')),
    items,
    names,
  });
  return planDigest(MONDAY, ws, data, { portfolioKey: 'BIG', allProjects: options.allProjects }).map((d) => d.message);
}

/** An owner with many overdue items with the longest, most awkward titles. */
export function bigReminder(n: number): JobMessage {
  const items = Array.from({ length: n }, (_, i) => ({
    ...risk(`R-${i + 100}`, 'APOLLO', 'u-jane', { probability: 4, impact: 4, due: '2026-11-02', reviewDate: '2026-11-03', title: `${AWKWARD} ${EMOJI_NAME}` }),
    overdue: true,
  }));
  return planReminders(MONDAY, ws, reminderData({ items, names: new Map([['u-jane', `${AWKWARD} ${EMOJI_NAME}`], ['u-sam', EMOJI_NAME]]) }))[0].message;
}

export function bigNudge(n: number): JobMessage {
  const missing = Array.from({ length: n }, (_, i) => ({ ...project(`P${i + 10}`, 'DIGITAL', 'u-sam'), name: `${AWKWARD} ${EMOJI_NAME}` }));
  return planNudges(MONDAY, ws, nudgeData({ missing, names: new Map([['u-sam', AWKWARD]]) }))[0].message;
}

/** A change to decide (Approve/Reject), with awkward text and more lines than a notice shows. */
export function noticeMessage(lines = 3): JobMessage {
  const text = Array.from({ length: lines }, (_, i) => (i === 0 ? `C-12 ${AWKWARD} (APOLLO)` : `Line ${i + 1}: *bold* <@U1> & "quoted" ${'x'.repeat(i % 2 ? 600 : 5)}`));
  return { kind: 'notice', view: { title: `C-12 needs your decision ${AWKWARD}`, lines: text, decide: { key: 'C-12' } } };
}
