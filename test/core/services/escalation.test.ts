import { closeItem, createChange, createIssue, createRisk, escalateItem, escalateIssue, escalateRisk, getItem } from '../../../core/services';
import { ChangeRequestModel, IssueModel } from '../../../models';
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

describe('escalateIssue (escalate I-n)', () => {
  it('raises a pending change request from the issue, linked both ways, with history on both; the issue stays open', async () => {
    const { ws, owner, pm } = await makeWorld();
    await createChange(ws, owner, { title: 'Existing change', projectKey: 'APOLLO' }, T0);
    await createIssue(ws, owner, { title: 'Reporting misses VAT', description: 'Invoices lack VAT lines', projectKey: 'APOLLO', priority: 'high' }, T0);

    const { issue, change } = await escalateIssue(ws, pm, 'i-1', T1);

    expect(change).toMatchObject({
      key: 'C-2', title: 'Reporting misses VAT', description: 'Raised from I-1: Invoices lack VAT lines', projectKey: 'APOLLO',
      ownerId: owner.userId, raisedById: pm.userId, decision: 'pending', status: 'open', escalatedFrom: 'I-1',
    });
    expect(issue).toMatchObject({ key: 'I-1', escalatedTo: 'C-2', status: 'open' });

    const issueHistory = (await getItem(ws, 'I-1')).history.map((h) => [h.action, h.field, h.from, h.to, h.byId]);
    expect(issueHistory).toEqual([
      ['created', null, null, 'Reporting misses VAT', owner.userId],
      ['escalated', 'escalatedTo', null, 'C-2', pm.userId],
    ]);
    const changeHistory = (await getItem(ws, 'C-2')).history.map((h) => [h.action, h.field, h.from, h.to, h.byId]);
    expect(changeHistory).toEqual([
      ['created', null, null, 'Reporting misses VAT', pm.userId],
      ['escalated', 'raisedFrom', null, 'I-1', pm.userId],
    ]);
  });

  it('references the issue in the description even when it had none', async () => {
    const { ws, owner } = await makeWorld();
    await createIssue(ws, owner, { title: 'Build server down', projectKey: 'APOLLO' }, T0);
    const { change } = await escalateIssue(ws, owner, 'I-1', T1);
    expect(change.description).toBe('Raised from I-1.');
  });

  it('escalates an issue once, even when two people try at the same moment', async () => {
    const { ws, owner, pm } = await makeWorld();
    await createIssue(ws, owner, { title: 'Build server down', projectKey: 'APOLLO' }, T0);
    const results = await Promise.allSettled([escalateIssue(ws, owner, 'I-1', T1), escalateIssue(ws, pm, 'I-1', T1)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await ChangeRequestModel.countDocuments({ workspaceId: ws, escalatedFrom: 'I-1' })).toBe(1);
    const again = await rejectionOf(escalateIssue(ws, owner, 'I-1', T1));
    expect(again).toMatchObject({ code: 'conflict', message: 'I-1 was already escalated to C-1.' });
  });

  it('refuses a resolved issue, someone who may not change it, and keys that are not issues', async () => {
    const { ws, owner, other } = await makeWorld();
    await createIssue(ws, owner, { title: 'Build server down', projectKey: 'APOLLO' }, T0);
    await createIssue(ws, owner, { title: 'Spec gap', projectKey: 'APOLLO' }, T0);
    await closeItem(ws, owner, 'I-2', 'fixed', T0);
    expect(await rejectionOf(escalateIssue(ws, other, 'I-1', T1))).toMatchObject({ code: 'forbidden' });
    expect(await rejectionOf(escalateIssue(ws, owner, 'I-2', T1))).toMatchObject({
      code: 'conflict', message: 'I-2 is closed; reopen it (update I-2 status=open) to escalate it.',
    });
    expect(await rejectionOf(escalateIssue(ws, owner, 'R-1', T1))).toMatchObject({ code: 'invalid', field: 'key' });
    expect(await rejectionOf(escalateItem(ws, owner, 'C-1', T1))).toMatchObject({
      code: 'invalid', message: 'Only risks and issues can be escalated; C-1 is a change request.',
    });
  });

  it('escalateItem follows the chain risk → issue → change request', async () => {
    const { ws, owner } = await makeWorld();
    await createRisk(ws, owner, { title: 'Vendor may fold', projectKey: 'APOLLO', probability: 4, impact: 4 }, T0);
    const first = await escalateItem(ws, owner, 'R-1', T1);
    expect([first.from.key, first.to.key]).toEqual(['R-1', 'I-1']);
    const second = await escalateItem(ws, owner, 'I-1', T1);
    expect([second.from.key, second.to.key]).toEqual(['I-1', 'C-1']);
    expect((await getItem(ws, 'I-1')).item).toMatchObject({ escalatedFrom: 'R-1', escalatedTo: 'C-1' });
  });
});
