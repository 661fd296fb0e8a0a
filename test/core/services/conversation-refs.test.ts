import { ensureWorkspace, getConversationRef, listConversationRefs, saveConversationRef } from '../../../core/services';
import { useTestDatabase } from '../../support/db';
import { rejectionOf } from './fixtures';

useTestDatabase();

const teamsRef = {
  activityId: 'a1',
  user: { id: '29:user', name: 'Jane', aadObjectId: 'aad-1' },
  bot: { id: '28:bot', name: 'PMO' },
  conversation: { id: 'a:personal-1', conversationType: 'personal', tenantId: 'tenant-1' },
  channelId: 'msteams',
  serviceUrl: 'https://smba.trafficmanager.net/emea/',
};

describe('conversation references', () => {
  it('upserts one reference per conversation and filters them', async () => {
    const ws = (await ensureWorkspace('teams', 'refs-1', 'Refs', { timeZone: 'UTC' }))._id;
    const saved = await saveConversationRef(ws, {
      platform: 'teams', kind: 'personal', conversationId: 'a:personal-1', userId: 'aad-1', reference: teamsRef, serviceUrl: teamsRef.serviceUrl,
    });
    expect(saved.reference).toEqual(teamsRef);
    const refreshed = await saveConversationRef(ws, {
      platform: 'teams', kind: 'personal', conversationId: 'a:personal-1', userId: 'aad-1',
      reference: { ...teamsRef, serviceUrl: 'https://smba.trafficmanager.net/amer/' },
    });
    expect(refreshed._id).toEqual(saved._id);
    expect(refreshed.reference.serviceUrl).toBe('https://smba.trafficmanager.net/amer/');
    await saveConversationRef(ws, { platform: 'teams', kind: 'channel', conversationId: '19:chan;messageid=1', channelId: '19:chan', reference: teamsRef });
    expect((await listConversationRefs(ws)).length).toBe(2);
    expect((await listConversationRefs(ws, { userId: 'aad-1' })).map((r) => r.conversationId)).toEqual(['a:personal-1']);
    expect((await listConversationRefs(ws, { kind: 'channel' })).map((r) => r.channelId)).toEqual(['19:chan']);
    expect((await getConversationRef(ws, saved._id))?.conversationId).toBe('a:personal-1');
  });

  it('stores one reference when the same conversation is saved concurrently, and none across workspaces', async () => {
    const a = (await ensureWorkspace('slack', 'refs-a', 'A', { timeZone: 'UTC' }))._id;
    const b = (await ensureWorkspace('slack', 'refs-b', 'B', { timeZone: 'UTC' }))._id;
    const ref = { platform: 'slack' as const, kind: 'personal' as const, conversationId: 'D123', userId: 'U1', reference: { channel: 'D123', user: 'U1' } };
    const saved = await Promise.all(Array.from({ length: 4 }, () => saveConversationRef(a, ref)));
    expect(new Set(saved.map((s) => String(s._id))).size).toBe(1);
    expect(await listConversationRefs(b)).toEqual([]);
    expect(await getConversationRef(b, saved[0]._id)).toBeNull();
    expect(await rejectionOf(saveConversationRef(a, { ...ref, conversationId: '' }))).toMatchObject({ code: 'invalid', field: 'conversationId' });
  });
});
