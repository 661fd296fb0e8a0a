// todayIn and addDays take a fast path (a cached Intl formatter, UTC arithmetic); luxon is the reference.
import { DateTime } from 'luxon';
import { addDays, todayIn } from '../../../core/services/time';
import type { IsoDate } from '../../../core/domain';
import { latestDate } from '../../../core/commands/dates';

const ZONES = ['UTC', 'Europe/London', 'America/New_York', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Asia/Kolkata', 'Australia/Lord_Howe', 'America/St_Johns'];

describe('todayIn', () => {
  it.each(ZONES)('agrees with luxon in %s across a year, DST switches and midnights included', (zone) => {
    for (let t = Date.parse('2026-01-01T00:00:00Z'); t < Date.parse('2027-01-01T00:00:00Z'); t += 3_600_000 * 7 + 1_234) {
      const now = new Date(t);
      expect(todayIn(zone, now)).toBe(DateTime.fromJSDate(now, { zone }).toISODate());
    }
  });

  it('reads dates before the Gregorian reform and after 9999 as luxon does, and falls back for a zone Intl does not know', () => {
    for (const at of ['0999-03-04T05:00:00Z', '1500-03-04T05:00:00Z', '+010000-01-02T00:00:00Z']) {
      expect(todayIn('Europe/Paris', new Date(at))).toBe(DateTime.fromJSDate(new Date(at), { zone: 'Europe/Paris' }).toISODate());
    }
    expect(todayIn('Not/AZone', new Date('2026-03-04T05:00:00Z'))).toBe(DateTime.fromJSDate(new Date('2026-03-04T05:00:00Z'), { zone: 'Not/AZone' }).toISODate());
  });
});

describe('addDays', () => {
  it('agrees with luxon over month ends, leap days and year ends, forwards and back', () => {
    for (let t = Date.parse('2027-12-01T00:00:00Z'); t < Date.parse('2028-03-10T00:00:00Z'); t += 86_400_000) {
      const date = new Date(t).toISOString().slice(0, 10) as IsoDate;
      for (const days of [-400, -31, -1, 0, 1, 14, 29, 366]) expect(addDays(date, days)).toBe(DateTime.fromISO(date).plus({ days }).toISODate());
    }
  });

  it('leaves a date that does not exist to luxon (invalid), never to a rolled-over one', () => {
    expect(addDays('2026-02-30' as IsoDate, 1)).toBe(DateTime.fromISO('2026-02-30').plus({ days: 1 }).toISODate());
  });
});

describe('latestDate (the max of a form date field)', () => {
  it.each(['2026-12-07', '2028-02-29', '2029-02-28', '2026-01-01'])('is %s twenty years on, as luxon has it', (today) => {
    expect(latestDate(today as IsoDate)).toBe(DateTime.fromISO(today, { zone: 'utc' }).plus({ years: 20 }).toISODate());
  });
});
