// Everything one digest run reads, in a fixed number of queries however many projects there are.
import { PortfolioModel, ProjectModel, StatusUpdateModel, type PortfolioDoc, type ProjectDoc } from '../../models';
import { DONE_STATUSES, ITEM_KINDS, type IsoWeek, type Rag } from '../../core/domain';
import { toWorkspaceId, type WorkspaceId } from '../../core/services/context';
import { displayNames } from '../../core/services/directory';
import { PmoError } from '../../core/services/errors';
import { asItem, itemModel, type RegisterItem } from '../../core/services/item-store';
import { periodRange, shiftWeek } from '../schedule';

/** How far back a project's last status update is looked for; older ones read as "none recently". */
export const STATUS_LOOKBACK_WEEKS = 12;
/** No zone is more than 14 hours ahead of UTC, so this covers the period's start in every zone. */
const EARLIEST_OFFSET_MS = 14 * 3_600_000;

/** The fields of a status update the digest uses. */
export interface StatusPoint {
  projectKey: string;
  period: IsoWeek;
  overall: Rag;
  submittedAt: Date;
}

export interface DigestData {
  /** The status week reported on. */
  period: IsoWeek;
  portfolios: PortfolioDoc[];
  /** Active projects of those portfolios. */
  projects: ProjectDoc[];
  /** Their status updates from STATUS_LOOKBACK_WEEKS before `period` up to it. */
  statuses: StatusPoint[];
  /** Their open items, and the items opened or closed since the period began. */
  items: RegisterItem[];
  /** Display names of the PMs and risk owners. */
  names: Map<string, string>;
}

/**
 * Portfolios (all, or the one named), their active projects, recent status updates, register
 * items and people: seven queries whatever the size of the portfolio. Unknown portfolio → not_found.
 */
export async function loadDigestData(ws: WorkspaceId, period: IsoWeek, options: { portfolioKey?: string } = {}): Promise<DigestData> {
  const workspaceId = toWorkspaceId(ws);
  const key = options.portfolioKey?.trim().toUpperCase();
  const portfolios = await PortfolioModel.find({ workspaceId, ...(key ? { key } : {}) }).sort({ key: 1 }).lean<PortfolioDoc[]>();
  if (key && portfolios.length === 0) throw new PmoError('not_found', `There is no portfolio ${key} in this workspace.`, { field: 'portfolio' });
  const projects = await ProjectModel.find({ workspaceId, active: true, portfolioKey: { $in: portfolios.map((p) => p.key) } })
    .sort({ key: 1 })
    .lean<ProjectDoc[]>();
  const projectKey = { $in: projects.map((p) => p.key) };
  const statuses = await StatusUpdateModel.find({ workspaceId, projectKey, period: { $gte: shiftWeek(period, -STATUS_LOOKBACK_WEEKS), $lte: period } })
    .select({ projectKey: 1, period: 1, overall: 1, submittedAt: 1 })
    .lean<StatusPoint[]>();
  const since = new Date(periodRange(period, 'UTC').start.getTime() - EARLIEST_OFFSET_MS);
  const items: RegisterItem[] = [];
  for (const kind of ITEM_KINDS) {
    const docs = await itemModel(kind)
      .find({ workspaceId, projectKey, $or: [{ status: { $nin: [...DONE_STATUSES] } }, { createdAt: { $gte: since } }, { closedAt: { $gte: since } }] })
      .lean<object[]>();
    items.push(...docs.map((doc) => asItem(kind, doc)));
  }
  const people = [...projects.map((p) => p.pmId ?? ''), ...items.filter((i) => i.kind === 'risk').map((i) => i.ownerId)];
  return { period, portfolios, projects, statuses, items, names: await displayNames(workspaceId, people) };
}
