// Holidays and absence (issue 14): which reminders and nudges go out, when, and to whom; fixed instants, across a DST change.
import { dueRun } from '../../jobs/runtime/due';
import { holidayShift, markAway } from '../../jobs/holidays';
import { planNudges, planReminders } from '../../jobs/planners';
import { latestDue } from '../../jobs/schedule';
import type { ReminderView } from '../../core/job-views';
import type { WorkspaceDoc } from '../../core/services/job-data.service';
import { DEFAULT_SCHEDULES } from '../../models';
import { MONDAY, NAMES, nudgeData, reminderData, workspace } from './planners/fixtures';

const BERLIN = 'Europe/Berlin';
const findDue = (schedule: string, zone: string, now: Date) => latestDue(schedule, zone, now);
const ws = (holidays: string[], schedules: Partial<WorkspaceDoc['schedules']> = {}): WorkspaceDoc =>
  ({ ...workspace(BERLIN), schedules: { ...DEFAULT_SCHEDULES, ...schedules }, holidays } as unknown as WorkspaceDoc);

describe('holidayShift', () => {
  it('keeps a run on a day that is not a holiday, weekend or not', () => {
    const thursday = new Date('2026-12-03T09:00:00Z');
    expect(holidayShift(thursday, BERLIN, [])).toBe(thursday);
    expect(holidayShift(thursday, BERLIN, ['2026-12-04'])).toBe(thursday);
  });

  it('moves a run on a holiday to the next working day of the same week, at the same wall-clock time', () => {
    // Thu 24 Dec 10:00 in Berlin is a holiday: the nudge goes out on Fri... unless Friday is one too.
    const christmasEve = new Date('2026-12-24T09:00:00Z');
    expect(holidayShift(christmasEve, BERLIN, ['2026-12-24'])).toEqual(new Date('2026-12-25T09:00:00Z'));
    expect(holidayShift(christmasEve, BERLIN, ['2026-12-24', '2026-12-25'])).toBeNull();
  });

  it('reads the holiday in the workspace zone across the end of summer time (Berlin, 25 Oct 2026)', () => {
    // Mon 26 Oct 00:30 in Berlin (CET, UTC+1) is still Sunday 25 Oct in UTC: the holiday is Berlin's Monday.
    const monday = new Date('2026-10-25T23:30:00Z');
    expect(holidayShift(monday, BERLIN, ['2026-10-25'])).toBe(monday);
    expect(holidayShift(monday, BERLIN, ['2026-10-26'])).toEqual(new Date('2026-10-26T23:30:00Z'));
    // Fri 23 Oct (summer time) with Friday off: the weekend follows, so that week's run is skipped, never pushed into the winter-time week.
    expect(holidayShift(new Date('2026-10-23T08:00:00Z'), BERLIN, ['2026-10-23'])).toBeNull();
  });
});

describe('dueRun with holidays', () => {
  it('does not send the nudge on a holiday, sends it the next working day once, and leaves the digest alone', () => {
    const holidays = ws(['2026-12-24']);
    expect(dueRun(findDue, holidays, 'nudge', new Date('2026-12-24T09:00:00Z'))).toBeNull();
    expect(dueRun(findDue, holidays, 'nudge', new Date('2026-12-24T20:00:00Z'))).toBeNull();
    expect(dueRun(findDue, holidays, 'nudge', new Date('2026-12-25T09:00:00Z'))).toEqual({ job: 'nudge', period: '2026-W52', instant: new Date('2026-12-25T09:00:00Z') });
    expect(dueRun(findDue, ws([]), 'nudge', new Date('2026-12-24T09:00:00Z'))).toMatchObject({ period: '2026-W52' });
    const digestOnHoliday = ws(['2026-12-24'], { digest: 'Thu 10:00' });
    expect(dueRun(findDue, digestOnHoliday, 'digest', new Date('2026-12-24T09:00:00Z'))).toMatchObject({ period: '2026-W52' });
  });

  it('skips the week when no working day is left, and reminders on a DST Monday move to Tuesday', () => {
    const both = ws(['2026-12-24', '2026-12-25']);
    for (const at of ['2026-12-24T09:00:00Z', '2026-12-25T09:00:00Z', '2026-12-26T09:00:00Z']) expect(dueRun(findDue, both, 'nudge', new Date(at))).toBeNull();
    const dstMonday = ws(['2026-10-26']);
    // Reminders Mon 09:00: 26 Oct 09:00 CET = 08:00Z (summer time ended the day before).
    expect(dueRun(findDue, dstMonday, 'reminders', new Date('2026-10-26T08:00:00Z'))).toBeNull();
    expect(dueRun(findDue, dstMonday, 'reminders', new Date('2026-10-27T08:00:00Z'))).toEqual({ job: 'reminders', period: '2026-W44', instant: new Date('2026-10-27T08:00:00Z') });
    expect(dueRun(findDue, ws([]), 'reminders', new Date('2026-10-26T08:00:00Z'))).toEqual({ job: 'reminders', period: '2026-W44', instant: new Date('2026-10-26T08:00:00Z') });
  });
});

