import {
  addProject,
  isoWeekOf,
  latestStatus,
  projectsMissingStatus,
  statusesForPeriod,
  statusHistory,
  submitStatus,
  updateProject,
} from '../../../core/services';
import { useTestDatabase } from '../../support/db';
import { makeWorld, rejectionOf } from './fixtures';

useTestDatabase();

describe('isoWeekOf', () => {
  it.each([
    ['2026-12-31T12:00:00Z', 'UTC', '2026-W53'],
    ['2027-01-01T12:00:00Z', 'UTC', '2026-W53'],
    ['2027-01-04T12:00:00Z', 'UTC', '2027-W01'],
    ['2025-12-29T12:00:00Z', 'UTC', '2026-W01'],
    // Sunday 23:30 in UTC is already Monday in Auckland: the next week there.
    ['2026-11-29T23:30:00Z', 'UTC', '2026-W48'],
    ['2026-11-29T23:30:00Z', 'Pacific/Auckland', '2026-W49'],
    // Monday 02:00 UTC is still Sunday in Los Angeles.
    ['2026-11-30T02:00:00Z', 'America/Los_Angeles', '2026-W48'],
  ])('%s in %s is %s', (at, zone, week) => {
    expect(isoWeekOf(new Date(at), zone)).toBe(week);
  });
});

describe('status updates', () => {
  const report = { overall: 'G', schedule: 'amber', scope: 'green', cost: 'Red', summary: 'On track', done: 'Design', next: 'Build', blockers: '' };

  it("stores one per project and ISO week in the workspace's zone; a resubmission replaces it", async () => {
    const { ws, pm } = await makeWorld({ timeZone: 'Pacific/Auckland' });
    const first = await submitStatus(ws, pm, 'apollo', report, new Date('2026-12-30T20:00:00Z'));
    expect(first.replaced).toBe(false);
    expect(first.status).toMatchObject({ projectKey: 'APOLLO', period: '2026-W53', overall: 'green', schedule: 'amber', cost: 'red', revision: 1, authorId: pm.userId });
    const second = await submitStatus(ws, pm, 'APOLLO', { overall: 'amber', summary: 'Slipping', reason: 'Vendor late' }, new Date('2027-01-02T20:00:00Z'));
    expect(second).toMatchObject({ replaced: true, status: { period: '2026-W53', overall: 'amber', summary: 'Slipping', schedule: null, revision: 2 } });
    const next = await submitStatus(ws, pm, 'APOLLO', { overall: 'red', reason: 'Build farm down' }, new Date('2027-01-03T12:00:00Z')); // Monday 01:00 in Auckland
    expect(next.status.period).toBe('2027-W01');
    expect((await statusesForPeriod(ws, '2026-W53')).map((s) => s.summary)).toEqual(['Slipping']);
    expect((await latestStatus(ws, 'APOLLO'))?.period).toBe('2027-W01');
    expect((await statusHistory(ws, 'APOLLO', 5)).map((s) => s.period)).toEqual(['2027-W01', '2026-W53']);
    expect((await statusHistory(ws, 'APOLLO', 1)).map((s) => s.period)).toEqual(['2027-W01']);
  });

  it('lists the active projects missing an update for a period', async () => {
    const { ws, admin, pm } = await makeWorld();
    await addProject(ws, admin, { key: 'ZEUS', name: 'Zeus', pmId: pm.userId });
    await addProject(ws, admin, { key: 'OLD', name: 'Old' });
    await updateProject(ws, admin, 'OLD', { active: false });
    const now = new Date('2026-11-26T12:00:00Z');
    const period = isoWeekOf(now, 'Europe/London');
    expect((await projectsMissingStatus(ws, period)).map((p) => p.key)).toEqual(['APOLLO', 'ZEUS']);
    await submitStatus(ws, pm, 'ZEUS', { overall: 'green' }, now);
    expect((await projectsMissingStatus(ws, period)).map((p) => p.key)).toEqual(['APOLLO']);
    expect((await projectsMissingStatus(ws, '2026-W01')).map((p) => p.key)).toEqual(['APOLLO', 'ZEUS']);
    expect(await rejectionOf(projectsMissingStatus(ws, '2026-48'))).toMatchObject({ code: 'invalid', field: 'period' });
  });

  it("is the PM's or a PMO admin's to post, and needs a valid overall RAG", async () => {
    const { ws, pm, admin, owner } = await makeWorld();
    const now = new Date('2026-11-26T12:00:00Z');
    expect(await rejectionOf(submitStatus(ws, owner, 'APOLLO', report, now))).toMatchObject({
      code: 'forbidden',
      message: "Only the project's PM (Sam) or a PMO admin can post APOLLO's status update.",
    });
    await submitStatus(ws, admin, 'APOLLO', report, now);
    expect(await rejectionOf(submitStatus(ws, pm, 'APOLLO', { overall: 'blue' }, now))).toMatchObject({ code: 'invalid', field: 'overall' });
    expect(await rejectionOf(submitStatus(ws, pm, 'APOLLO', { overall: '' }, now))).toMatchObject({ code: 'invalid', field: 'overall' });
    expect(await rejectionOf(submitStatus(ws, pm, 'NOPE', report, now))).toMatchObject({ code: 'not_found' });
  });
});
