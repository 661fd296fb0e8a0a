import { ensureWorkspace, getSettings, listWorkspaces, updateSettings } from '../../../core/services';
import { WorkspaceModel } from '../../../models';
import { useTestDatabase } from '../../support/db';
import { makeWorld, rejectionOf } from './fixtures';

useTestDatabase();

describe('ensureWorkspace', () => {
  it('creates a workspace with the defaults once and finds it afterwards', async () => {
    const created = await ensureWorkspace('teams', 'tenant-a', 'Contoso', { timeZone: 'Europe/Berlin' });
    expect(created).toMatchObject({
      platform: 'teams', externalId: 'tenant-a', name: 'Contoso', timeZone: 'Europe/Berlin', policy: 'controlling',
      schedules: { digest: 'Mon 09:30', reminders: 'Mon 09:00', nudge: 'Thu 10:00' },
    });
    const again = await ensureWorkspace('teams', 'tenant-a', undefined, { timeZone: 'UTC' });
    expect(again._id).toEqual(created._id);
    expect(again).toMatchObject({ name: 'Contoso', timeZone: 'Europe/Berlin' });
    expect((await ensureWorkspace('slack', 'tenant-a', 'Same id, other platform', { timeZone: 'UTC' }))._id).not.toEqual(created._id);
  });

  it('creates one workspace when the first messages arrive at once', async () => {
    const all = await Promise.all(Array.from({ length: 5 }, () => ensureWorkspace('slack', 'T-race', 'Race', { timeZone: 'UTC' })));
    expect(new Set(all.map((w) => String(w._id))).size).toBe(1);
    expect(await WorkspaceModel.countDocuments({ platform: 'slack', externalId: 'T-race' })).toBe(1);
    expect((await listWorkspaces()).some((w) => w.externalId === 'T-race')).toBe(true);
  });

  it('refuses a default zone that is not IANA', async () => {
    expect(await rejectionOf(ensureWorkspace('teams', 'x', 'X', { timeZone: 'Mars/Olympus' }))).toMatchObject({ code: 'invalid', field: 'timeZone' });
  });
});

describe('settings', () => {
  it('lets a PMO admin change zone, schedules, policy and change policy, normalising schedules', async () => {
    const { ws, admin } = await makeWorld();
    const { settings, changed } = await updateSettings(ws, admin, {
      timeZone: 'America/New_York', digest: 'tuesday 8:15', nudge: 'Thu 10:00', policy: 'directive',
    });
    expect(changed.sort()).toEqual(['digest', 'policy', 'timeZone']);
    expect(settings).toMatchObject({
      timeZone: 'America/New_York', policy: 'directive', changePendingDays: 3, // the policy's allowance
      schedules: { digest: 'Tue 08:15', reminders: 'Mon 09:00', nudge: 'Thu 10:00' },
    });
    expect(await getSettings(ws)).toEqual(settings);
    expect(await getSettings(String(ws))).toEqual(settings); // ids also arrive as strings
    expect(await rejectionOf(getSettings('not-an-id'))).toMatchObject({ code: 'invalid' });
  });

  it.each([
    [{ timeZone: 'Europe/Londn' }, 'timeZone'],
    [{ digest: 'Mon 25:00' }, 'digest'],
    [{ reminders: 'Someday 09:00' }, 'reminders'],
    [{ nudge: '10:00' }, 'nudge'],
    [{ policy: 'relaxed' }, 'policy'],
  ])('refuses %p naming %s, and changes nothing', async (patch, field) => {
    const { ws, admin } = await makeWorld();
    const before = await getSettings(ws);
    expect(await rejectionOf(updateSettings(ws, admin, { policy: 'controlling', ...patch }))).toMatchObject({ code: 'invalid', field });
    expect(await getSettings(ws)).toEqual(before);
  });
});
