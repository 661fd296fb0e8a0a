// The planners' fast calendar arithmetic agrees with luxon's, through DST changes and odd offsets.
import { DateTime, IANAZone } from 'luxon';
import { todayIn } from '../../../core/services/time';
import { dateIn, daysBetween } from '../../../jobs/planners/dates';

const ZONES = ['UTC', 'Europe/London', 'Europe/Berlin', 'America/New_York', 'America/St_Johns', 'Asia/Kathmandu', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Pacific/Kiritimati', 'Etc/GMT+12', 'America/Santiago', 'Asia/Tehran'];

describe('dateIn', () => {
  // 2021: Tehran (+3:30) still changed at local midnight, half past a UTC hour, where an offset read at the hour's start is wrong.
  it.each(['2021', '2026'])('is todayIn through %s, and minute by minute around every change of offset, in zones with odd offsets', (year) => {
    const start = Date.parse(`${year}-01-01T00:00:00Z`);
    for (const zone of ZONES) {
      const iana = IANAZone.create(zone);
      const instants: number[] = [];
      for (let ms = start; ms < start + 366 * 86_400_000; ms += 97 * 60_000) instants.push(ms);
      for (let hour = start; hour < start + 366 * 86_400_000; hour += 3_600_000) {
        if (iana.offset(hour) === iana.offset(hour + 3_600_000)) continue;
        for (let ms = hour - 2 * 3_600_000; ms < hour + 4 * 3_600_000; ms += 60_000) instants.push(ms, ms - 1);
      }
      const differ = instants.map((ms) => new Date(ms)).filter((at) => dateIn(zone, at) !== todayIn(zone, at)).map((at) => at.toISOString());
      expect({ zone, differ }).toEqual({ zone, differ: [] });
    }
  });

  it('is todayIn at the instants a zone changes offset, and just before', () => {
    for (const at of ['2026-03-29T01:00:00Z', '2026-03-29T00:59:59.999Z', '2026-10-25T01:00:00Z', '2026-10-25T00:59:59.999Z', '2026-04-04T15:00:00Z', '2026-04-04T14:59:59.999Z', '2026-10-03T15:30:00Z', '2026-10-03T15:29:59.999Z']) {
      for (const zone of ZONES) expect([zone, at, dateIn(zone, new Date(at))]).toEqual([zone, at, todayIn(zone, new Date(at))]);
    }
  });

  it('leaves an unknown zone to todayIn', () => {
    expect(dateIn('Not/AZone', new Date('2026-11-30T10:00:00Z'))).toBe(todayIn('Not/AZone', new Date('2026-11-30T10:00:00Z')));
  });
});

describe('daysBetween', () => {
  it('counts calendar days as luxon does, across years and DST', () => {
    const luxon = (from: string, to: string) => Math.round(DateTime.fromISO(to, { zone: 'utc' }).diff(DateTime.fromISO(from, { zone: 'utc' }), 'days').days);
    const pairs = [['2026-11-01', '2026-11-30'], ['2026-11-30', '2026-11-01'], ['2024-02-28', '2024-03-01'], ['2026-03-28', '2026-03-30'], ['2025-12-31', '2027-01-01'], ['2026-11-30', '2026-11-30']];
    for (const [from, to] of pairs) expect(daysBetween(from, to)).toBe(luxon(from, to));
  });
});
