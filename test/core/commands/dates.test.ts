import { parseDate, todayIn } from '../../../core/commands';
import { context } from './context';

const at = (instant: string, timeZone: string) => context({ now: new Date(instant), timeZone });
const due = { label: 'due date' };

describe('parseDate in the workspace zone, near midnight and across DST', () => {
  // [zone, instant (UTC), what the user typed, expected calendar date]; the local time is in the comment.
  it.each<[string, string, string, string]>([
    // Auckland, Fri 27 Nov 12:30 NZDT while it is still 26 Nov in UTC
    ['Pacific/Auckland', '2026-11-26T23:30:00Z', 'today', '2026-11-27'],
    ['Pacific/Auckland', '2026-11-26T23:30:00Z', 'tomorrow', '2026-11-28'],
    ['Pacific/Auckland', '2026-11-26T23:30:00Z', 'yesterday', '2026-11-26'],
    ['Pacific/Auckland', '2026-11-26T23:30:00Z', 'eom', '2026-11-30'],
    ['Pacific/Auckland', '2026-11-26T23:30:00Z', 'eow', '2026-11-27'],
    ['Pacific/Auckland', '2026-11-26T23:30:00Z', 'friday', '2026-11-27'],
    ['Pacific/Auckland', '2026-11-26T23:30:00Z', 'thursday', '2026-12-03'],
    ['Pacific/Auckland', '2026-11-26T23:30:00Z', 'monday', '2026-11-30'],
    ['Pacific/Auckland', '2026-11-26T23:30:00Z', 'next friday', '2026-12-04'],
    ['Pacific/Auckland', '2026-11-26T23:30:00Z', 'in 2 weeks', '2026-12-11'],
    ['Pacific/Auckland', '2026-11-26T23:30:00Z', 'dec 4', '2026-12-04'],
    ['Pacific/Auckland', '2026-11-26T23:30:00Z', '4 December 2026', '2026-12-04'],
    // Kolkata (+05:30): Fri 27 Nov 00:15, and Thu 26 Nov 23:45
    ['Asia/Kolkata', '2026-11-26T18:45:00Z', 'today', '2026-11-27'],
    ['Asia/Kolkata', '2026-11-26T18:45:00Z', 'tomorrow', '2026-11-28'],
    ['Asia/Kolkata', '2026-11-26T18:15:00Z', 'today', '2026-11-26'],
    ['Asia/Kolkata', '2026-11-26T18:15:00Z', 'tomorrow', '2026-11-27'],
    ['Asia/Kolkata', '2026-11-26T18:15:00Z', 'eow', '2026-11-27'],
    // Berlin, clocks go forward on Sun 29 Mar: 00:30 CET, 03:30 CEST, 23:30 CEST, then Mon 00:30 CEST
    ['Europe/Berlin', '2026-03-28T23:30:00Z', 'today', '2026-03-29'],
    ['Europe/Berlin', '2026-03-28T23:30:00Z', 'tomorrow', '2026-03-30'],
    ['Europe/Berlin', '2026-03-28T23:30:00Z', 'yesterday', '2026-03-28'],
    ['Europe/Berlin', '2026-03-28T23:30:00Z', 'in 1 week', '2026-04-05'],
    ['Europe/Berlin', '2026-03-28T23:30:00Z', 'eow', '2026-04-03'],
    ['Europe/Berlin', '2026-03-28T23:30:00Z', 'next friday', '2026-04-03'],
    ['Europe/Berlin', '2026-03-28T23:30:00Z', 'eom', '2026-03-31'],
    ['Europe/Berlin', '2026-03-29T01:30:00Z', 'today', '2026-03-29'],
    ['Europe/Berlin', '2026-03-29T01:30:00Z', 'tomorrow', '2026-03-30'],
    ['Europe/Berlin', '2026-03-29T21:30:00Z', 'today', '2026-03-29'],
    ['Europe/Berlin', '2026-03-29T21:30:00Z', 'tomorrow', '2026-03-30'],
    ['Europe/Berlin', '2026-03-29T22:30:00Z', 'today', '2026-03-30'],
    // Berlin, clocks go back on Sun 25 Oct: 00:30 CEST, 02:30 CET (the second one), 23:30 CET, Mon 00:30
    ['Europe/Berlin', '2026-10-24T22:30:00Z', 'today', '2026-10-25'],
    ['Europe/Berlin', '2026-10-24T22:30:00Z', 'yesterday', '2026-10-24'],
    ['Europe/Berlin', '2026-10-25T01:30:00Z', 'today', '2026-10-25'],
    ['Europe/Berlin', '2026-10-25T01:30:00Z', 'tomorrow', '2026-10-26'],
    ['Europe/Berlin', '2026-10-25T22:30:00Z', 'today', '2026-10-25'],
    ['Europe/Berlin', '2026-10-25T22:30:00Z', 'tomorrow', '2026-10-26'],
    ['Europe/Berlin', '2026-10-25T22:30:00Z', 'in 2 days', '2026-10-27'],
    ['Europe/Berlin', '2026-10-25T23:30:00Z', 'today', '2026-10-26'],
    // New York, clocks go forward on Sun 8 Mar: Sat 23:30 EST, Sun 03:30 EDT, Sun 23:30 EDT
    ['America/New_York', '2026-03-08T04:30:00Z', 'today', '2026-03-07'],
    ['America/New_York', '2026-03-08T04:30:00Z', 'tomorrow', '2026-03-08'],
    ['America/New_York', '2026-03-08T04:30:00Z', 'eow', '2026-03-13'],
    ['America/New_York', '2026-03-08T07:30:00Z', 'today', '2026-03-08'],
    ['America/New_York', '2026-03-09T03:30:00Z', 'today', '2026-03-08'],
    ['America/New_York', '2026-03-09T03:30:00Z', 'tomorrow', '2026-03-09'],
    // New York, clocks go back on Sun 1 Nov: 01:30 EDT, 01:30 EST, 23:30 EST, Mon 00:30 EST
    ['America/New_York', '2026-11-01T05:30:00Z', 'today', '2026-11-01'],
    ['America/New_York', '2026-11-01T06:30:00Z', 'today', '2026-11-01'],
    ['America/New_York', '2026-11-02T04:30:00Z', 'today', '2026-11-01'],
    ['America/New_York', '2026-11-02T04:30:00Z', 'tomorrow', '2026-11-02'],
    ['America/New_York', '2026-11-02T05:30:00Z', 'today', '2026-11-02'],
  ])('%s at %s: %j → %s', (zone, instant, typed, expected) => {
    expect(parseDate(typed, at(instant, zone))).toEqual({ value: expected });
  });
});

