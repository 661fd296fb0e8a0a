// Project pulses on the real test database: kept by the services exactly as a rebuild from the
// registers would make them, pruned as they go, rebuilt when missing, and a digest read from them
// the same as one read from every status update and item.
import type { Types } from 'mongoose';
import {
  addProject, closeItem, createChange, createIssue, createRisk, escalateRisk, submitStatus, updateItem,
} from '../../../core/services';
import { asItem, itemModel, type RegisterItem } from '../../../core/services/item-store';
import { decodePulse, notePulseItem, notePulseStatus, PULSE_VERSION, pulseId, rebuildPulses, type ProjectPulse } from '../../../core/services/pulse';
import { DONE_STATUSES, ITEM_KINDS, type IsoWeek } from '../../../core/domain';
import { loadDigestData, loadNudgeData, STATUS_LOOKBACK_WEEKS, type StatusPoint } from '../../../jobs/data';
import { planDigest } from '../../../jobs/planners/digest.planner';
import { periodRange, shiftWeek } from '../../../jobs/schedule';
import { PortfolioModel, ProjectModel, ProjectPulseModel, StatusUpdateModel, WorkspaceModel } from '../../../models';
import { monitorRoundTrips, summary, type RoundTrips } from '../../jobs/round-trips';
import { useTestDatabase } from '../../support/db';
import { makeWorld, type World } from './fixtures';

useTestDatabase();

const DAY = 86_400_000;
const T0 = new Date('2026-09-07T09:00:00Z'); // Monday of 2026-W37

const at = (days: number) => new Date(T0.getTime() + days * DAY);

/** The workspace's pulses as stored (decoded), without the marker, in project order. */
async function pulses(ws: Types.ObjectId): Promise<ProjectPulse[]> {
  const docs = await ProjectPulseModel.collection.find({ workspaceId: ws }).toArray();
  return docs
    .filter((d) => typeof d.projectKey === 'string')
    .map((d) => ({ projectKey: d.projectKey as string, ...decodePulse(d.data as string) }))
    .sort((a, b) => a.projectKey.localeCompare(b.projectKey));
}

async function marker(ws: Types.ObjectId): Promise<Record<string, unknown> | null> {
  return ProjectPulseModel.collection.findOne({ _id: `${ws.toString()}:` } as Record<string, unknown>);
}

/** Two projects in a portfolio, and a register worked through by the services over several weeks. */
async function busyWorld(): Promise<World> {
  const world = await makeWorld();
  const { ws, admin, pm, owner } = world;
  await PortfolioModel.create({ workspaceId: ws, key: 'CORE', name: 'Core', execChannels: [{ platform: 'teams', channelId: '19:exec' }] });
  await ProjectModel.updateOne({ workspaceId: ws, key: 'APOLLO' }, { $set: { portfolioKey: 'CORE' } });
  await addProject(ws, admin, { key: 'BETA', name: 'Beta', pmId: pm.userId, portfolioKey: 'CORE' });
  for (let week = 0; week < 3; week++) {
    await submitStatus(ws, pm, 'APOLLO', { overall: ['green', 'amber', 'red'][week] }, at(week * 7 + 3));
    if (week !== 1) await submitStatus(ws, pm, 'BETA', { overall: 'amber' }, at(week * 7 + 4));
  }
  await submitStatus(ws, pm, 'APOLLO', { overall: 'amber' }, at(15)); // a second update in a week replaces the first
  await createRisk(ws, owner, { title: 'Vendor slips', projectKey: 'APOLLO', probability: 4, impact: 5, due: '2026-09-10' }, at(0));
  await createRisk(ws, owner, { title: 'Key person leaves', projectKey: 'BETA', probability: 2, impact: 3 }, at(1));
  await createRisk(ws, owner, { title: 'Budget cut', projectKey: 'APOLLO', probability: 3, impact: 3 }, at(2));
  await createIssue(ws, owner, { title: 'Build is red', projectKey: 'APOLLO', priority: 'high', due: '2026-09-20' }, at(2));
  await createChange(ws, owner, { title: 'Add SSO', projectKey: 'BETA', impact: 'Two weeks' }, at(3));
  await updateItem(ws, owner, 'R-2', { probability: 5, title: 'Key people leave' }, at(4));
  await updateItem(ws, owner, 'R-3', { projectKey: 'BETA' }, at(5)); // moves out of APOLLO's pulse into BETA's
  await closeItem(ws, owner, 'I-1', 'Fixed the pipeline', at(9));
  await updateItem(ws, owner, 'C-1', { status: 'closed' }, at(10));
  await updateItem(ws, owner, 'C-1', { status: 'open' }, at(11)); // reopened
  await escalateRisk(ws, pm, 'R-1', at(16)); // closes R-1, opens I-2
  return world;
}

