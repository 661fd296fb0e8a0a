import {
  addProject,
  closeItem,
  createChange,
  createIssue,
  createRisk,
  listItems,
  listOverdueItems,
  updateItem,
  updateSettings,
} from '../../../core/services';
import { useTestDatabase } from '../../support/db';
import { makeWorld, rejectionOf, type World } from './fixtures';

useTestDatabase();

/** 2026-06-10 10:30 in Auckland (UTC+12) is still 2026-06-09 in UTC. */
const NOW = new Date('2026-06-09T22:30:00Z');

describe('listItems', () => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld({ timeZone: 'Pacific/Auckland' });
    await addProject(w.ws, w.admin, { key: 'ZEUS', name: 'Zeus' });
    const risk = (title: string, p: number, i: number, extra: object = {}) =>
      createRisk(w.ws, w.owner, { title, projectKey: 'APOLLO', probability: p, impact: i, ...extra });
    await risk('R1 medium due later', 2, 3, { due: '2026-07-01' }); // R-1 score 6
    await risk('R2 critical', 5, 5); // R-2 score 25
    await risk('R3 medium due sooner', 3, 2, { due: '2026-06-20' }); // R-3 score 6
    await risk('R4 due yesterday in Auckland', 1, 1, { due: '2026-06-09' }); // R-4 overdue there, not in UTC
    await risk('R5 due today in Auckland', 1, 2, { due: '2026-06-10' }); // R-5 not overdue
    await risk('R6 review date passed', 2, 2, { reviewDate: '2026-06-01' }); // R-6 overdue by review date
    await createRisk(w.ws, w.pm, { title: 'R7 Zeus, owned by the PM', projectKey: 'ZEUS', probability: 4, impact: 4, ownerId: w.pm.userId });
    await risk('R8 closed', 5, 4, { due: '2020-01-01' });
    await closeItem(w.ws, w.owner, 'R-8');
  });

  const keys = async (query: Omit<Parameters<typeof listItems>[1], 'kind'>, now = NOW) =>
    (await listItems(w.ws, { kind: 'risk', ...query }, now)).items.map((i) => i.key);

  it('puts the top risks first: score, then earlier due date, then key; closed ones left out', async () => {
    expect(await keys({})).toEqual(['R-2', 'R-7', 'R-3', 'R-1', 'R-6', 'R-5', 'R-4']);
  });

  it('filters mine, project and overdue, and limits with the total', async () => {
    expect(await keys({ mine: w.pm.userId })).toEqual(['R-7']);
    expect(await keys({ project: 'zeus' })).toEqual(['R-7']);
    expect(await keys({ overdue: true })).toEqual(['R-6', 'R-4']);
    expect(await keys({ overdue: true, mine: w.owner.userId, project: 'APOLLO' })).toEqual(['R-6', 'R-4']);
    const page = await listItems(w.ws, { kind: 'risk', limit: 2 }, NOW);
    expect(page.items.map((i) => i.key)).toEqual(['R-2', 'R-7']);
    expect(page.total).toBe(7);
    expect(await keys({ includeClosed: true, project: 'APOLLO', limit: 1 })).toEqual(['R-2']);
  });

  it("measures overdue against today in the workspace's zone, not UTC", async () => {
    const listed = (await listItems(w.ws, { kind: 'risk' }, NOW)).items;
    expect(listed.find((i) => i.key === 'R-4')?.overdue).toBe(true);
    expect(listed.find((i) => i.key === 'R-5')?.overdue).toBe(false);
    // One hour earlier it is still 2026-06-09 in Auckland, so R-4 is due today, not overdue.
    expect(await keys({ overdue: true }, new Date('2026-06-09T11:30:00Z'))).toEqual(['R-6']);
  });

  it('sorts issues by priority and refuses an unknown project', async () => {
    for (const priority of ['low', 'critical', 'medium', 'high']) {
      await createIssue(w.ws, w.owner, { title: `${priority} issue`, projectKey: 'APOLLO', priority });
    }
    const issues = (await listItems(w.ws, { kind: 'issue' }, NOW)).items;
    expect(issues.map((i) => i.kind === 'issue' && i.priority)).toEqual(['critical', 'high', 'medium', 'low']);
    expect(await rejectionOf(listItems(w.ws, { kind: 'issue', project: 'NOPE' }, NOW))).toMatchObject({ code: 'not_found' });
  });
});

describe('overdue change requests', () => {
  it('are pending longer than the workspace allows, counted in its zone', async () => {
    const w = await makeWorld({ timeZone: 'Pacific/Auckland', policy: 'supportive' }); // 14 days; its PM decides
    // Raised 2026-06-01 09:00 in Auckland (2026-05-31 in UTC).
    const raised = new Date('2026-05-31T21:00:00Z');
    await createChange(w.ws, w.owner, { title: 'Pending', projectKey: 'APOLLO' }, raised);
    await createChange(w.ws, w.owner, { title: 'Decided', projectKey: 'APOLLO' }, raised);
    await createChange(w.ws, w.owner, { title: 'Pending, due date passed', projectKey: 'APOLLO', due: '2026-06-02' }, new Date('2026-06-05T00:00:00Z'));
    await updateItem(w.ws, w.pm, 'C-2', { decision: 'rejected' });
    const overdue = async (now: string) =>
      (await listItems(w.ws, { kind: 'change', overdue: true }, new Date(now))).items.map((i) => i.key);

    // 14 days after 2026-06-01 is 2026-06-15: pending that long is allowed, a day more is not.
    expect(await overdue('2026-06-15T11:00:00Z')).toEqual(['C-3']); // 2026-06-15 23:00 in Auckland
    expect(await overdue('2026-06-15T12:30:00Z')).toEqual(['C-3', 'C-1']); // 2026-06-16 00:30 in Auckland; dated first
    // The allowance follows the policy: directive's 3 days make C-1 overdue days earlier.
    expect(await overdue('2026-06-04T12:30:00Z')).toEqual(['C-3']); // 2026-06-05 00:30 in Auckland: C-1 pending 4 days
    await updateSettings(w.ws, w.admin, { policy: 'directive' });
    expect(await overdue('2026-06-04T12:30:00Z')).toEqual(['C-3', 'C-1']);
    expect((await listOverdueItems(w.ws, new Date('2026-06-04T12:30:00Z'))).map((i) => i.key)).toEqual(['C-3', 'C-1']);
  });
});

describe('listOverdueItems', () => {
  it('gathers the overdue items of every kind, top first', async () => {
    const w = await makeWorld();
    await createRisk(w.ws, w.owner, { title: 'late risk', projectKey: 'APOLLO', probability: 2, impact: 2, due: '2026-01-01' });
    await createRisk(w.ws, w.owner, { title: 'fine risk', projectKey: 'APOLLO', probability: 2, impact: 2, due: '2026-12-01' });
    await createIssue(w.ws, w.owner, { title: 'late issue', projectKey: 'APOLLO', due: '2026-01-02' });
    const items = await listOverdueItems(w.ws, new Date('2026-02-01T12:00:00Z'));
    expect(items.map((i) => i.key)).toEqual(['R-1', 'I-1']);
    expect(items.every((i) => i.overdue)).toBe(true);
  });
});
