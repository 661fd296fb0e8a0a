import { createIssue, createRisk, escalateRisk, getItem } from '../../../core/services';
import { IssueModel } from '../../../models';
import { useTestDatabase } from '../../support/db';
import { makeWorld, rejectionOf } from './fixtures';

useTestDatabase();

const T0 = new Date('2026-05-04T08:00:00Z');
const T1 = new Date('2026-05-06T15:30:00Z');

describe('escalateRisk', () => {
  it('turns a risk into an issue linked both ways, with history on both', async () => {
    const { ws, owner, pm } = await makeWorld();
    await createIssue(ws, owner, { title: 'Existing issue', projectKey: 'APOLLO' }, T0);
    await createRisk(ws, owner, { title: 'Supplier insolvency', description: 'Tier-2 supplier', projectKey: 'APOLLO', probability: 4, impact: 4, due: '2026-06-01' }, T0);

    const { risk, issue } = await escalateRisk(ws, pm, 'r-1', T1);

    expect(issue).toMatchObject({
      key: 'I-2', title: 'Supplier insolvency', description: 'Tier-2 supplier', projectKey: 'APOLLO', ownerId: owner.userId,
      raisedById: pm.userId, priority: 'high', type: 'problem', status: 'open', escalatedFrom: 'R-1', due: '2026-06-01',
    });
    expect(risk).toMatchObject({ key: 'R-1', escalatedTo: 'I-2', status: 'closed', resolution: 'Escalated to I-2' });
    expect(risk.closedAt).toEqual(T1);

    const riskHistory = (await getItem(ws, 'R-1')).history.map((h) => [h.action, h.field, h.from, h.to, h.byId]);
    expect(riskHistory).toEqual([
      ['created', null, null, 'Supplier insolvency', owner.userId],
      ['escalated', 'escalatedTo', null, 'I-2', pm.userId],
      ['closed', 'status', 'open', 'closed', pm.userId],
    ]);
    const issueHistory = (await getItem(ws, 'I-2')).history.map((h) => [h.action, h.field, h.from, h.to, h.byId]);
    expect(issueHistory).toEqual([
      ['created', null, null, 'Supplier insolvency', pm.userId],
      ['escalated', 'escalatedFrom', null, 'R-1', pm.userId],
    ]);
  });

  it('escalates a risk once, even when two people try at the same moment', async () => {
    const { ws, owner, pm } = await makeWorld();
    await createRisk(ws, owner, { title: 'Data centre move', projectKey: 'APOLLO', probability: 5, impact: 5 }, T0);
    const results = await Promise.allSettled([escalateRisk(ws, owner, 'R-1', T1), escalateRisk(ws, pm, 'R-1', T1)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused?.reason).toMatchObject({ code: 'conflict' });
    expect(await IssueModel.countDocuments({ workspaceId: ws, escalatedFrom: 'R-1' })).toBe(1);
    const again = await rejectionOf(escalateRisk(ws, owner, 'R-1', T1));
    expect(again).toMatchObject({ code: 'conflict', message: 'R-1 was already escalated to I-1.' });
  });

  it('maps the rating to the priority and refuses what cannot be escalated', async () => {
    const { ws, owner } = await makeWorld();
    await createRisk(ws, owner, { title: 'Minor', projectKey: 'APOLLO', probability: 1, impact: 2 }, T0);
    expect((await escalateRisk(ws, owner, 'R-1', T1)).issue.priority).toBe('low');
    expect(await rejectionOf(escalateRisk(ws, owner, 'I-1', T1))).toMatchObject({ code: 'invalid', field: 'key' });
    expect(await rejectionOf(escalateRisk(ws, owner, 'R-9', T1))).toMatchObject({ code: 'not_found' });
  });
});