describe('parseDate over the year boundary (Thu 31 Dec 2026, 23:30 local)', () => {
  const lastMinutes: [string, string][] = [
    ['Europe/Berlin', '2026-12-31T22:30:00Z'],
    ['America/New_York', '2027-01-01T04:30:00Z'],
    ['Pacific/Auckland', '2026-12-31T10:30:00Z'],
    ['Asia/Kolkata', '2026-12-31T18:00:00Z'],
  ];
  it.each(lastMinutes)('%s', (zone, instant) => {
    const ctx = at(instant, zone);
    const read = (typed: string) => parseDate(typed, ctx).value;
    expect(todayIn(ctx)).toBe('2026-12-31');
    expect(read('today')).toBe('2026-12-31');
    expect(read('tomorrow')).toBe('2027-01-01');
    expect(read('in 2 days')).toBe('2027-01-02');
    expect(read('eom')).toBe('2026-12-31');
    expect(read('eoy')).toBe('2026-12-31');
    expect(read('eow')).toBe('2027-01-01');
    expect(read('friday')).toBe('2027-01-01');
    expect(read('next week')).toBe('2027-01-07');
    expect(read('jan 2')).toBe('2027-01-02');
    expect(parseDate('dec 4', ctx, due)).toEqual({ value: '2026-12-04' }); // the past 4 Dec, not next year's
  });
});

