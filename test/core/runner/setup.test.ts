import { Types } from 'mongoose';
import { getPerson, getPortfolio, getSettings, projectForChannel } from '../../../core/services';
import { useTestDatabase } from '../../support/db';
import { makeWorld, runFor } from './world';

useTestDatabase();

describe('project, program and portfolio add', () => {
  it('builds the hierarchy and confirms each step', async () => {
    const world = await makeWorld();
    const portfolio = await runFor(world, world.admin, 'portfolio add DIGITAL "Digital transformation"', 'text');
    expect(portfolio.text).toMatch(/^Added portfolio DIGITAL "Digital transformation"\. Type link exec DIGITAL/);
    const program = await runFor(world, world.admin, 'program add DATA "Data programme" portfolio=DIGITAL', 'text');
    expect(program.text).toBe('Added program DATA "Data programme" in portfolio DIGITAL.');
    const project = await runFor(world, world.admin, 'project add ZEUS "Zeus platform" program=DATA pm=@{29:nina|Nina Park}', 'text');
    expect(project.text).toMatch(/^Added project ZEUS "Zeus platform" \(portfolio DIGITAL, program DATA, PM Nina Park\)\./);
    expect(await getPerson(world.ws, '29:nina')).toMatchObject({ displayName: 'Nina Park' });
  });

  it('refuses a duplicate key, a mismatched portfolio and a non-admin', async () => {
    const world = await makeWorld();
    const duplicate = await runFor(world, world.admin, 'project add APOLLO "Apollo again"', 'error');
    expect(duplicate.view.message).toBe('There is already a project APOLLO.');
    await runFor(world, world.admin, 'portfolio add DIGITAL "Digital"', 'text');
    await runFor(world, world.admin, 'portfolio add OPS "Operations"', 'text');
    await runFor(world, world.admin, 'program add DATA "Data" portfolio=DIGITAL', 'text');
    const mismatch = await runFor(world, world.admin, 'project add ZEUS "Zeus" program=DATA portfolio=OPS', 'error');
    expect(mismatch).toMatchObject({ field: 'portfolio', view: { message: 'Program DATA belongs to portfolio DIGITAL, not OPS.' } });
    const forbidden = await runFor(world, world.pm, 'project add HERA "Hera"', 'error');
    expect(forbidden.view.message).toBe('Only a PMO admin can add projects.');
    const unnamed = await runFor(world, world.admin, 'project add HERA', 'error');
    expect(unnamed).toMatchObject({ field: 'title', view: { message: 'A new project needs a name.' } });
  });
});

describe('link', () => {
  it('links this channel to one project at a time', async () => {
    const world = await makeWorld();
    await runFor(world, world.admin, 'project add ZEUS "Zeus platform"', 'text');
    const first = await runFor(world, world.admin, 'link APOLLO', 'text', { channelId: 'chan-1' });
    expect(first.text).toBe('Linked this channel to APOLLO (Apollo): project= defaults to APOLLO here.');
    const moved = await runFor(world, world.admin, 'link zeus', 'text', { channelId: 'chan-1' });
    expect(moved.text).toBe('Linked this channel to ZEUS (Zeus platform): project= defaults to ZEUS here. It is no longer linked to APOLLO.');
    expect((await projectForChannel(world.ws, 'chan-1'))?.key).toBe('ZEUS');
  });

  it('refuses a non-admin and a message with no channel', async () => {
    const world = await makeWorld();
    const forbidden = await runFor(world, world.pm, 'link APOLLO', 'error', { channelId: 'chan-1' });
    expect(forbidden.view.message).toBe('Only a PMO admin can link channels to projects.');
    const nowhere = await runFor(world, world.admin, 'link APOLLO', 'error');
    expect(nowhere.field).toBe('channel');
    expect(await projectForChannel(world.ws, 'chan-1')).toBeNull();
  });

  it('makes the channel a portfolio’s exec channel with its conversation reference', async () => {
    const world = await makeWorld();
    await runFor(world, world.admin, 'portfolio add DIGITAL "Digital transformation"', 'text');
    const refId = new Types.ObjectId().toHexString();
    const reply = await runFor(world, world.admin, 'link exec DIGITAL', 'text', { channelId: 'exec-chan', conversationRefId: refId });
    expect(reply.text).toBe('This channel is now an exec channel of DIGITAL (Digital transformation): its portfolio digest is posted here.');
    const portfolio = await getPortfolio(world.ws, 'DIGITAL');
    expect(portfolio?.execChannels.map((c) => [c.platform, c.channelId, c.conversationRefId?.toHexString()])).toEqual([['teams', 'exec-chan', refId]]);
    const unknown = await runFor(world, world.admin, 'link exec NOPE', 'error', { channelId: 'exec-chan' });
    expect(unknown).toMatchObject({ field: 'portfolio', view: { message: 'There is no portfolio NOPE in this workspace.' } });
  });
});

