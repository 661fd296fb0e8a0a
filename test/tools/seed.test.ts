import { createRisk, ensureWorkspace, getItem, listItems } from '../../core/services';
import { IssueModel, ItemHistoryModel, ProjectModel, RiskModel, StatusUpdateModel } from '../../models';
import { generatePortfolio, type SeedOptions } from '../../tools/seed/generate';
import { parseArgs } from '../../tools/seed/cli';
import { hasData, resetWorkspaceData, writeSeed } from '../../tools/seed/write';
import { useTestDatabase } from '../support/db';

const NOW = new Date('2026-11-26T10:00:00Z');
const OPTS: SeedOptions = { projects: 40, items: 10, seed: 7, now: NOW, timeZone: 'Europe/London' };

describe('generatePortfolio', () => {
  it('is deterministic from its seed, and another seed gives another portfolio', () => {
    expect(generatePortfolio(OPTS)).toEqual(generatePortfolio(OPTS));
    expect(generatePortfolio({ ...OPTS, seed: 8 }).items).not.toEqual(generatePortfolio(OPTS).items);
  });

  it('builds a realistic register: every project placed and managed, items on known projects and people', () => {
    const data = generatePortfolio(OPTS);
    expect(data.projects).toHaveLength(40);
    expect(data.items).toHaveLength(400);
    expect(new Set(data.projects.map((p) => p.key)).size).toBe(40);
    const people = new Set(data.people.map((p) => p.platformUserId));
    const projects = new Set(data.projects.map((p) => p.key));
    const programs = new Set(data.programs.map((p) => p.key));
    for (const p of data.projects) {
      expect(people.has(p.pmId)).toBe(true);
      expect(programs.has(p.programKey)).toBe(true);
    }
    for (const item of data.items) {
      expect(projects.has(item.projectKey)).toBe(true);
      expect(people.has(item.ownerId)).toBe(true);
    }
    // Keys are per kind, 1..n with no gaps, as the key allocator would have given them.
    for (const kind of ['risk', 'issue', 'change'] as const) {
      const seqs = data.items.filter((i) => i.kind === kind).map((i) => i.seq);
      expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    }
    const today = '2026-11-26';
    const open = data.items.filter((i) => !i.closedAt);
    const overdue = open.filter((i) => i.due !== null && i.due < today);
    expect(overdue.length / open.length).toBeGreaterThan(0.05);
    expect(overdue.length / open.length).toBeLessThan(0.35);
    // Weeks of history, and some projects without this week's update.
    const thisWeek = data.statuses.filter((s) => s.period === '2026-W48');
    expect(thisWeek.length).toBeGreaterThan(0);
    expect(thisWeek.length).toBeLessThan(40);
    expect(data.statuses.length).toBeGreaterThan(40 * 6);
    const risk = data.items.find((i) => i.kind === 'risk');
    expect(risk).toMatchObject({ score: (risk as { probability: number }).probability * (risk as { impact: number }).impact });
  });
});

describe('parseArgs', () => {
  it('reads the options and refuses bad ones with the usage', () => {
    expect(parseArgs(['--projects', '100', '--items', '5', '--seed', '3', '--workspace', 'teams:tenant:x', '--reset'])).toEqual({
      projects: 100, items: 5, seed: 3, platform: 'teams', externalId: 'tenant:x', reset: true,
    });
    expect(parseArgs(['--demo'])).toMatchObject({ projects: 6, items: 8, seed: 42, reset: true, platform: 'local' });
    expect(() => parseArgs(['--projects', '0'])).toThrow('--projects must be a whole number from 1 to 20000.');
    expect(() => parseArgs(['--workspace', 'irc:x'])).toThrow(/PLATFORM:ID/);
    expect(() => parseArgs(['--colour'])).toThrow(/Unknown option --colour\. usage:/);
  });
});

describe('writeSeed', () => {
  useTestDatabase();

  it('stores the portfolio in one workspace, where the services work on it as on typed items', async () => {
    const ws = await ensureWorkspace('local', 'default', 'Local', { timeZone: 'Europe/London' });
    const other = await ensureWorkspace('teams', 'other', 'Other', { timeZone: 'UTC' });
    const data = generatePortfolio(OPTS);
    expect(await hasData(ws._id)).toBe(false);
    const counts = await writeSeed(ws._id, data);
    expect(counts.projects).toBe(40);
    expect(await hasData(ws._id)).toBe(true);
    expect(await ProjectModel.countDocuments({ workspaceId: ws._id })).toBe(40);
    expect(await RiskModel.countDocuments({ workspaceId: ws._id })).toBe(counts.risks);
    expect(await ItemHistoryModel.countDocuments({ workspaceId: ws._id })).toBe(counts.history);
    expect(await StatusUpdateModel.countDocuments({ workspaceId: other._id })).toBe(0);

    // Backdated creation survives the models' timestamps.
    const first = data.items.find((i) => i.kind === 'issue')!;
    expect((await IssueModel.findOne({ workspaceId: ws._id, key: first.key }).lean<{ createdAt: Date }>())!.createdAt).toEqual(first.createdAt);

    const admin = { userId: 'seed-admin', displayName: 'Admin' };
    const list = await listItems(ws._id, { kind: 'risk', overdue: true }, NOW);
    expect(list.total).toBeGreaterThan(0);
    const shown = await getItem(ws._id, 'R-1');
    expect(shown.item.key).toBe('R-1');
    // The next typed risk continues the numbering.
    const created = await createRisk(ws._id, admin, { title: 'After the seed', probability: 2, impact: 2, projectKey: data.projects[0].key }, NOW);
    expect(created.key).toBe(`R-${counts.risks + 1}`);

    await resetWorkspaceData(ws._id);
    expect(await hasData(ws._id)).toBe(false);
    expect(await RiskModel.countDocuments({ workspaceId: ws._id })).toBe(0);
  });
});
