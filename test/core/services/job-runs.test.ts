import { claimJobRun, ensureWorkspace, finishJobRun, getJobRun, latestJobRun } from '../../../core/services';
import { useTestDatabase } from '../../support/db';

useTestDatabase();

let n = 0;
const newWorkspace = async () => (await ensureWorkspace('teams', `jobs-${++n}`, 'Jobs', { timeZone: 'UTC' }))._id;

describe('job runs', () => {
  it('lets exactly one of five racing instances claim a run', async () => {
    const ws = await newWorkspace();
    const claims = await Promise.all(
      Array.from({ length: 5 }, (_, i) => claimJobRun(ws, 'digest', '2026-W48', `instance-${i}`, new Date('2026-11-23T09:30:00Z'))),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    const run = await getJobRun(ws, 'digest', '2026-W48');
    expect(run).toMatchObject({ status: 'claimed', claimedBy: `instance-${claims.indexOf(true)}` });
    // A restart later in the week does not run it again.
    expect(await claimJobRun(ws, 'digest', '2026-W48', 'instance-after-restart')).toBe(false);
  });

  it('keeps jobs, periods and workspaces apart and records the outcome', async () => {
    const [a, b] = [await newWorkspace(), await newWorkspace()];
    expect(await claimJobRun(a, 'digest', '2026-W48', 'i1')).toBe(true);
    expect(await claimJobRun(a, 'reminders', '2026-W48', 'i1')).toBe(true);
    expect(await claimJobRun(a, 'digest', '2026-W49', 'i1')).toBe(true);
    expect(await claimJobRun(b, 'digest', '2026-W48', 'i1')).toBe(true);
    const finishedAt = new Date('2026-12-01T09:31:00Z');
    expect(await finishJobRun(a, 'digest', '2026-W49', { status: 'done', deliveries: 3 }, finishedAt)).toMatchObject({
      status: 'done', deliveries: 3, finishedAt,
    });
    expect(await finishJobRun(a, 'reminders', '2026-W48', { status: 'failed', error: 'Slack 500' })).toMatchObject({ status: 'failed', error: 'Slack 500' });
    expect((await latestJobRun(a, 'digest'))?.period).toBe('2026-W49');
    expect(await latestJobRun(b, 'nudge')).toBeNull();
  });
});