describe('role', () => {
  it('grants a role to a mentioned person, recording them with their name', async () => {
    const world = await makeWorld();
    const reply = await runFor(world, world.admin, 'role @{29:nina|Nina Park} pm', 'text');
    expect(reply.text).toBe('Nina Park is now a project manager.');
    expect(await getPerson(world.ws, '29:nina')).toMatchObject({ displayName: 'Nina Park', role: 'pm' });
    const same = await runFor(world, world.admin, 'role pm @{29:nina|Nina Park}', 'text');
    expect(same.text).toBe('Nina Park already is a project manager; nothing changed.');
  });

  it('refuses a non-admin and demoting the last PMO admin', async () => {
    const world = await makeWorld();
    const forbidden = await runFor(world, world.pm, 'role @{u-owner|Jane} pmo_admin', 'error');
    expect(forbidden.view.message).toBe('Only a PMO admin can grant roles.');
    expect((await getPerson(world.ws, 'u-owner'))?.role).toBe('member');
    const last = await runFor(world, world.admin, 'role @{u-admin|Ada} member', 'error');
    expect(last.view.message).toBe('Ada is the only PMO admin; make someone else a PMO admin first.');
  });
});

describe('settings', () => {
  it('shows the settings to anyone', async () => {
    const world = await makeWorld();
    const reply = await runFor(world, world.other, 'settings', 'text');
    expect(reply.text).toContain('Time zone: Europe/London');
    expect(reply.text).toContain('Portfolio digest: Mon 09:30');
    // Controlling is the default (SPEC §4).
    expect(reply.text).toContain('PMO policy: controlling');
    expect(reply.text).toContain('– Change requests decided by: a PMO admin');
    expect(reply.text).toContain('– A change is overdue when pending for: 7 days');
  });

  it('lets a PMO admin change them and says what changed', async () => {
    const world = await makeWorld();
    const reply = await runFor(world, world.admin, 'settings timezone=Europe/Berlin digest="tue 8:15" policy=supportive', 'text');
    expect(reply.text).toBe([
      'Settings updated: time zone Europe/Berlin, digest Tue 08:15 and policy supportive.',
      'What changes from controlling to supportive:',
      '• Reason for an amber or red status: required → asked, may be skipped',
      '• Missing status update: nudge to the PM; the next working day the PMO admins get the names → nudge to the PM',
      "• Change requests decided by: a PMO admin → its project's PM or a PMO admin",
      '• A change is overdue when pending for: 7 days → 14 days',
      '• Overdue items: reminders to owners and PMs; a count per owner in the scorecard → reminders to owners and PMs',
    ].join('\n'));
    expect(await getSettings(world.ws)).toMatchObject({ timeZone: 'Europe/Berlin', policy: 'supportive', changePendingDays: 14, schedules: { digest: 'Tue 08:15' } });
    const same = await runFor(world, world.admin, 'settings policy=supportive', 'text');
    expect(same.text).toBe('Nothing changed: the settings already had those values.');
  });

  it('refuses changes from anyone else', async () => {
    const world = await makeWorld();
    const reply = await runFor(world, world.pm, 'settings policy=directive', 'error');
    expect(reply.view.message).toBe('Only a PMO admin can change the workspace settings.');
    expect((await getSettings(world.ws)).policy).toBe('controlling');
  });
});
