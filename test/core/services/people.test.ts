import { ensurePerson, ensureWorkspace, getPerson, grantRole, listPeople } from '../../../core/services';
import { PersonModel } from '../../../models';
import { useTestDatabase } from '../../support/db';
import { rejectionOf } from './fixtures';

useTestDatabase();

let n = 0;
const newWorkspace = async () => (await ensureWorkspace('slack', `T-people-${++n}`, 'Team', { timeZone: 'UTC' }))._id;

describe('ensurePerson', () => {
  it('makes the first person a PMO admin and later ones members, keeping names current', async () => {
    const ws = await newWorkspace();
    expect((await ensurePerson(ws, 'U1', 'Ada')).role).toBe('pmo_admin');
    expect((await ensurePerson(ws, 'U2', 'Bob')).role).toBe('member');
    expect((await ensurePerson(ws, 'U1', 'Ada Lovelace')).role).toBe('pmo_admin');
    expect((await getPerson(ws, 'U1'))?.displayName).toBe('Ada Lovelace');
    expect(await PersonModel.countDocuments({ workspaceId: ws })).toBe(2);
  });

  it('never gives the founding admin seat to someone who was only @mentioned', async () => {
    const ws = await newWorkspace();
    expect((await ensurePerson(ws, 'U9', 'Mentioned Mia', { mentioned: true })).role).toBe('member');
    expect((await ensurePerson(ws, 'U1', 'Ada')).role).toBe('pmo_admin');
  });

  it('makes exactly one of ten people arriving at once the PMO admin', async () => {
    const ws = await newWorkspace();
    const people = await Promise.all(Array.from({ length: 10 }, (_, i) => ensurePerson(ws, `U${i}`, `Person ${i}`)));
    expect(people.filter((p) => p.role === 'pmo_admin')).toHaveLength(1);
    expect(await PersonModel.countDocuments({ workspaceId: ws, role: 'pmo_admin' })).toBe(1);
    expect(await PersonModel.countDocuments({ workspaceId: ws })).toBe(10);
  });

  it('keeps one record when the same person arrives twice at once', async () => {
    const ws = await newWorkspace();
    const [a, b] = await Promise.all([ensurePerson(ws, 'U1', 'Ada'), ensurePerson(ws, 'U1', 'Ada')]);
    expect([a.role, b.role]).toEqual(['pmo_admin', 'pmo_admin']);
    expect(await PersonModel.countDocuments({ workspaceId: ws })).toBe(1);
  });

  it('makes the installer a PMO admin even when someone else talked first', async () => {
    const ws = await newWorkspace();
    await ensurePerson(ws, 'U1', 'Ada');
    expect((await ensurePerson(ws, 'U9', 'Installer', { installer: true })).role).toBe('pmo_admin');
  });

  it('has a first PMO admin per workspace', async () => {
    const [a, b] = [await newWorkspace(), await newWorkspace()];
    expect((await ensurePerson(a, 'U1', 'Ada')).role).toBe('pmo_admin');
    expect((await ensurePerson(b, 'U1', 'Ada')).role).toBe('pmo_admin');
    expect((await ensurePerson(b, 'U2', 'Bob')).role).toBe('member');
  });
});

describe('grantRole', () => {
  it('lets a PMO admin grant roles, also to someone who has not talked to the bot yet', async () => {
    const ws = await newWorkspace();
    const admin = { userId: 'U1' };
    await ensurePerson(ws, 'U1', 'Ada');
    await ensurePerson(ws, 'U2', 'Bob');
    expect(await grantRole(ws, admin, 'U2', 'pm')).toMatchObject({ person: { role: 'pm' }, previousRole: 'member' });
    expect(await grantRole(ws, admin, 'U3', 'executive', 'Cleo')).toMatchObject({ person: { role: 'executive', displayName: 'Cleo' }, previousRole: null });
    expect((await listPeople(ws, { role: 'executive' })).map((p) => p.platformUserId)).toEqual(['U3']);
  });

  it('refuses an unknown role, non-admins, and demoting the last PMO admin', async () => {
    const ws = await newWorkspace();
    await ensurePerson(ws, 'U1', 'Ada');
    await ensurePerson(ws, 'U2', 'Bob');
    expect(await rejectionOf(grantRole(ws, { userId: 'U1' }, 'U2', 'boss'))).toMatchObject({ code: 'invalid', field: 'role' });
    expect(await rejectionOf(grantRole(ws, { userId: 'U2' }, 'U2', 'pmo_admin'))).toMatchObject({ code: 'forbidden' });
    expect(await rejectionOf(grantRole(ws, { userId: 'U1' }, 'U1', 'member'))).toMatchObject({
      code: 'conflict',
      message: 'Ada is the only PMO admin; make someone else a PMO admin first.',
    });
    await grantRole(ws, { userId: 'U1' }, 'U2', 'pmo_admin');
    expect((await grantRole(ws, { userId: 'U2' }, 'U1', 'member')).person.role).toBe('member');
  });
});
