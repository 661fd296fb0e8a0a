// Pure helpers shared by the services and the parser: keys, schedules, dates. No database.
import { formatSchedule, parseSchedule, riskRating } from '../../../core/domain';
import { formatItemKey, parseItemKey } from '../../../core/registers';
import { addDays, isIsoDate, isIsoWeek, todayIn } from '../../../core/services/time';

describe('item keys', () => {
  it.each([
    ['R-7', { kind: 'risk', seq: 7 }],
    [' i-12 ', { kind: 'issue', seq: 12 }],
    ['C-1', { kind: 'change', seq: 1 }],
    ['R-0', null],
    ['X-1', null],
    ['R7', null],
    ['R-1-2', null],
  ])('%p → %p', (text, parsed) => {
    expect(parseItemKey(text)).toEqual(parsed);
  });
  it('formats keys', () => expect(formatItemKey('change', 12)).toBe('C-12'));
});

describe('schedules', () => {
  it.each([
    ['Mon 09:30', 'Mon 09:30'],
    ['mon 9:30', 'Mon 09:30'],
    ['Thursday 10:00', 'Thu 10:00'],
    [' sun 23:59 ', 'Sun 23:59'],
  ])('%p is stored as %p', (text, stored) => {
    const parsed = parseSchedule(text);
    expect(parsed && formatSchedule(parsed)).toBe(stored);
  });
  it.each(['Mon 24:00', 'Mon 9:60', 'Monkey 09:00', '09:30', 'Mon', 'Mon 0930'])('refuses %p', (text) => {
    expect(parseSchedule(text)).toBeNull();
  });
});

describe('dates', () => {
  it('knows real dates and weeks', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-2-1')).toBe(false);
    expect(isIsoWeek('2026-W53')).toBe(true);
    expect(isIsoWeek('2027-W53')).toBe(false);
    expect(addDays('2026-12-25', 14)).toBe('2027-01-08');
  });
  it('tells today in a zone', () => {
    const now = new Date('2026-06-09T22:30:00Z');
    expect(todayIn('UTC', now)).toBe('2026-06-09');
    expect(todayIn('Pacific/Auckland', now)).toBe('2026-06-10');
    expect(todayIn('Pacific/Honolulu', now)).toBe('2026-06-09');
  });
  it('rates risks per SPEC §2', () => {
    expect([1, 4, 5, 9, 10, 16, 20, 25].map(riskRating)).toEqual(['low', 'low', 'medium', 'medium', 'high', 'high', 'critical', 'critical']);
  });
});