describe('a schedule turned off', () => {
  it('has no scheduled run, and no follow-up of a nudge that is off, save directive\'s overdue escalation', () => {
    expect(dueRun(findDue, ws([], { scorecard: 'off' }), 'scorecard', new Date('2026-11-30T08:15:00Z'))).toBeNull();
    expect(dueRun(findDue, ws([]), 'scorecard', new Date('2026-11-30T08:15:00Z'))).toMatchObject({ period: '2026-W49' });
    const directive = (nudge: string) => ({ ...ws([], { nudge }), policy: 'directive' }) as WorkspaceDoc;
    expect(dueRun(findDue, directive('off'), 'nudge', new Date('2026-12-03T09:00:00Z'))).toBeNull();
    const controlling = (nudge: string) => ({ ...ws([], { nudge }), policy: 'controlling' }) as WorkspaceDoc;
    expect(dueRun(findDue, controlling('off'), 'escalation', new Date('2026-12-04T09:00:00Z'))).toBeNull();
    // Directive escalates items overdue two weeks whatever the nudge: the day after the default nudge.
    expect(dueRun(findDue, directive('off'), 'escalation', new Date('2026-12-04T09:00:00Z'))).toMatchObject({ period: '2026-W49' });
    expect(dueRun(findDue, directive('Thu 10:00'), 'escalation', new Date('2026-12-04T09:00:00Z'))).toMatchObject({ period: '2026-W49' });
  });
});

describe('people away', () => {
  const view = (v: unknown): ReminderView => v as ReminderView;

  it('sends no reminder to anyone away and shows "(away)" by their items on the PM card', () => {
    const deliveries = planReminders(MONDAY, workspace(BERLIN), reminderData({ away: new Set(['u-jane']) }));
    expect(deliveries.map((d) => d.key)).toEqual(['reminders:pm:u-sam', 'reminders:owner:u-kim', 'reminders:owner:u-olly']);
    const pm = view(deliveries[0].message.view);
    expect(pm.items.map((i) => [i.item.key, i.item.ownerName])).toEqual([['R-1', 'Jane Doe (away)'], ['R-2', 'Sam Patel'], ['I-1', 'Kim Lee']]);
    // The DM's greeting keeps the plain name.
    expect(deliveries[1].recipient).toMatchObject({ userId: 'u-kim', displayName: 'Kim Lee' });
  });

  it('sends a PM away no card; their items still reach the owners', () => {
    const keys = planReminders(MONDAY, workspace(BERLIN), reminderData({ away: new Set(['u-sam']) })).map((d) => d.key);
    expect(keys).toEqual(['reminders:owner:u-jane', 'reminders:owner:u-kim', 'reminders:owner:u-olly']);
  });

  it('nudges no PM who is away', () => {
    const thursday = new Date('2026-12-03T09:00:00Z');
    expect(planNudges(thursday, workspace(BERLIN), nudgeData()).map((d) => d.key)).toEqual(['nudge:pm:u-kim', 'nudge:pm:u-sam']);
    expect(planNudges(thursday, workspace(BERLIN), nudgeData({ away: new Set(['u-sam']) })).map((d) => d.key)).toEqual(['nudge:pm:u-kim']);
  });

  it('marks names without changing the map it was given', () => {
    const marked = markAway(NAMES, new Set(['u-kim', 'u-nobody']));
    expect([marked.get('u-kim'), marked.get('u-nobody'), NAMES.get('u-kim')]).toEqual(['Kim Lee (away)', 'u-nobody (away)', 'Kim Lee']);
  });
});
