import { Types } from 'mongoose';
import {
  ConversationRefModel,
  definedModels,
  ensureIndexes,
  JobRecordModel,
  NO_WORKSPACE,
  PersonModel,
  RiskModel,
  StatusUpdateModel,
  WorkspaceModel,
} from '../../models';
import { useTestDatabase } from '../support/db';

useTestDatabase();

/** The unique indexes the services rely on for correctness under concurrency. */
const UNIQUE: [string, Record<string, number>][] = [
  ['workspaces', { platform: 1, externalId: 1 }],
  ['portfolios', { workspaceId: 1, key: 1 }],
  ['programs', { workspaceId: 1, key: 1 }],
  ['projects', { workspaceId: 1, key: 1 }],
  ['people', { workspaceId: 1, platformUserId: 1 }],
  ['status_updates', { workspaceId: 1, projectKey: 1, period: 1 }],
  ['risks', { workspaceId: 1, seq: 1 }],
  ['issues', { workspaceId: 1, seq: 1 }],
  ['change_requests', { workspaceId: 1, seq: 1 }],
  // Models no list names: their descriptors define them, and ensureIndexes builds every model defined.
  ['decisions', { workspaceId: 1, seq: 1 }],
  ['actions', { workspaceId: 1, seq: 1 }],
  ['conversation_refs', { workspaceId: 1, platform: 1, conversationId: 1 }],
  ['job_records', { workspaceId: 1, type: 1, job: 1, period: 1, key: 1 }],
  ['claims', { workspaceId: 1, name: 1 }],
];

describe('models', () => {
  it('has the unique indexes the services rely on, built by ensureIndexes', async () => {
    for (const [collection, key] of UNIQUE) {
      const model = definedModels().find((m) => (m as unknown as { collection: { name: string } }).collection.name === collection);
      expect(model).toBeDefined();
      const indexes = (await (model as unknown as typeof RiskModel).listIndexes()) as { key: Record<string, number>; unique?: boolean }[];
      expect(indexes.find((i) => JSON.stringify(i.key) === JSON.stringify(key))).toMatchObject({ unique: true });
    }
  });

  it('can run ensureIndexes again (start-up after start-up)', async () => {
    await expect(ensureIndexes()).resolves.toBeUndefined();
  });

  it('puts every index of a workspace-owned collection behind workspaceId', async () => {
    for (const model of definedModels()) {
      const m = model as unknown as typeof RiskModel;
      // Workspace is the root; BotState (bot/'s botbuilder storage) are keyed by `_id`s built from its own workspaceKey;
      // InboundRequest is written before any
      // workspace is looked up (before Slack's ack), keyed by the platform's team id, and its work runs scoped to its workspace.
      if (['Workspace', 'BotState', 'InboundRequest'].includes(m.modelName)) continue;
      expect(m.schema.path('workspaceId')?.isRequired).toBe(true);
      for (const [fields] of m.schema.indexes()) {
        // Retention's housekeeping reads finished job runs across workspaces.
        if (m.modelName === 'JobRecord' && Object.keys(fields)[0] === 'type') continue;
        expect(Object.keys(fields)[0]).toBe('workspaceId');
      }
    }
  });

  it('applies the workspace defaults and timestamps', async () => {
    const ws = await WorkspaceModel.create({ platform: 'slack', externalId: 'T1' });
    expect(ws.toObject()).toMatchObject({
      timeZone: 'UTC', policy: 'controlling',
      schedules: { digest: 'Mon 09:30', reminders: 'Mon 09:00', nudge: 'Thu 10:00' },
    });
    expect(ws.get('createdAt')).toBeInstanceOf(Date);
    await expect(WorkspaceModel.create({ platform: 'slack', externalId: 'T1' })).rejects.toMatchObject({ code: 11000 });
    await expect(WorkspaceModel.create({ platform: 'irc', externalId: 'T2' })).rejects.toThrow(/platform/);
  });

  it('requires workspaceId and validates enums and ranges', async () => {
    await expect(PersonModel.create({ platformUserId: 'U1', displayName: 'x' })).rejects.toThrow(/workspaceId/);
    const workspaceId = new Types.ObjectId();
    await expect(PersonModel.create({ workspaceId, platformUserId: 'U1', role: 'king' })).rejects.toThrow(/role/);
    const risk = { workspaceId, seq: 1, key: 'R-1', title: 't', projectKey: 'P', ownerId: 'u', raisedById: 'u', score: 30, rating: 'high' };
    await expect(RiskModel.create({ ...risk, probability: 6, impact: 5 })).rejects.toThrow(/probability/);
    await expect(StatusUpdateModel.create({ workspaceId, projectKey: 'P', period: '2026-W01', overall: 'purple', authorId: 'u', submittedAt: new Date() })).rejects.toThrow(/overall/);
  });

  it('refuses a second conversation ref or job run with the same key', async () => {
    const workspaceId = new Types.ObjectId();
    const ref = { workspaceId, platform: 'teams', kind: 'personal', conversationId: 'a:1', reference: { a: 1 } };
    await ConversationRefModel.create(ref);
    await expect(ConversationRefModel.create(ref)).rejects.toMatchObject({ code: 11000 });
    const run = { workspaceId, type: 'run', job: 'nudge', period: '2026-W48', status: 'claimed', claimedBy: 'i1', claimedAt: new Date() };
    await JobRecordModel.create(run);
    await expect(JobRecordModel.create({ ...run, claimedBy: 'i2' })).rejects.toMatchObject({ code: 11000 });
    // The sweep of a day, of no workspace, is claimed the same way.
    const sweep = { workspaceId: NO_WORKSPACE, type: 'sweep', job: 'retention', period: '2026-11-30', status: 'claimed', claimedBy: 'i1' };
    await JobRecordModel.create(sweep);
    await expect(JobRecordModel.create({ ...sweep, claimedBy: 'i2' })).rejects.toMatchObject({ code: 11000 });
  });
});
