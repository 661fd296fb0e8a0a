// A status update's reason behind an amber or red (required by policy) and its forecast finish against the baseline.
import { getProject, submitStatus, updateSettings } from '../../../core/services';
import { toStatusView } from '../../../core/runner';
import type { Policy } from '../../../core/domain';
import { useTestDatabase } from '../../support/db';
import { makeWorld, rejectionOf } from './fixtures';

useTestDatabase();

const at = new Date('2026-11-26T12:00:00Z');

async function worldWith(policy: Policy) {
  const world = await makeWorld();
  await updateSettings(world.ws, world.admin, { policy });
  return world;
}

describe('the reason behind an amber or red status, by policy (SPEC §4)', () => {
  it.each([
    ['supportive', 'amber', null],
    ['supportive', 'red', null],
    ['controlling', 'amber', 'reason'],
    ['controlling', 'red', 'reason'],
    ['directive', 'amber', 'reason'],
    ['directive', 'red', 'reason'],
  ] as const)('%s: %s without a reason is refused on field %s (null: accepted)', async (policy, overall, field) => {
    const { ws, pm } = await worldWith(policy);
    if (field === null) {
      const { status } = await submitStatus(ws, pm, 'APOLLO', { overall }, at);
      expect(status.reason ?? null).toBeNull();
    } else {
      expect(await rejectionOf(submitStatus(ws, pm, 'APOLLO', { overall }, at))).toMatchObject({ field });
    }
  });

  it('directive: a reason alone is not enough, it needs a recovery date too', async () => {
    const { ws, pm } = await worldWith('directive');
    expect(await rejectionOf(submitStatus(ws, pm, 'APOLLO', { overall: 'amber', reason: 'Vendor late' }, at))).toMatchObject({ field: 'recovery' });
    const { status } = await submitStatus(ws, pm, 'APOLLO', { overall: 'amber', reason: 'Vendor late', recovery: '2026-12-11' }, at);
    expect(status).toMatchObject({ reason: 'Vendor late', recoveryDate: '2026-12-11' });
  });

  it('green needs no reason, and keeps none given', async () => {
    const { ws, pm } = await worldWith('directive');
    const { status } = await submitStatus(ws, pm, 'APOLLO', { overall: 'green', reason: 'All fine' }, at);
    expect(status.reason).toBeNull();
  });
});

describe('forecast finish, baseline and slip', () => {
  it('takes the first forecast as the baseline; later ones slip against it; none keeps the last', async () => {
    const { ws, pm } = await worldWith('supportive');
    const first = await submitStatus(ws, pm, 'APOLLO', { overall: 'green', forecast: '2026-12-04' }, at);
    expect(first.status).toMatchObject({ forecastFinish: '2026-12-04', baselineFinish: '2026-12-04' });
    expect(toStatusView(first.status, new Map()).slipDays).toBe(0);
    const later = await submitStatus(ws, pm, 'APOLLO', { overall: 'amber', reason: 'Vendor late', forecast: '2026-12-18' }, new Date('2026-12-03T12:00:00Z'));
    expect(later.status).toMatchObject({ forecastFinish: '2026-12-18', baselineFinish: '2026-12-04' });
    expect(toStatusView(later.status, new Map())).toMatchObject({ slipDays: 14, reason: 'Vendor late' });
    const none = await submitStatus(ws, pm, 'APOLLO', { overall: 'amber', reason: 'Still late' }, new Date('2026-12-10T12:00:00Z'));
    expect(none.status).toMatchObject({ forecastFinish: '2026-12-18', baselineFinish: '2026-12-04' });
    expect(await getProject(ws, 'APOLLO')).toMatchObject({ baselineFinish: '2026-12-04', forecastFinish: '2026-12-18' });
  });

  it('a project with no forecast has no slip', async () => {
    const { ws, pm } = await worldWith('supportive');
    const { status } = await submitStatus(ws, pm, 'APOLLO', { overall: 'green' }, at);
    expect(toStatusView(status, new Map()).slipDays).toBeUndefined();
  });
});
