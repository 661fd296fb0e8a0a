import type { Actor } from '../../../core/domain';
import {
  addProject,
  canChangeItem,
  closeItem,
  createRisk,
  ensurePerson,
  ensureWorkspace,
  escalateRisk,
  grantRole,
  linkChannel,
  updateItem,
  updateSettings,
} from '../../../core/services';
import { useTestDatabase } from '../../support/db';
import { makeWorld, rejectionOf, type World } from './fixtures';

useTestDatabase();

describe('canChangeItem (the SPEC §3 rule)', () => {
  it.each([
    ['the owner', { actorId: 'o', ownerId: 'o', pmId: 'p', isAdmin: false }, true],
    ["the project's PM", { actorId: 'p', ownerId: 'o', pmId: 'p', isAdmin: false }, true],
    ['a PMO admin', { actorId: 'a', ownerId: 'o', pmId: 'p', isAdmin: true }, true],
    ['anyone else', { actorId: 'x', ownerId: 'o', pmId: 'p', isAdmin: false }, false],
    ['anyone, on a project without PM', { actorId: 'x', ownerId: 'o', pmId: null, isAdmin: false }, false],
  ])('%s → %s', (_who, input, allowed) => {
    expect(canChangeItem(input)).toBe(allowed);
  });
});

describe('who may change an item', () => {
  let world: World;
  beforeAll(async () => {
    world = await makeWorld();
  });
  const newRisk = () => createRisk(world.ws, world.owner, { title: 'Vendor slip', projectKey: 'APOLLO', probability: 3, impact: 3 });

  it.each(['owner', 'pm', 'admin'] as const)('lets the %s update, close and escalate', async (who) => {
    const actor = world[who];
    const a = await newRisk();
    expect((await updateItem(world.ws, actor, a.key, { impact: 4 })).changed).toContain('impact');
    expect((await closeItem(world.ws, actor, a.key)).status).toBe('closed');
    const b = await newRisk();
    expect((await escalateRisk(world.ws, actor, b.key)).issue.escalatedFrom).toBe(b.key);
  });

  it('refuses anyone else, saying who may', async () => {
    const risk = await newRisk();
    const update = await rejectionOf(updateItem(world.ws, world.other, risk.key, { impact: 1 }));
    expect(update).toMatchObject({ code: 'forbidden' });
    expect(update.message).toBe(`Only the owner (Jane), the project's PM (Sam) or a PMO admin can update ${risk.key}.`);
    expect((await rejectionOf(closeItem(world.ws, world.other, risk.key))).message).toBe(
      `Only the owner (Jane), the project's PM (Sam) or a PMO admin can close ${risk.key}.`,
    );
    expect((await rejectionOf(escalateRisk(world.ws, world.other, risk.key))).code).toBe('forbidden');
    // Nothing was changed by the refused calls.
    expect((await updateItem(world.ws, world.owner, risk.key, { impact: 3 })).changed).toEqual([]);
  });

  it('lets anyone log an item', async () => {
    expect((await createRisk(world.ws, world.other, { title: 'x', projectKey: 'APOLLO', probability: 1, impact: 1 })).raisedById).toBe('u-other');
  });

  it('counts a platform admin (Teams team owner / Slack admin) as a PMO admin', async () => {
    const risk = await newRisk();
    const teamOwner: Actor = { userId: 'u-other', isPlatformAdmin: true };
    expect((await closeItem(world.ws, teamOwner, risk.key)).status).toBe('closed');
    await addProject(world.ws, teamOwner, { key: 'HERMES', name: 'Hermes' });
  });

  it('follows role changes: a new PMO admin may, a demoted one may not', async () => {
    const risk = await newRisk();
    await grantRole(world.ws, world.admin, world.other.userId, 'pmo_admin');
    await updateItem(world.ws, world.other, risk.key, { impact: 5 });
    await grantRole(world.ws, world.admin, world.other.userId, 'member');
    expect((await rejectionOf(updateItem(world.ws, world.other, risk.key, { impact: 1 }))).code).toBe('forbidden');
  });

  it('names only the PMO admin when the project has no PM and the owner is someone else', async () => {
    await addProject(world.ws, world.admin, { key: 'NOPM', name: 'No PM' });
    const risk = await createRisk(world.ws, world.owner, { title: 'x', projectKey: 'NOPM', probability: 1, impact: 1 });
    expect((await rejectionOf(closeItem(world.ws, world.pm, risk.key))).message).toBe(
      `Only the owner (Jane) or a PMO admin can close ${risk.key}.`,
    );
  });
});

describe('PMO-admin-only actions', () => {
  it('refuses hierarchy set-up, links, roles and settings to non-admins', async () => {
    const { ws, pm } = await makeWorld();
    const calls: [string, () => Promise<unknown>][] = [
      ['add projects', () => addProject(ws, pm, { key: 'ZEUS', name: 'Zeus' })],
      ['link channels to projects', () => linkChannel(ws, pm, 'APOLLO', { platform: 'teams', channelId: '19:x' })],
      ['grant roles', () => grantRole(ws, pm, pm.userId, 'pmo_admin')],
      ['change the workspace settings', () => updateSettings(ws, pm, { timeZone: 'Europe/Paris' })],
    ];
    for (const [action, call] of calls) {
      expect(await rejectionOf(call())).toMatchObject({ code: 'forbidden', message: `Only a PMO admin can ${action}.` });
    }
  });

  it('treats every user of a local workspace as a PMO admin', async () => {
    const local = await ensureWorkspace('local', `local-${Date.now()}`, 'Local', { timeZone: 'UTC' });
    await ensurePerson(local._id, 'first', 'First');
    const second = await ensurePerson(local._id, 'local-user', 'Local User');
    expect(second.role).toBe('member');
    await addProject(local._id, { userId: 'local-user' }, { key: 'LOCAL', name: 'Local' });
  });
});
