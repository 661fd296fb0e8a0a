// Schedule maths over fixed instants: DST both ways in Europe and America, week-year boundaries, far zones.
import {
  cronFor, latestDue, localInstant, nextDue, periodOf, periodRange, reportedPeriod, scheduledInstant, shiftWeek,
} from '../../jobs/schedule';

const iso = (d: Date) => d.toISOString();

describe('scheduledInstant', () => {
  it.each([
    // Spring forward: 02:30 does not exist, it moves to 03:00 local, when the gap ends.
    ['Sun 02:30', 'Europe/Berlin', '2026-W13', '2026-03-29T01:00:00.000Z'],
    ['Sun 02:30', 'America/New_York', '2026-W10', '2026-03-08T07:00:00.000Z'],
    // Autumn back: 02:30 (Berlin) and 01:30 (New York) happen twice; the first one counts.
    ['Sun 02:30', 'Europe/Berlin', '2026-W43', '2026-10-25T00:30:00.000Z'],
    ['Sun 01:30', 'America/New_York', '2026-W44', '2026-11-01T05:30:00.000Z'],
    // The Mondays either side of the change keep their wall-clock time.
    ['Mon 09:00', 'America/New_York', '2026-W10', '2026-03-02T14:00:00.000Z'],
    ['Mon 09:00', 'America/New_York', '2026-W11', '2026-03-09T13:00:00.000Z'],
    ['Mon 09:30', 'Europe/Berlin', '2026-W13', '2026-03-23T08:30:00.000Z'],
    ['Mon 09:30', 'Europe/Berlin', '2026-W14', '2026-03-30T07:30:00.000Z'],
    // A half-hour DST change (Lord Howe Island): 02:15 is skipped, 02:30 local is the first valid time.
    ['Sun 02:15', 'Australia/Lord_Howe', '2026-W40', '2026-10-03T15:30:00.000Z'],
    // Far from UTC: Monday morning in Auckland is still Sunday in UTC; Kolkata is +05:30.
    ['Mon 09:30', 'Pacific/Auckland', '2026-W49', '2026-11-29T20:30:00.000Z'],
    ['Mon 09:30', 'Asia/Kolkata', '2026-W49', '2026-11-30T04:00:00.000Z'],
    // Week 53 and week 1 of a week-year that starts in the previous calendar year.
    ['Thu 10:00', 'UTC', '2026-W53', '2026-12-31T10:00:00.000Z'],
    ['Mon 09:00', 'Europe/London', '2026-W01', '2025-12-29T09:00:00.000Z'],
  ])('%s in %s, %s → %s', (schedule, zone, period, expected) => {
    expect(iso(scheduledInstant(schedule, zone, period))).toBe(expected);
  });

  it('rejects a schedule, a week or a zone that does not exist', () => {
    expect(() => scheduledInstant('Someday 09:00', 'UTC', '2026-W01')).toThrow(/not a weekly schedule/);
    expect(() => scheduledInstant('Mon 09:00', 'UTC', '2025-W53')).toThrow(/not an ISO week/);
    expect(() => scheduledInstant('Mon 09:00', 'Mars/Olympus', '2026-W01')).toThrow(/not an IANA time zone/);
  });
});