/** What the digest loader read before pulses: every status update and item, filtered here. */
async function digestFromRegisters(ws: Types.ObjectId, period: IsoWeek): Promise<{ statuses: StatusPoint[]; items: RegisterItem[] }> {
  const since = new Date(periodRange(period, 'UTC').start.getTime() - 14 * 3_600_000);
  const statuses = (await StatusUpdateModel.find({ workspaceId: ws }).lean()).filter(
    (s) => s.period >= shiftWeek(period, -STATUS_LOOKBACK_WEEKS) && s.period <= period,
  );
  const items = (await Promise.all(ITEM_KINDS.map(async (kind) => (await itemModel(kind).find({ workspaceId: ws }).lean()).map((d) => asItem(kind, d))))).flat();
  return {
    statuses: statuses.map((s) => ({ projectKey: s.projectKey, period: s.period as IsoWeek, overall: s.overall, submittedAt: s.submittedAt })),
    items: items.filter((i) => !DONE_STATUSES.includes(i.status) || i.createdAt >= since || (!!i.closedAt && i.closedAt >= since)),
  };
}

describe('project pulses', () => {
  let wire: RoundTrips;

  beforeAll(async () => {
    wire = await monitorRoundTrips();
  });

  it('are kept by every change through the services exactly as a rebuild from the registers makes them', async () => {
    const { ws } = await busyWorld();
    const kept = await pulses(ws);
    expect(kept.map((p) => p.projectKey)).toEqual(['APOLLO', 'BETA']);
    const [apollo, beta] = kept;
    expect(Object.keys(apollo.open).sort()).toEqual(['I-2']);
    expect(Object.keys(apollo.closed).sort()).toEqual(['I-1', 'R-1']);
    expect(Object.keys(beta.open).sort()).toEqual(['C-1', 'R-2', 'R-3']);
    expect(beta.open['R-2']).toMatchObject({ kind: 'risk', title: 'Key people leave', score: 15, status: 'open' });
    expect(apollo.statuses['2026-W39'].overall).toBe('amber');
    expect(Object.keys(beta.statuses).sort()).toEqual(['2026-W37', '2026-W39']);

    await rebuildPulses(ws);
    expect(await pulses(ws)).toEqual(kept);
    expect(await marker(ws)).toMatchObject({ version: PULSE_VERSION });
  });

  it('give the digest what reading every status update and item gave it', async () => {
    const world = await busyWorld();
    const workspace = { ...world.workspace, schedules: world.workspace.schedules };
    for (const period of ['2026-W38', '2026-W39', '2026-W40'] as IsoWeek[]) {
      const now = new Date(periodRange(shiftWeek(period, 1), 'UTC').start.getTime() + 9 * 3_600_000);
      const fromPulses = await loadDigestData(world.ws, period);
      const fromRegisters = { ...fromPulses, ...(await digestFromRegisters(world.ws, period)) };
      const byKey = <T extends { key?: string; projectKey: string; period?: string }>(xs: readonly T[]) =>
        [...xs].sort((a, b) => `${a.projectKey}${a.key ?? a.period}`.localeCompare(`${b.projectKey}${b.key ?? b.period}`));
      expect(byKey(fromPulses.statuses)).toEqual(byKey(fromRegisters.statuses));
      expect(byKey(fromPulses.items).map((i) => i.key)).toEqual(byKey(fromRegisters.items).map((i) => i.key));
      expect(planDigest(now, workspace, fromPulses)).toEqual(planDigest(now, workspace, fromRegisters));
    }
  });

  it('drop status weeks and closed items they no longer need as they are written', async () => {
    const { ws, pm, owner } = await makeWorld();
    await submitStatus(ws, pm, 'APOLLO', { overall: 'green' }, at(0));
    await submitStatus(ws, pm, 'APOLLO', { overall: 'amber' }, at(7 * 13));
    expect(Object.keys((await pulses(ws))[0].statuses)).toEqual(['2026-W37', '2026-W50']);
    await submitStatus(ws, pm, 'APOLLO', { overall: 'red' }, at(7 * 14)); // 14 weeks kept: W37 is the 15th back
    expect(Object.keys((await pulses(ws))[0].statuses).sort()).toEqual(['2026-W50', '2026-W51']);

    await createRisk(ws, owner, { title: 'Old', projectKey: 'APOLLO', probability: 1, impact: 1 }, at(0));
    await createRisk(ws, owner, { title: 'New', projectKey: 'APOLLO', probability: 1, impact: 1 }, at(0));
    await closeItem(ws, owner, 'R-1', undefined, at(1));
    await closeItem(ws, owner, 'R-2', undefined, at(40));
    expect(Object.keys((await pulses(ws))[0].closed)).toEqual(['R-2']);
    await rebuildPulses(ws);
    expect(Object.keys((await pulses(ws))[0].closed)).toEqual(['R-2']);

    // Fourteen weeks on, what the pulse dropped is nothing the digest of the weeks it reports on would show.
    await createRisk(ws, owner, { title: 'Late', projectKey: 'APOLLO', probability: 3, impact: 4, due: '2026-12-01' }, at(95));
    await createIssue(ws, owner, { title: 'Still open', projectKey: 'APOLLO', priority: 'high', due: '2026-12-10' }, at(96));
    await closeItem(ws, owner, 'R-3', undefined, at(98));
    expect(Object.keys((await pulses(ws))[0].closed)).toEqual(['R-3']);
    await PortfolioModel.create({ workspaceId: ws, key: 'CORE', name: 'Core', execChannels: [{ platform: 'teams', channelId: '19:exec' }] });
    await ProjectModel.updateOne({ workspaceId: ws, key: 'APOLLO' }, { $set: { portfolioKey: 'CORE' } });
    const workspace = (await WorkspaceModel.findById(ws).lean())!;
    for (const period of ['2026-W50', '2026-W51'] as IsoWeek[]) {
      const now = new Date(periodRange(shiftWeek(period, 1), 'UTC').start.getTime() + 9 * 3_600_000);
      const fromPulses = await loadDigestData(ws, period);
      const fromRegisters = { ...fromPulses, ...(await digestFromRegisters(ws, period)) };
      expect(fromPulses.statuses.length).toBeGreaterThan(0);
      expect(planDigest(now, workspace, fromPulses)).toEqual(planDigest(now, workspace, fromRegisters));
    }
  });

  it('are rebuilt once when a workspace has none, and after a write to them failed', async () => {
    const { ws, owner } = await makeWorld();
    await PortfolioModel.create({ workspaceId: ws, key: 'CORE', name: 'Core', execChannels: [] });
    await ProjectModel.updateOne({ workspaceId: ws, key: 'APOLLO' }, { $set: { portfolioKey: 'CORE' } });
    await createRisk(ws, owner, { title: 'First', projectKey: 'APOLLO', probability: 2, impact: 2 }, at(0));

    // No marker yet: the first read rebuilds from the registers, the second reads the pulses alone.
    const first = await wire.during(() => loadDigestData(ws, '2026-W37'));
    expect(summary(first.commands)).toEqual(expect.arrayContaining(['find risks', 'find issues', 'find change_requests', 'find status_updates']));
    const second = await wire.during(() => loadDigestData(ws, '2026-W37'));
    expect(summary(second.commands)).not.toContain('find risks');
    expect(second.result.items.map((i) => i.key)).toEqual(['R-1']);

    // A pulse the next write cannot read (its JSON is cut short): the item is still
    // stored, the marker goes, and the next digest rebuilds and sees it.
    await ProjectPulseModel.collection.updateOne({ _id: pulseId(ws, 'APOLLO') } as Record<string, unknown>, { $set: { data: '{"open": [' } });
    const second_risk = await createRisk(ws, owner, { title: 'Second', projectKey: 'APOLLO', probability: 2, impact: 2 }, at(1));
    expect(second_risk.key).toBe('R-2');
    expect(await marker(ws)).toBeNull();
    const third = await wire.during(() => loadDigestData(ws, '2026-W37'));
    expect(summary(third.commands)).toContain('find risks');
    expect(third.result.items.map((i) => i.key).sort()).toEqual(['R-1', 'R-2']);
  });

  it('take changes that arrive together in a few writes, losing none', async () => {
    const { ws, owner } = await makeWorld();
    await Promise.all(Array.from({ length: 30 }, (_, i) => createRisk(ws, owner, { title: `Burst ${i}`, projectKey: 'APOLLO', probability: 2, impact: 3 }, at(0))));
    const kept = await pulses(ws);
    expect(Object.keys(kept[0].open)).toHaveLength(30);
    await rebuildPulses(ws);
    expect(await pulses(ws)).toEqual(kept);

    // Thirty notes in the same tick: one write applies them all, in order.
    const risk = { key: 'R-1', seq: 1, title: 'x', status: 'open', ownerId: owner.userId, createdAt: at(0), projectKey: 'APOLLO' };
    const { commands } = await wire.during(() => Promise.all(Array.from({ length: 30 }, (_, i) => notePulseItem(ws, 'risk', { ...risk, title: `Title ${i}` } as typeof risk))));
    expect(summary(commands).filter((c) => c === 'update project_pulses')).toHaveLength(1);
    expect((await pulses(ws))[0].open['R-1'].title).toBe('Title 29');
  });

  it('are rebuilt once for loads that arrive together, which all see every project', async () => {
    const { ws } = await busyWorld();
    await rebuildPulses(ws);
    const before = await pulses(ws);
    for (let round = 0; round < 3; round++) {
      await ProjectPulseModel.collection.deleteOne({ _id: `${ws.toString()}:` } as Record<string, unknown>);
      const { result, commands } = await wire.during(() =>
        Promise.all([loadDigestData(ws, '2026-W39'), loadNudgeData(ws, '2026-W38'), loadDigestData(ws, '2026-W39'), loadNudgeData(ws, '2026-W38')]),
      );
      expect(summary(commands).filter((c) => c === 'find risks')).toHaveLength(1);
      const [digest, nudge] = result;
      expect(digest.items.length).toBeGreaterThan(0);
      expect([...new Set(digest.statuses.map((st) => st.projectKey))].sort()).toEqual(['APOLLO', 'BETA']);
      expect(nudge.missing.map((p) => p.key)).toEqual(['BETA']);
      expect(result[2]).toEqual(digest);
      expect(result[3]).toEqual(nudge);
    }
    expect(await pulses(ws)).toEqual(before);
  });

  it('take a new revision token on every write and rebuild, so a write over a token read before a rebuild fails', async () => {
    const { ws, owner } = await makeWorld();
    await createRisk(ws, owner, { title: 'One', projectKey: 'APOLLO', probability: 2, impact: 2 }, at(0));
    const token = async () => (await ProjectPulseModel.collection.findOne({ _id: pulseId(ws, 'APOLLO') } as Record<string, unknown>))?.rev;
    const seen = [await token()];
    await rebuildPulses(ws);
    seen.push(await token());
    await updateItem(ws, owner, 'R-1', { title: 'One again' }, at(1));
    seen.push(await token());
    await rebuildPulses(ws);
    seen.push(await token());
    expect(new Set(seen).size).toBe(4);
    const stale = await ProjectPulseModel.collection.updateOne({ _id: pulseId(ws, 'APOLLO'), rev: seen[0] } as Record<string, unknown>, { $set: { data: '{}' } });
    expect(stale.modifiedCount).toBe(0);
    expect((await pulses(ws))[0].open['R-1'].title).toBe('One again');
  });

  it('keep the later version of an item or a week when notes arrive out of order', async () => {
    const { ws, pm, owner } = await makeWorld();
    const risk = await createRisk(ws, owner, { title: 'First', projectKey: 'APOLLO', probability: 2, impact: 2 }, at(0));
    const closed = await closeItem(ws, owner, 'R-1', undefined, at(1));
    // The note of the create arrives again, after the close's (another writer's, late).
    await notePulseItem(ws, 'risk', risk);
    expect((await pulses(ws))[0].closed['R-1']).toMatchObject({ status: 'closed' });
    expect((await pulses(ws))[0].open).toEqual({});
    expect((closed as { __v?: number }).__v).toBeGreaterThan((risk as { __v?: number }).__v ?? -1);

    const first = (await submitStatus(ws, pm, 'APOLLO', { overall: 'green' }, at(2))).status;
    await submitStatus(ws, pm, 'APOLLO', { overall: 'red' }, at(3));
    await notePulseStatus(ws, first);
    expect((await pulses(ws))[0].statuses['2026-W37']).toMatchObject({ overall: 'red', revision: 2 });
  });

  it('of one workspace are never read or written for another', async () => {
    const a = await busyWorld();
    const kept = await pulses(a.ws);
    const b = await makeWorld();
    await PortfolioModel.create({ workspaceId: b.ws, key: 'CORE', name: 'Core', execChannels: [] });
    await ProjectModel.updateOne({ workspaceId: b.ws, key: 'APOLLO' }, { $set: { portfolioKey: 'CORE' } });
    const data = await loadDigestData(b.ws, '2026-W39');
    expect(data.items).toEqual([]);
    expect(data.statuses).toEqual([]);
    await rebuildPulses(b.ws);
    // B's rebuild left A's pulses as they were (not rebuilt behind the scenes by A's next read).
    expect(await pulses(a.ws)).toEqual(kept);
    expect(await marker(a.ws)).toBeNull();
  });
});
