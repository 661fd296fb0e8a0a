import { createChange, createIssue, createRisk, getItem } from '../../../core/services';
import { RiskModel } from '../../../models';
import { useTestDatabase } from '../../support/db';
import { makeWorld, rejectionOf } from './fixtures';

useTestDatabase();

describe('readable keys', () => {
  it('gives 50 risks logged at the same instant 50 distinct keys R-1..R-50', async () => {
    const { ws, owner } = await makeWorld();
    const risks = await Promise.all(
      Array.from({ length: 50 }, (_, n) => createRisk(ws, owner, { title: `Risk ${n}`, projectKey: 'APOLLO', probability: 2, impact: 3 })),
    );
    const keys = risks.map((r) => r.key);
    expect(new Set(keys).size).toBe(50);
    expect([...keys].sort((a, b) => Number(a.slice(2)) - Number(b.slice(2)))).toEqual(
      Array.from({ length: 50 }, (_, n) => `R-${n + 1}`),
    );
    expect(await RiskModel.countDocuments({ workspaceId: ws })).toBe(50);
    // Each key names the risk it was returned with.
    const sample = risks[17];
    expect((await getItem(ws, sample.key)).item.title).toBe(sample.title);
  });

  it('numbers each workspace and each kind on its own', async () => {
    const a = await makeWorld();
    const b = await makeWorld();
    const [ra, rb] = await Promise.all([
      createRisk(a.ws, a.owner, { title: 'A risk', projectKey: 'APOLLO', probability: 1, impact: 1 }),
      createRisk(b.ws, b.owner, { title: 'B risk', projectKey: 'APOLLO', probability: 1, impact: 1 }),
    ]);
    expect([ra.key, rb.key]).toEqual(['R-1', 'R-1']);
    expect((await createIssue(a.ws, a.owner, { title: 'An issue', projectKey: 'APOLLO' })).key).toBe('I-1');
    expect((await createChange(a.ws, a.owner, { title: 'A change', projectKey: 'APOLLO' })).key).toBe('C-1');
    expect((await createRisk(a.ws, a.owner, { title: 'Next', projectKey: 'APOLLO', probability: 1, impact: 1 })).key).toBe('R-2');
  });

  it('keeps workspaces apart even by key', async () => {
    const a = await makeWorld();
    const b = await makeWorld();
    await createRisk(a.ws, a.owner, { title: 'Secret of A', projectKey: 'APOLLO', probability: 5, impact: 5 });
    const err = await rejectionOf(getItem(b.ws, 'R-1'));
    expect(err.code).toBe('not_found');
    expect(err.message).toBe('There is no R-1 in this workspace.');
  });
});
