import { dayLabel, overdueNote, passedDates } from '../../../core/runner/overdue-note';

describe('overdue notes', () => {
  const today = '2026-11-27';

  it('names each date already behind today, with the year only when it is another one', () => {
    expect(overdueNote({ due: '2026-11-20' }, today)).toBe('Already overdue: it was due Fri 20 Nov.');
    expect(overdueNote({ due: '2026-11-20', review: '2025-12-31' }, today)).toBe('Already overdue: it was due Fri 20 Nov and its review was due Wed 31 Dec 2025.');
    expect(overdueNote({ due: '2026-12-20', review: '2026-11-26' }, today)).toBe('Already overdue: its review was due Thu 26 Nov.');
  });

  it('falls back to the pending decision when no date is behind (a change request kept waiting)', () => {
    expect(overdueNote({ due: null }, today)).toBe('Already overdue: its decision has been pending longer than this workspace allows.');
  });

  it('does not count today as passed', () => {
    expect(passedDates({ due: today, review: today }, today)).toBeUndefined();
    expect(dayLabel('2027-01-04', today)).toBe('Mon 4 Jan 2027');
  });
});
