// Planner results that depend on the workspace's zone: "today" for overdue, DST, week and year edges.
import type { RegisterItem } from '../../../core/services';
import { planDigest, planReminders } from '../../../jobs/planners';
import { reportedPeriod } from '../../../jobs/schedule';
import type { DigestView, ReminderView } from '../../../core/job-views';
import { change, digestData, issue, portfolio, project, reminderData, status, workspace } from './fixtures';

const owned = (zone: string, now: string, item: RegisterItem) => {
  const deliveries = planReminders(new Date(now), workspace(zone), reminderData({ items: [{ ...item, overdue: true }] }));
  const dm = deliveries.find((d) => d.key === 'reminders:owner:u-jane');
  return dm ? (dm.message.view as ReminderView).items.map((i) => [i.overdueSince, i.daysOverdue]) : [];
};

describe("overdue is measured against today in the workspace's zone", () => {
  it.each([
    // Berlin, the night the clocks go forward: already the 29th there, still the 28th in New York.
    ['Europe/Berlin', '2026-03-28', '2026-03-28T23:30:00Z', [['2026-03-28', 1]]],
    ['America/New_York', '2026-03-28', '2026-03-28T23:30:00Z', []],
    // New York just after midnight on the day of the spring change, and on the day of the autumn change.
    ['America/New_York', '2026-03-07', '2026-03-08T05:30:00Z', [['2026-03-07', 1]]],
    ['America/New_York', '2026-10-31', '2026-11-01T04:30:00Z', [['2026-10-31', 1]]],
    ['America/New_York', '2026-10-31', '2026-11-01T03:30:00Z', []],
    // Berlin the night the clocks go back (CEST until 01:00 UTC).
    ['Europe/Berlin', '2026-10-24', '2026-10-24T22:30:00Z', [['2026-10-24', 1]]],
    ['Europe/Berlin', '2026-10-24', '2026-10-24T21:30:00Z', []],
    // Far zones: Auckland is 13 hours ahead in November, Kolkata 5:30.
    ['Pacific/Auckland', '2026-11-29', '2026-11-29T11:30:00Z', [['2026-11-29', 1]]],
    ['UTC', '2026-11-29', '2026-11-29T11:30:00Z', []],
    ['Asia/Kolkata', '2026-11-29', '2026-11-29T18:30:00Z', [['2026-11-29', 1]]],
    ['Asia/Kolkata', '2026-11-29', '2026-11-29T18:29:00Z', []],
    // New Year's Eve in Berlin is already the new year.
    ['Europe/Berlin', '2026-12-31', '2026-12-31T23:30:00Z', [['2026-12-31', 1]]],
    ['Europe/Berlin', '2026-12-25', '2027-01-04T08:00:00Z', [['2026-12-25', 10]]],
  ])('in %s, due %s, at %s', (zone, due, now, expected) => {
    expect(owned(zone, now, issue('I-9', 'APOLLO', 'u-jane', { due }))).toEqual(expected);
  });

  it("dates a pending change's decision deadline from the day it was raised in the zone", () => {
    // Raised 23:30 UTC on 15 March: the 16th in Berlin, the 15th in New York (already on summer time).
    const pending = change('C-9', 'APOLLO', 'u-jane', { createdAt: '2026-03-15T23:30:00Z' });
    expect(owned('Europe/Berlin', '2026-03-30T20:00:00Z', pending)).toEqual([]);
    expect(owned('Europe/Berlin', '2026-03-31T08:00:00Z', pending)).toEqual([['2026-03-30', 1]]);
    expect(owned('America/New_York', '2026-03-31T08:00:00Z', pending)).toEqual([['2026-03-29', 2]]);
    expect(owned('America/New_York', '2026-03-31T08:00:00Z', change('C-9', 'APOLLO', 'u-jane', { createdAt: '2026-03-15T23:30:00Z', decision: 'approved' }))).toEqual([]);
  });
});

describe('the digest week in the zone', () => {
  const digest = (zone: string, now: string, created: string[]): DigestView => {
    const at = new Date(now);
    const ws = workspace(zone);
    const period = reportedPeriod(ws.schedules.nudge, zone, at);
    const items = created.map((c, i) => issue(`I-${i + 1}`, 'APOLLO', 'u-jane', { createdAt: c }));
    const data = digestData({ period, portfolios: [portfolio('DIGITAL', ['19:x'])], projects: [project('APOLLO', 'DIGITAL', 'u-sam')], items,
      statuses: [status('APOLLO', period, 'green', created[0] ?? now)] });
    return planDigest(at, ws, data)[0].message.view as DigestView;
  };

  it('counts items opened from Monday 00:00 in Auckland, not in UTC', () => {
    // Monday 30 Nov 09:30 in Auckland is 20:30 UTC on Sunday 29 Nov; the reported week is W48.
    const view = digest('Pacific/Auckland', '2026-11-29T20:30:00Z', ['2026-11-22T11:30:00Z', '2026-11-22T10:30:00Z', '2026-11-29T10:59:00Z', '2026-11-29T11:00:00Z']);
    expect(view).toMatchObject({ period: '2026-W48', periodStart: '2026-11-23', periodEnd: '2026-11-29', asOf: '2026-11-30' });
    // 22 Nov 11:30 UTC is Monday 00:30 there (in); 10:30 is Sunday (out); 29 Nov 11:00 UTC is the next Monday (out).
    expect(view.opened.items.map((i) => i.key).sort()).toEqual(['I-1', 'I-3']);
  });

  it('reports week 53 on the first Monday of the new year, and ages the update in calendar days across DST', () => {
    const view = digest('Europe/Berlin', '2027-01-04T08:30:00Z', ['2026-12-31T23:30:00Z']);
    expect(view).toMatchObject({ period: '2026-W53', periodStart: '2026-12-28', periodEnd: '2027-01-03' });
    expect(view.projects[0].lastUpdateDays).toBe(3); // 1 Jan 00:30 in Berlin → 4 Jan
    const spring = digest('America/New_York', '2026-03-09T13:30:00Z', ['2026-03-06T04:30:00Z']);
    expect(spring.period).toBe('2026-W10');
    expect(spring.projects[0].lastUpdateDays).toBe(4); // 5 Mar 23:30 EST → Monday 9 Mar
  });
});