describe('latestDue and nextDue', () => {
  it.each([
    // At the scheduled instant the run is due; a minute before, last week's run is the latest.
    ['Mon 09:30', 'Europe/Berlin', '2026-03-30T07:30:00Z', '2026-03-30T07:30:00.000Z', '2026-W14', '2026-04-06T07:30:00.000Z', '2026-W15'],
    ['Mon 09:30', 'Europe/Berlin', '2026-03-30T07:29:00Z', '2026-03-23T08:30:00.000Z', '2026-W13', '2026-03-30T07:30:00.000Z', '2026-W14'],
    // Spring gap: due from 03:00 local; just before the change, last Sunday's run is the latest.
    ['Sun 02:30', 'Europe/Berlin', '2026-03-29T01:00:00Z', '2026-03-29T01:00:00.000Z', '2026-W13', '2026-04-05T00:30:00.000Z', '2026-W14'],
    ['Sun 02:30', 'Europe/Berlin', '2026-03-29T00:59:00Z', '2026-03-22T01:30:00.000Z', '2026-W12', '2026-03-29T01:00:00.000Z', '2026-W13'],
    ['Sun 02:30', 'America/New_York', '2026-03-08T07:00:00Z', '2026-03-08T07:00:00.000Z', '2026-W10', '2026-03-15T06:30:00.000Z', '2026-W11'],
    // Autumn: at the second 02:30 the latest run is still the first one, so it fires once.
    ['Sun 02:30', 'Europe/Berlin', '2026-10-25T01:30:00Z', '2026-10-25T00:30:00.000Z', '2026-W43', '2026-11-01T01:30:00.000Z', '2026-W44'],
    ['Sun 01:30', 'America/New_York', '2026-11-01T06:30:00Z', '2026-11-01T05:30:00.000Z', '2026-W44', '2026-11-08T06:30:00.000Z', '2026-W45'],
    // Auckland: Monday 09:30 there is Sunday 20:30 UTC, already week 49.
    ['Mon 09:30', 'Pacific/Auckland', '2026-11-29T20:30:00Z', '2026-11-29T20:30:00.000Z', '2026-W49', '2026-12-06T20:30:00.000Z', '2026-W50'],
    ['Mon 09:30', 'Pacific/Auckland', '2027-01-03T21:00:00Z', '2027-01-03T20:30:00.000Z', '2027-W01', '2027-01-10T20:30:00.000Z', '2027-W02'],
    ['Mon 09:30', 'Asia/Kolkata', '2026-11-30T03:59:00Z', '2026-11-23T04:00:00.000Z', '2026-W48', '2026-11-30T04:00:00.000Z', '2026-W49'],
    // Year boundaries: 1 January 2027 is in 2026-W53; 29 December 2025 starts 2026-W01.
    ['Mon 09:30', 'UTC', '2027-01-01T12:00:00Z', '2026-12-28T09:30:00.000Z', '2026-W53', '2027-01-04T09:30:00.000Z', '2027-W01'],
    ['Thu 10:00', 'UTC', '2027-01-04T00:00:00Z', '2026-12-31T10:00:00.000Z', '2026-W53', '2027-01-07T10:00:00.000Z', '2027-W01'],
    ['Mon 09:00', 'Europe/London', '2025-12-30T08:00:00Z', '2025-12-29T09:00:00.000Z', '2026-W01', '2026-01-05T09:00:00.000Z', '2026-W02'],
    // Sunday late in Los Angeles is Monday in UTC but still the old week there.
    ['Sun 23:00', 'America/Los_Angeles', '2026-11-30T07:30:00Z', '2026-11-30T07:00:00.000Z', '2026-W48', '2026-12-07T07:00:00.000Z', '2026-W49'],
  ])('%s in %s at %s', (schedule, zone, now, latest, latestPeriod, next, nextPeriod) => {
    const at = new Date(now);
    const due = latestDue(schedule, zone, at);
    expect([iso(due.instant), due.period]).toEqual([latest, latestPeriod]);
    const upcoming = nextDue(schedule, zone, at);
    expect([iso(upcoming.instant), upcoming.period]).toEqual([next, nextPeriod]);
    expect(due.instant.getTime()).toBeLessThanOrEqual(at.getTime());
    expect(upcoming.instant.getTime()).toBeGreaterThan(at.getTime());
  });

  it('fires exactly once per week across a whole year of DST changes', () => {
    for (const zone of ['Europe/Berlin', 'America/New_York', 'Pacific/Auckland', 'Asia/Kolkata', 'Australia/Lord_Howe']) {
      for (const schedule of ['Sun 02:30', 'Sun 01:30', 'Mon 09:30']) {
        const periods: string[] = [];
        let at = new Date('2026-01-01T00:00:00Z');
        while (at < new Date('2027-01-10T00:00:00Z')) {
          const next = nextDue(schedule, zone, at);
          periods.push(next.period);
          expect(periodOf(next.instant, zone)).toBe(next.period);
          expect(latestDue(schedule, zone, next.instant)).toEqual(next);
          at = next.instant;
        }
        expect(new Set(periods).size).toBe(periods.length);
        periods.slice(1).forEach((p, i) => expect(p).toBe(shiftWeek(periods[i], 1)));
      }
    }
  });
});

describe('weeks', () => {
  it.each([
    ['2026-W53', 1, '2027-W01'],
    ['2027-W01', -1, '2026-W53'],
    ['2026-W01', -1, '2025-W52'],
    ['2026-W48', -12, '2026-W36'],
  ])('%s shifted by %i week(s) is %s', (period, n, expected) => {
    expect(shiftWeek(period, n)).toBe(expected);
  });

  it("spans Monday 00:00 to the next Monday 00:00 in the workspace's zone", () => {
    expect(periodRange('2026-W53', 'UTC')).toEqual({ start: new Date('2026-12-28T00:00:00Z'), end: new Date('2027-01-04T00:00:00Z') });
    // The week of the spring change is an hour shorter in Berlin.
    const { start, end } = periodRange('2026-W13', 'Europe/Berlin');
    expect([iso(start), iso(end)]).toEqual(['2026-03-22T23:00:00.000Z', '2026-03-29T22:00:00.000Z']);
  });

  it('reports last week before the status nudge and this week after it', () => {
    expect(reportedPeriod('Thu 10:00', 'Europe/Berlin', new Date('2026-11-30T08:30:00Z'))).toBe('2026-W48');
    expect(reportedPeriod('Thu 10:00', 'Europe/Berlin', new Date('2026-12-04T15:00:00Z'))).toBe('2026-W49');
    expect(reportedPeriod('Thu 10:00', 'UTC', new Date('2027-01-04T09:30:00Z'))).toBe('2026-W53');
  });

  it('maps a local wall-clock time that exists once to that instant', () => {
    expect(iso(localInstant('Asia/Kolkata', { year: 2026, month: 1, day: 1, hour: 0, minute: 0 }))).toBe('2025-12-31T18:30:00.000Z');
  });
});

describe('cronFor', () => {
  it.each([
    ['Mon 09:30', '30 9 * * 1'],
    ['Thu 10:00', '0 10 * * 4'],
    ['Sun 23:05', '5 23 * * 0'],
    ['saturday 7:00', '0 7 * * 6'],
  ])('%s → %s', (schedule, cron) => {
    expect(cronFor(schedule)).toBe(cron);
  });
});