describe('parseDate forms (Thu 26 Nov 2026, 11:00 in Berlin)', () => {
  it.each<[string, string]>([
    ['2026-12-04', '2026-12-04'],
    ['2026-12-4', '2026-12-04'],
    ['2028-02-29', '2028-02-29'],
    ['dec 4', '2026-12-04'],
    ['4 December 2026', '2026-12-04'],
    ['December 4th, 2026', '2026-12-04'],
    ['4 Dec.', '2026-12-04'],
    ['Fri, 4 Dec', '2026-12-04'],
    ['  Tomorrow  ', '2026-11-27'],
    ['TOMORROW', '2026-11-27'],
    ['today', '2026-11-26'],
    ['eod', '2026-11-26'],
    ['EOM', '2026-11-30'],
    ['end of month', '2026-11-30'],
    ['end of the week', '2026-11-27'],
    ['thursday', '2026-11-26'],
    ['by friday', '2026-11-27'],
    ['this friday', '2026-11-27'],
    ['on wed', '2026-12-02'],
    ['wed.', '2026-12-02'],
    ['next friday', '2026-12-04'],
    ['in 3 days', '2026-11-29'],
    ['in 2 weeks', '2026-12-10'],
    ['2 weeks from today', '2026-12-10'],
    ['next week', '2026-12-03'],
    ['next month', '2026-12-26'],
    ['end of next month', '2026-12-31'],
    ['the day after tomorrow', '2026-11-28'],
    ['25/12/2026', '2026-12-25'],
    ['12/25/2026', '2026-12-25'],
    ['05/05/2027', '2027-05-05'],
    ['2026-01-02', '2026-01-02'],
    ['last friday', '2026-11-20'],
  ])('%j → %s', (typed, expected) => {
    expect(parseDate(typed, context())).toEqual({ value: expected });
  });

  it.each<[string, RegExp]>([
    ['friday banana', /not a date I can read; try 2026-12-04/],
    ['banana friday', /not a date I can read/],
    ['friday friday', /not a date I can read/],
    ['first monday of december', /not a date I can read/],
    ['mid december', /not a date I can read/],
    ['feb 30', /"feb 30" is not a real calendar date/],
    ['31 Feb', /"31 Feb" is not a real calendar date/],
    ['the 31st of february', /is not a real calendar date/],
    ['Fri, 31 Apr', /is not a real calendar date/],
    ['29 Feb 2027', /"29 Feb 2027" is not a real calendar date/],
    ['sept 31', /is not a real calendar date/],
    ['0 dec', /is not a real calendar date/],
    ['soon', /not a date I can read/],
    ['2026-02-30', /"2026-02-30" is not a real calendar date/],
    ['2027-02-29', /is not a real calendar date/],
    ['2026-13-01', /is not a real calendar date/],
    ['2026-00-10', /is not a real calendar date/],
    ['in 10000 years', /is not a real calendar date/],
    ['12/04/2026', /ambiguous .*2026-12-04 or 4 Dec 2026/],
    ['04.12.2026', /ambiguous/],
    ['3-4', /ambiguous/],
    ['december', /needs a day as well/],
    ['3pm', /needs a day, not only a time/],
    ['', /is empty; try/],
    ['   ', /is empty/],
    ['next friday '.repeat(10), /not a date I can read/],
  ])('%j is refused: %s', (typed, message) => {
    const result = parseDate(typed, context());
    expect(result.value).toBeUndefined();
    expect(result.error).toMatch(message);
  });

  it('takes past dates for due and review dates: registers are back-filled (SPEC §2)', () => {
    const ctx = context();
    expect(parseDate('2026-01-02', ctx, due)).toEqual({ value: '2026-01-02' });
    expect(parseDate('yesterday', ctx, { label: 'review date' })).toEqual({ value: '2026-11-25' });
    expect(parseDate('today', ctx, due)).toEqual({ value: '2026-11-26' });
    expect(parseDate('in 30 years', ctx, due).error).toBe('due date 2056-11-26 is more than 20 years ahead; check the year');
    expect(parseDate('in 19 years', ctx, due)).toEqual({ value: '2045-11-26' });
  });

  it.each<[string, string]>([
    ['last friday', '2026-11-20'],
    ['last fri', '2026-11-20'],
    ['friday last week', '2026-11-20'],
    ['last monday', '2026-11-23'],
    ['yesterday', '2026-11-25'],
    ['the day before yesterday', '2026-11-24'],
    ['3 days ago', '2026-11-23'],
    ['a week ago', '2026-11-19'],
    ['2 weeks ago', '2026-11-12'],
    ['20 Nov', '2026-11-20'],
    ['nov 2', '2026-11-02'],
  ])('past phrase %j → %s', (typed, expected) => {
    expect(parseDate(typed, context(), due)).toEqual({ value: expected });
  });

  it('reads past phrases in the workspace zone: Fri 27 Nov 12:30 in Auckland is still Thu 26 Nov in UTC', () => {
    const auckland = at('2026-11-26T23:30:00Z', 'Pacific/Auckland');
    expect(parseDate('yesterday', auckland, due)).toEqual({ value: '2026-11-26' });
    expect(parseDate('last friday', auckland, due)).toEqual({ value: '2026-11-20' });
    expect(parseDate('2 weeks ago', auckland, due)).toEqual({ value: '2026-11-13' });
    const honolulu = at('2026-11-26T23:30:00Z', 'Pacific/Honolulu'); // Thu 26 Nov 13:30
    expect(parseDate('yesterday', honolulu, due)).toEqual({ value: '2026-11-25' });
  });

  it('names the field in its messages', () => {
    expect(parseDate('soon', context(), due).error).toMatch(/^due date "soon" is not a date I can read/);
    expect(parseDate('soon', context()).error).toMatch(/^date "soon"/);
  });

  it('reports an unusable context instead of throwing', () => {
    expect(parseDate('today', context({ timeZone: 'Mars/Olympus' })).error).toMatch(/time zone "Mars\/Olympus" is not valid/);
    expect(parseDate('today', context({ now: new Date(Number.NaN) })).error).toMatch(/the current time is not valid/);
    expect(todayIn(context({ timeZone: 'nowhere' }))).toBeUndefined();
  });
});
