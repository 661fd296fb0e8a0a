// What the job loaders (jobs/data) read: portfolios, active projects, status updates and register
// items of many projects at once, each one indexed query whatever the number of projects.
import type { Types } from 'mongoose';
import { ItemHistoryModel, PortfolioModel, ProjectModel, StatusUpdateModel, type PortfolioDoc, type ProjectDoc } from '../../models';
import { type IsoDate, type IsoWeek, type ItemKind, type Rag } from '../domain';
import { registerOf } from '../registers';
import { asItem, itemModel, type RegisterItem } from './item-store';

export { DEFAULT_SCHEDULES, type ExecChannel, type WorkspaceDoc } from '../../models';

/** The fields of a portfolio the digest uses. */
export type DigestPortfolio = Pick<PortfolioDoc, 'key' | 'name' | 'execChannels'>;
/** The fields of a project the planners use. */
export type PlanProject = Pick<ProjectDoc, 'key' | 'name' | 'portfolioKey' | 'pmId' | 'active'>;

/** The fields of a status update the digest uses. */
export interface StatusPoint {
  projectKey: string;
  period: IsoWeek;
  overall: Rag;
  submittedAt: Date;
  /** Why it is amber or red, and the forecast finish against the baseline (issue 14: the digest explains). */
  reason?: string | null;
  forecastFinish?: IsoDate | null;
  baselineFinish?: IsoDate | null;
}

/** A change of a risk's score: when, and the score before it. */
export interface ScoreChange {
  itemKey: string;
  at: Date;
  from: number;
}

const projection = (fields: readonly string[]): Record<string, 0 | 1> => ({ _id: 0, ...Object.fromEntries(fields.map((f) => [f, 1])) });
const PROJECT_FIELDS = projection(['key', 'name', 'portfolioKey', 'pmId', 'active']);

/** The workspace's portfolios (or the one of `key`), by key. */
export async function listDigestPortfolios(workspaceId: Types.ObjectId, key?: string): Promise<DigestPortfolio[]> {
  return PortfolioModel.find({ workspaceId, ...(key ? { key } : {}) })
    .select(projection(['key', 'name', 'execChannels']))
    .sort({ key: 1 })
    .lean<DigestPortfolio[]>();
}

/** The workspace's active projects (or those of portfolio `portfolioKey`), by key. */
export async function listActiveProjects(workspaceId: Types.ObjectId, portfolioKey?: string): Promise<PlanProject[]> {
  return ProjectModel.find({ workspaceId, ...(portfolioKey ? { portfolioKey } : {}), active: true })
    .select(PROJECT_FIELDS)
    .sort({ key: 1 })
    .lean<PlanProject[]>();
}

/** The projects of these keys, by key. */
export async function listProjectsByKeys(workspaceId: Types.ObjectId, keys: readonly string[]): Promise<PlanProject[]> {
  return ProjectModel.find({ workspaceId, key: { $in: [...keys] } })
    .select(PROJECT_FIELDS)
    .sort({ key: 1 })
    .lean<PlanProject[]>();
}

/** The status updates of these projects for the periods `from` to `to`. */
export async function listStatusPoints(workspaceId: Types.ObjectId, projectKeys: readonly string[], from: IsoWeek, to: IsoWeek): Promise<StatusPoint[]> {
  return StatusUpdateModel.find({ workspaceId, projectKey: { $in: [...projectKeys] }, period: { $gte: from, $lte: to } })
    .select(projection(['projectKey', 'period', 'overall', 'submittedAt', 'reason', 'forecastFinish', 'baselineFinish']))
    .lean<StatusPoint[]>();
}

/** Keys of the projects with a status update for `period`. */
export async function projectKeysWithStatus(workspaceId: Types.ObjectId, period: IsoWeek): Promise<Set<string>> {
  const updated = await StatusUpdateModel.find({ workspaceId, period }).select({ _id: 0, projectKey: 1 }).lean<{ projectKey: string }[]>();
  return new Set(updated.map((s) => s.projectKey));
}

/** These projects' items of `kind` that are open or were opened or closed since `since` (only `fields`). */
export async function listOpenOrRecentItems(workspaceId: Types.ObjectId, kind: ItemKind, projectKeys: readonly string[], since: Date, fields: readonly string[]): Promise<RegisterItem[]> {
  const docs = await itemModel(kind)
    .find({
      workspaceId,
      projectKey: { $in: [...projectKeys] },
      $or: [{ status: { $nin: [...registerOf(kind).done] } }, { createdAt: { $gte: since } }, { closedAt: { $gte: since } }],
    })
    .select(projection(fields))
    .lean<object[]>();
  return docs.map((doc) => asItem(kind, doc));
}

/** The workspace's items of `kind` matching `filter` (a superset of the overdue ones, see jobs/data mayBeOverdue). */
export async function listItemsMatching(workspaceId: Types.ObjectId, kind: ItemKind, filter: Record<string, unknown>): Promise<RegisterItem[]> {
  const docs = await itemModel(kind).find({ workspaceId, ...filter }).lean<object[]>();
  return docs.map((doc) => asItem(kind, doc));
}

/**
 * The workspace's risk score changes since `since`, oldest first: a risk's first one gives the
 * score it had then ("risks that rose this week"). One range read of the history's
 * { workspaceId, kind, field, at, _id } index; it does not wait for the risks to be read first.
 */
export async function listScoreChanges(workspaceId: Types.ObjectId, since: Date): Promise<ScoreChange[]> {
  const docs = await ItemHistoryModel.find({ workspaceId, kind: 'risk', field: 'score', at: { $gte: since } })
    .select({ _id: 0, itemKey: 1, at: 1, from: 1 })
    .sort({ at: 1, _id: 1 })
    .lean<{ itemKey: string; at: Date; from: unknown }[]>();
  return docs.flatMap((d) => (typeof d.from === 'number' ? [{ itemKey: d.itemKey, at: d.at, from: d.from }] : []));
}
