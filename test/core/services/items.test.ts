import { closeItem, createChange, createIssue, createRisk, getItem, updateItem } from '../../../core/services';
import type { RiskItem } from '../../../core/services';
import { ItemHistoryModel, RiskModel } from '../../../models';
import { useTestDatabase } from '../../support/db';
import { makeWorld, rejectionOf } from './fixtures';

useTestDatabase();

const T0 = new Date('2026-03-02T09:00:00Z');
const T1 = new Date('2026-03-03T10:00:00Z');
const T2 = new Date('2026-03-04T11:00:00Z');

describe('register items', () => {
  it('stores a risk with score, rating, raiser and owner defaulting to the raiser, plus one created entry', async () => {
    const { ws, owner } = await makeWorld();
    const risk = await createRisk(ws, owner, { title: '  Vendor API may slip ', projectKey: 'apollo', probability: '4', impact: 5, due: '2026-04-01' }, T0);
    expect(risk).toMatchObject({
      key: 'R-1', kind: 'risk', title: 'Vendor API may slip', projectKey: 'APOLLO', probability: 4, impact: 5,
      score: 20, rating: 'critical', status: 'open', ownerId: owner.userId, raisedById: owner.userId, due: '2026-04-01',
    });
    const { history } = await getItem(ws, 'r-1');
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ action: 'created', byId: owner.userId, itemKey: 'R-1', kind: 'risk', at: T0 });
  });

  it('writes the item alone: its creation line is read from it, and an older stored created entry is not doubled', async () => {
    const { ws, owner } = await makeWorld();
    await createRisk(ws, owner, { title: 'Vendor API may slip', projectKey: 'APOLLO', probability: 2, impact: 2 }, T0);
    const workspaceId = ws;
    expect(await RiskModel.findOne({ workspaceId, key: 'R-1' }).lean()).toMatchObject({ createdAt: T0, updatedAt: T0, __v: 0 });
    expect(await ItemHistoryModel.countDocuments({ workspaceId })).toBe(0);

    // Logged before the item was its own record: the stored entry is the one shown.
    await createRisk(ws, owner, { title: 'Older risk', projectKey: 'APOLLO', probability: 2, impact: 2 }, T0);
    await ItemHistoryModel.create({ workspaceId, itemKey: 'R-2', kind: 'risk', at: T0, byId: 'someone-else', action: 'created', to: 'Older risk' });
    const { history } = await getItem(ws, 'R-2');
    expect(history.map((h) => `${h.action}:${h.byId}`)).toEqual(['created:someone-else']);
  });

  it('records one history entry per changed field with from and to, and recomputes score and rating', async () => {
    const { ws, owner } = await makeWorld();
    await createRisk(ws, owner, { title: 'Vendor API may slip', projectKey: 'APOLLO', probability: 2, impact: 2 }, T0);
    const { item, changed } = await updateItem(ws, owner, 'R-1', { probability: 4, impact: 4, mitigation: 'Weekly vendor call', title: 'Vendor API may slip' }, T1);
    expect(item).toMatchObject({ probability: 4, impact: 4, score: 16, rating: 'high', mitigation: 'Weekly vendor call' });
    expect(changed.sort()).toEqual(['impact', 'mitigation', 'probability', 'rating', 'score']);
    const { history } = await getItem(ws, 'R-1');
    const updates = history.filter((h) => h.action === 'updated');
    expect(updates.map((h) => [h.field, h.from, h.to]).sort()).toEqual([
      ['impact', 2, 4],
      ['mitigation', '', 'Weekly vendor call'],
      ['probability', 2, 4],
      ['rating', 'low', 'high'],
      ['score', 4, 16],
    ]);
    expect(updates.every((h) => h.byId === owner.userId && h.at.getTime() === T1.getTime())).toBe(true);
  });

  it('writes nothing when an update changes nothing', async () => {
    const { ws, owner } = await makeWorld();
    await createIssue(ws, owner, { title: 'Build broken', projectKey: 'APOLLO', priority: 'high' }, T0);
    const result = await updateItem(ws, owner, 'I-1', { priority: 'High' }, T1);
    expect(result.changed).toEqual([]);
    expect((await getItem(ws, 'I-1')).history).toHaveLength(1);
  });

  it('closes with a resolution, records it, and refuses to close twice', async () => {
    const { ws, owner, pm } = await makeWorld();
    await createIssue(ws, owner, { title: 'Build broken', projectKey: 'APOLLO', type: 'off-spec' }, T0);
    const closed = await closeItem(ws, pm, 'I-1', 'Fixed in build 42', T2);
    expect(closed).toMatchObject({ status: 'closed', resolution: 'Fixed in build 42', type: 'off_specification' });
    expect(closed.closedAt).toEqual(T2);
    const last = (await getItem(ws, 'I-1')).history.at(-1);
    expect(last).toMatchObject({ action: 'closed', field: 'status', from: 'open', to: 'closed', note: 'Fixed in build 42', byId: pm.userId });
    const again = await rejectionOf(closeItem(ws, pm, 'I-1'));
    expect(again).toMatchObject({ code: 'conflict', message: 'I-1 is already closed.' });
  });

  it('treats a status change into resolved as closing and back to open as reopening', async () => {
    const { ws, owner } = await makeWorld();
    await createIssue(ws, owner, { title: 'Flaky test', projectKey: 'APOLLO' }, T0);
    const resolved = await updateItem(ws, owner, 'I-1', { status: 'resolved' }, T1);
    expect(resolved.item.closedAt).toEqual(T1);
    const reopened = await updateItem(ws, owner, 'I-1', { status: 'in progress' }, T2);
    expect(reopened.item).toMatchObject({ status: 'in_progress', closedAt: null });
    const actions = (await getItem(ws, 'I-1')).history.map((h) => `${h.action}:${h.from ?? ''}>${h.to ?? ''}`);
    expect(actions).toEqual(['created:>Flaky test', 'closed:open>resolved', 'updated:resolved>in_progress']);
  });

  it('stamps who decided a change request and when', async () => {
    const { ws, owner, pm } = await makeWorld({ policy: 'supportive' }); // where the project's PM decides
    await createChange(ws, owner, { title: 'Add SSO', projectKey: 'APOLLO', impact: '+2 weeks, +£10k' }, T0);
    const { item } = await updateItem(ws, pm, 'C-1', { decision: 'approved' }, T1);
    expect(item).toMatchObject({ decision: 'approved', decidedById: pm.userId, impact: '+2 weeks, +£10k' });
    expect(item.kind === 'change' && item.decidedAt).toEqual(T1);
  });

  describe('validation names the field at fault', () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['probability 0', { probability: 0 }, 'probability'],
      ['probability 2.5', { probability: 2.5 }, 'probability'],
      ['impact 6', { impact: 6 }, 'impact'],
      ['impossible due date', { due: '2026-02-30' }, 'due'],
      ['free-text due date', { due: 'next friday' }, 'due'],
      ['unknown response', { response: 'ignore' }, 'response'],
      ['empty title', { title: '   ' }, 'title'],
      ['a field risks do not have', { priority: 'high' }, 'priority'],
    ];
    it.each(cases)('refuses a risk with %s', async (_label, patch, field) => {
      const { ws, owner } = await makeWorld();
      const input = { title: 'Risk', projectKey: 'APOLLO', probability: 3, impact: 3, ...patch };
      const err = await rejectionOf(createRisk(ws, owner, input as Parameters<typeof createRisk>[2]));
      expect(err).toMatchObject({ code: 'invalid', field });
      expect(err.message).toContain(field);
    });

    it('refuses a project that is not in this workspace', async () => {
      const a = await makeWorld({ projectKey: 'ZEUS' });
      const b = await makeWorld();
      const err = await rejectionOf(createIssue(b.ws, b.owner, { title: 'x', projectKey: 'ZEUS' }));
      expect(err).toMatchObject({ code: 'not_found', field: 'projectKey', message: 'There is no project ZEUS in this workspace.' });
      expect((await createIssue(a.ws, a.owner, { title: 'x', projectKey: 'ZEUS' })).key).toBe('I-1');
    });

    it('refuses bad keys and enum values on update', async () => {
      const { ws, owner } = await makeWorld();
      await createIssue(ws, owner, { title: 'x', projectKey: 'APOLLO' });
      expect(await rejectionOf(updateItem(ws, owner, 'X-1', { title: 'y' }))).toMatchObject({ code: 'invalid', field: 'key' });
      expect(await rejectionOf(updateItem(ws, owner, 'I-1', { priority: 'urgent' }))).toMatchObject({ code: 'invalid', field: 'priority' });
      expect(await rejectionOf(updateItem(ws, owner, 'I-1', { status: 'done' }))).toMatchObject({ code: 'invalid', field: 'status' });
      expect(await rejectionOf(updateItem(ws, owner, 'I-9', { title: 'y' }))).toMatchObject({ code: 'not_found' });
    });
  });

  it('moves an item to another project only if that project exists', async () => {
    const { ws, owner } = await makeWorld();
    const risk: RiskItem = await createRisk(ws, owner, { title: 'x', projectKey: 'APOLLO', probability: 1, impact: 1 });
    expect(await rejectionOf(updateItem(ws, owner, risk.key, { projectKey: 'NOPE' }))).toMatchObject({ code: 'not_found', field: 'projectKey' });
    expect(await rejectionOf(createRisk(ws, owner, { title: 'x', projectKey: '', probability: 1, impact: 1 }))).toMatchObject({
      code: 'invalid',
      field: 'projectKey',
      message: 'project cannot be empty.',
    });
  });
});
