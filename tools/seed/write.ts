// Writes a generated portfolio into one workspace, in bulk (a 5,000-project portfolio in seconds).
import type { Types } from 'mongoose';
import {
  ChangeRequestModel, IssueModel, ItemHistoryModel, PersonModel, PortfolioModel, ProgramModel, ProjectModel,
  RiskModel, StatusUpdateModel,
} from '../../models';
import type { SeedData, SeedItem } from './generate';

const CHUNK = 1000;

/** Every collection the seed writes, so --reset clears exactly what a seed would collide with. */
const SEEDED = [PersonModel, PortfolioModel, ProgramModel, ProjectModel, StatusUpdateModel, RiskModel, IssueModel, ChangeRequestModel, ItemHistoryModel] as const;

export interface SeedCounts {
  people: number;
  portfolios: number;
  programs: number;
  projects: number;
  statuses: number;
  risks: number;
  issues: number;
  changes: number;
  history: number;
}

async function insertChunked(model: { insertMany(docs: unknown[], opts: { ordered: boolean; lean: boolean }): Promise<unknown> }, docs: unknown[]): Promise<void> {
  for (let i = 0; i < docs.length; i += CHUNK) {
    await model.insertMany(docs.slice(i, i + CHUNK), { ordered: true, lean: true });
  }
}

/** Whether the workspace already has a register (the seed refuses to mix into one unless reset). */
export async function hasData(workspaceId: Types.ObjectId): Promise<boolean> {
  return (await ProjectModel.countDocuments({ workspaceId }).limit(1)) > 0;
}

/** Deletes what a seed writes, in this workspace only. */
export async function resetWorkspaceData(workspaceId: Types.ObjectId): Promise<void> {
  for (const model of SEEDED) await (model as typeof ProjectModel).deleteMany({ workspaceId });
}

function itemDoc(workspaceId: Types.ObjectId, item: SeedItem): Record<string, unknown> {
  const { kind: _kind, createdAt, ...fields } = item;
  return { ...fields, workspaceId, createdAt, updatedAt: item.closedAt ?? createdAt };
}

export async function writeSeed(workspaceId: Types.ObjectId, data: SeedData): Promise<SeedCounts> {
  const ws = { workspaceId };
  await insertChunked(PersonModel, data.people.map((p) => ({ ...ws, ...p })));
  await insertChunked(PortfolioModel, data.portfolios.map((p) => ({ ...ws, ...p, execChannels: [] })));
  await insertChunked(ProgramModel, data.programs.map((p) => ({ ...ws, ...p })));
  await insertChunked(ProjectModel, data.projects.map((p) => ({ ...ws, ...p, channels: [], active: true })));
  await insertChunked(StatusUpdateModel, data.statuses.map((s) => ({ ...ws, ...s, revision: 1 })));

  const byKind = (kind: SeedItem['kind']) => data.items.filter((i) => i.kind === kind).map((i) => itemDoc(workspaceId, i));
  await insertChunked(RiskModel, byKind('risk'));
  await insertChunked(IssueModel, byKind('issue'));
  await insertChunked(ChangeRequestModel, byKind('change'));

  const history = data.items.flatMap((item) => [
    { ...ws, itemKey: item.key, kind: item.kind, at: item.createdAt, byId: item.raisedById, action: 'created' },
    ...(item.closedAt ? [{ ...ws, itemKey: item.key, kind: item.kind, at: item.closedAt, byId: item.ownerId, action: 'closed', note: item.resolution }] : []),
  ]);
  await insertChunked(ItemHistoryModel, history);

  return {
    people: data.people.length,
    portfolios: data.portfolios.length,
    programs: data.programs.length,
    projects: data.projects.length,
    statuses: data.statuses.length,
    risks: data.items.filter((i) => i.kind === 'risk').length,
    issues: data.items.filter((i) => i.kind === 'issue').length,
    changes: data.items.filter((i) => i.kind === 'change').length,
    history: history.length,
  };
}
