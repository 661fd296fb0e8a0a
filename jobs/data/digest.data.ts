// Everything one digest run reads, in a fixed number of queries (and round trips) however many projects there are.
import { PortfolioModel, ProjectModel, type PortfolioDoc, type ProjectDoc } from '../../models';
import type { IsoWeek, Rag } from '../../core/domain';
import { toWorkspaceId, type WorkspaceId } from '../../core/services/context';
import { PmoError } from '../../core/services/errors';
import { asItem, type RegisterItem } from '../../core/services/item-store';
import { loadPulses } from '../../core/services/pulse';
import { periodRange, shiftWeek } from '../schedule';
import { loadNames, ONE_BATCH } from './read';

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

/** The fields of a portfolio the digest uses. */
export type DigestPortfolio = Pick<PortfolioDoc, 'key' | 'name' | 'execChannels'>;
/** The fields of a project the planners use. */
export type PlanProject = Pick<ProjectDoc, 'key' | 'name' | 'portfolioKey' | 'pmId' | 'active'>;


export interface DigestData {
  /** The status week reported on. */
  period: IsoWeek;
  portfolios: DigestPortfolio[];
  /** Active projects of those portfolios. */
  projects: PlanProject[];
  /** Their status updates from STATUS_LOOKBACK_WEEKS before `period` up to it. */
  statuses: StatusPoint[];
  /** Their open items, and the items opened or closed since the period began (their project and PULSE_ITEM_FIELDS only). */
  items: RegisterItem[];
  /** Display names of the PMs and risk owners. */
  names: Map<string, string>;
}

const projection = (fields: readonly string[]): Record<string, 0 | 1> => ({ _id: 0, ...Object.fromEntries(fields.map((f) => [f, 1])) });

/**
 * Portfolios (all, or the one named), their active projects, their pulses (recent status updates
 * and register items, one document per project: core/services/pulse.ts) and people: five queries
 * of one round trip each, whatever the size of the portfolio or the length of its history (and a
 * one-off rebuild of the pulses when the workspace has none yet). Unknown portfolio → not_found.
 */
export async function loadDigestData(ws: WorkspaceId, period: IsoWeek, options: { portfolioKey?: string } = {}): Promise<DigestData> {
  const workspaceId = toWorkspaceId(ws);
  const key = options.portfolioKey?.trim().toUpperCase();
  const [portfolios, allProjects] = await Promise.all([
    PortfolioModel.find({ workspaceId, ...(key ? { key } : {}) })
      .select(projection(['key', 'name', 'execChannels']))
      .sort({ key: 1 })
      .batchSize(ONE_BATCH)
      .lean<DigestPortfolio[]>(),
    // Every active project of the workspace (or of the portfolio named): those of no portfolio are dropped below.
    ProjectModel.find({ workspaceId, active: true, ...(key ? { portfolioKey: key } : {}) })
      .select(projection(['key', 'name', 'portfolioKey', 'pmId', 'active']))
      .sort({ key: 1 })
      .batchSize(ONE_BATCH)
      .lean<PlanProject[]>(),
  ]);
  if (key && portfolios.length === 0) throw new PmoError('not_found', `There is no portfolio ${key} in this workspace.`, { field: 'portfolio' });
  const portfolioKeys = new Set(portfolios.map((p) => p.key));
  const projects = allProjects.filter((p) => !!p.portfolioKey && portfolioKeys.has(p.portfolioKey));
  const since = new Date(periodRange(period, 'UTC').start.getTime() - EARLIEST_OFFSET_MS);
  const earliestWeek = shiftWeek(period, -STATUS_LOOKBACK_WEEKS);
  const statuses: StatusPoint[] = [];
  const items: RegisterItem[] = [];
  for (const pulse of await loadPulses(workspaceId, projects.map((p) => p.key))) {
    const projectKey = pulse.projectKey;
    for (const [week, s] of Object.entries(pulse.statuses ?? {})) {
      if (week >= earliestWeek && week <= period) statuses.push({ projectKey, period: week as IsoWeek, overall: s.overall, submittedAt: s.submittedAt });
    }
    for (const entry of Object.values(pulse.open ?? {})) items.push(asItem(entry.kind, { ...entry, projectKey }));
    // Closed items count as activity when opened or closed since the period began.
    for (const entry of Object.values(pulse.closed ?? {})) {
      if (entry.createdAt >= since || (entry.closedAt && entry.closedAt >= since)) items.push(asItem(entry.kind, { ...entry, projectKey }));
    }
  }
  const people = [...projects.map((p) => p.pmId ?? ''), ...items.filter((i) => i.kind === 'risk').map((i) => i.ownerId)];
  return {
    period,
    portfolios,
    projects,
    statuses,
    items,
    names: await loadNames(workspaceId, people),
  };
}
