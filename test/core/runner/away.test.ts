// `away until DATE` / `away off` and `settings holidays=...` (issue 14), through the runner and the database.
import { awayOn } from '../../../core/services/away.service';
import { createRisk, getSettings, updateSettings } from '../../../core/services';
import { parseCommand } from '../../../core/commands';
import { rejectionOf } from '../services/fixtures';
import { loadReminderData } from '../../../jobs/data';
import { useTestDatabase } from '../../support/db';
import { NOW, ZONE, makeWorld, run, runFor } from './world';

useTestDatabase();

describe('away', () => {
  it('records the last day away in the workspace zone, confirms it with the date, and ends with away off', async () => {
    const world = await makeWorld();
    // Thursday 26 Nov 2026, 10:00 London.
    const set = await runFor(world, world.owner, 'away until 2026-12-04', 'text');
    expect(set.text).toBe('You are away through Fri 4 Dec 2026: no reminders or nudges to you until Sat 5 Dec 2026, and your PMs see "(away)" by your items. Type away off when you are back sooner.');
    expect([...(await awayOn(world.ws, '2026-12-04'))]).toEqual(['u-owner']);
    expect([...(await awayOn(world.ws, '2026-12-05'))]).toEqual([]);
    const where = await runFor(world, world.owner, 'away', 'text');
    expect(where.text).toBe('You are away through Fri 4 Dec 2026. Type away off when you are back.');
    const back = await runFor(world, world.owner, 'away off', 'text');
    expect(back.text).toBe('Welcome back: reminders and nudges come to you again.');
    expect([...(await awayOn(world.ws, '2026-11-26'))]).toEqual([]);
    const again = await runFor(world, world.owner, 'away off', 'text');
    expect(again.text).toBe('You were not away; nothing changed.');
  });

  it('resolves plain English in the workspace zone and refuses a date already past', async () => {
    const world = await makeWorld();
    const friday = await runFor(world, world.pm, 'away until next friday', 'text');
    expect(friday.text).toMatch(/^You are away through Fri 4 Dec 2026:/);
    const past = await run(world, world.pm, 'away until 2026-11-20');
    expect(past).toMatchObject({ type: 'error', field: 'until' });
  });

  it('reads who of the run\'s people is away with their names, for that day only', async () => {
    const world = await makeWorld();
    await createRisk(world.ws, world.owner, { title: 'Vendor API may slip', projectKey: 'APOLLO', probability: 4, impact: 5, due: '2026-11-20' }, new Date('2026-11-02T10:00:00Z'));
    await runFor(world, world.pm, 'away until 2026-12-01', 'text');
    const during = await loadReminderData(world.ws, new Date('2026-12-01T22:30:00Z'));
    expect([...(during.away ?? [])]).toEqual(['u-pm']);
    expect(during.names.get('u-pm')).toBe('Sam');
    const after = await loadReminderData(world.ws, new Date('2026-12-02T09:00:00Z'));
    expect([...(after.away ?? [])]).toEqual([]);
  });
});

describe('settings holidays and scorecard', () => {
  it('lets a PMO admin set holidays and the scorecard slot, validated, shown by settings, and cleared with none', async () => {
    const world = await makeWorld();
    const set = await runFor(world, world.admin, 'settings holidays=2026-12-25,2026-12-24 scorecard="tue 8:00"', 'text');
    expect(set.text).toBe('Settings updated: scorecard Tue 08:00 and holidays 2026-12-24, 2026-12-25.');
    expect(await getSettings(world.ws)).toMatchObject({ holidays: ['2026-12-24', '2026-12-25'], schedules: { scorecard: 'Tue 08:00' } });
    const shown = await runFor(world, world.other, 'settings', 'text');
    expect(shown.text).toContain('PMO scorecard: Tue 08:00');
    expect(shown.text).toContain('Holidays (no reminders or nudges): 2026-12-24, 2026-12-25');
    const same = await runFor(world, world.admin, 'settings holidays=2026-12-24,2026-12-25', 'text');
    expect(same.text).toBe('Nothing changed: the settings already had those values.');
    const bad = parseCommand('settings holidays=2026-12-24,someday', { now: NOW, timeZone: ZONE, platform: 'teams', userId: 'u-admin' });
    expect(bad.errors).toEqual([{ field: 'holidays', message: expect.stringContaining('holiday "someday" is not a date I can read') }]);
    const refused = await rejectionOf(updateSettings(world.ws, world.admin, { holidays: ['2026-12-24', '24/12'] }));
    expect(refused).toMatchObject({ field: 'holidays', message: '"24/12" is not a date like 2026-12-24.' });
    const cleared = await runFor(world, world.admin, 'settings holidays=none', 'text');
    expect(cleared.text).toBe('Settings updated: holidays none.');
    expect((await getSettings(world.ws)).holidays).toEqual([]);
  });

  it('turns a scheduled job off and on again with settings JOB=off', async () => {
    const world = await makeWorld();
    const off = await runFor(world, world.admin, 'settings scorecard=off nudge=none', 'text');
    expect(off.text).toBe('Settings updated: nudge off and scorecard off.');
    expect((await getSettings(world.ws)).schedules).toMatchObject({ scorecard: 'off', nudge: 'off', digest: 'Mon 09:30' });
    const on = await runFor(world, world.admin, 'settings scorecard="mon 9:15"', 'text');
    expect(on.text).toBe('Settings updated: scorecard Mon 09:15.');
  });

  it('refuses holidays from anyone but a PMO admin', async () => {
    const world = await makeWorld();
    const reply = await runFor(world, world.pm, 'settings holidays=2026-12-24', 'error');
    expect(reply.view.message).toBe('Only a PMO admin can change the workspace settings.');
  });
});
