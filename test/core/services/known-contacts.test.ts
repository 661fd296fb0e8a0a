import { announceWorkspaceChanged, KnownContacts, updateSettings } from '../../../core/services';
import { ConversationRefModel, PersonModel, WorkspaceModel } from '../../../models';
import { useTestDatabase } from '../../support/db';

useTestDatabase();

const defaults = { timeZone: 'Europe/London' };

describe('KnownContacts', () => {
  let t = 0;
  let contacts: KnownContacts;
  beforeEach(() => {
    t = 1_000_000;
    contacts = new KnownContacts({ workspaceTtlMs: 10_000, clock: () => t });
  });
  afterEach(() => contacts.close());

  it('reads a workspace once within its time to live, and again after it', async () => {
    const first = await contacts.workspace('teams', 'kc-1', 'One', defaults);
    await WorkspaceModel.updateOne({ _id: first._id }, { $set: { timeZone: 'Asia/Kolkata' } });
    expect((await contacts.workspace('teams', 'kc-1', 'One', defaults)).timeZone).toBe('Europe/London');
    t += 10_001;
    expect((await contacts.workspace('teams', 'kc-1', 'One', defaults)).timeZone).toBe('Asia/Kolkata');
  });

  it('forgets a workspace at once when its settings change in this process', async () => {
    const ws = await contacts.workspace('teams', 'kc-2', 'Two', defaults);
    const admin = { userId: 'kc-admin', displayName: 'Admin', isPlatformAdmin: true };
    await updateSettings(ws._id, admin, { timeZone: 'America/New_York' });
    expect((await contacts.workspace('teams', 'kc-2', 'Two', defaults)).timeZone).toBe('America/New_York');
    announceWorkspaceChanged('someone-else'); // another workspace's change leaves this one cached
  });

  it('writes a person only when new or renamed', async () => {
    const ws = await contacts.workspace('teams', 'kc-3', 'Three', defaults);
    expect(await contacts.person(ws._id, 'u1', 'Una')).toMatchObject({ displayName: 'Una' });
    await PersonModel.updateOne({ workspaceId: ws._id, platformUserId: 'u1' }, { $set: { displayName: 'Changed elsewhere' } });
    expect(await contacts.person(ws._id, 'u1', 'Una')).toBeUndefined();
    expect((await PersonModel.findOne({ workspaceId: ws._id, platformUserId: 'u1' }).lean())!.displayName).toBe('Changed elsewhere');
    expect(await contacts.person(ws._id, 'u1', 'Una Renamed')).toMatchObject({ displayName: 'Una Renamed' });
  });

  it('saves a conversation reference only when it changed', async () => {
    const ws = await contacts.workspace('teams', 'kc-4', 'Four', defaults);
    const ref = { platform: 'teams' as const, kind: 'personal' as const, conversationId: 'c-1', userId: 'u1', reference: { serviceUrl: 'http://a/' }, serviceUrl: 'http://a/' };
    const id = await contacts.conversation(ws._id, ref);
    await ConversationRefModel.updateOne({ _id: id }, { $set: { serviceUrl: 'http://tampered/' } });
    expect(await contacts.conversation(ws._id, ref)).toBe(id);
    expect((await ConversationRefModel.findById(id).lean())!.serviceUrl).toBe('http://tampered/');
    expect(await contacts.conversation(ws._id, { ...ref, serviceUrl: 'http://b/', reference: { serviceUrl: 'http://b/' } })).toBe(id);
    expect((await ConversationRefModel.findById(id).lean())!.serviceUrl).toBe('http://b/');
  });
});
