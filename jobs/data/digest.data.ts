// Everything one digest run reads, in a fixed number of queries (and round trips) however many projects there are.
import { ITEM_KINDS, type IsoWeek } from '../../core/domain';
import { isDone, registerOf } from '../../core/registers';
import { toWorkspaceId, type WorkspaceId } from '../../core/services/context';
import { displayNames } from '../../core/services/directory';
import { PmoError } from '../../core/services/errors';
import type { RegisterItem } from '../../core/services/item-store';
import {
  listActiveProjects, listDigestPortfolios, listOpenOrRecentItems, listScoreChanges, listStatusPoints, type DigestPortfolio, type PlanProject, type ScoreChange,
  type StatusPoint,
} from '../../core/services/job-data.service';
import { periodRange, shiftWeek } from '../schedule';

export type { DigestPortfolio, PlanProject, ScoreChange, StatusPoint };

/** How far back a project's last status update is looked for; older ones read as "none recently". */
export const STATUS_LOOKBACK_WEEKS = 12;
/** No zone is more than 14 hours ahead of UTC, so this covers the period's start in every zone. */
const EARLIEST_OFFSET_MS = 14 * 3_600_000;

export interface DigestData {
  /** The status week reported on. */
  period: IsoWeek;
  portfolios: DigestPortfolio[];
  /** Active projects of those portfolios. */
  projects: PlanProject[];
  /** Their status updates from STATUS_LOOKBACK_WEEKS before `period` up to it. */
  statuses: StatusPoint[];
  /** Their open items, and the items opened or closed since the period began (DIGEST_ITEM_FIELDS only). */
  items: RegisterItem[];
  /** Display names of the PMs and risk owners. */
  names: Map<string, string>;
  /** Score changes of the open risks since (a little before) the period began, oldest first per risk. */
  scoreChanges?: ScoreChange[];
}

/** What the digest reads of an item: its counts, top risks, the heat map, activity and isOverdue (with its kind's lateFields). */
const DIGEST_ITEM_FIELDS = ['projectKey', 'key', 'seq', 'title', 'status', 'ownerId', 'due', 'rating', 'score', 'probability', 'impact', 'createdAt', 'closedAt'] as const;

/**
 * Portfolios (all, or the one named) and their active projects; then, at once, those projects'
 * recent status updates, their items of each register and the risk score changes since the period
 * began; then the people named. One query per collection in three rounds, each served by an index,
 * whatever the number of projects. Unknown portfolio → not_found.
 */
export async function loadDigestData(ws: WorkspaceId, period: IsoWeek, options: { portfolioKey?: string } = {}): Promise<DigestData> {
  const workspaceId = toWorkspaceId(ws);
  const key = options.portfolioKey?.trim().toUpperCase();
  const [portfolios, allProjects] = await Promise.all([
    listDigestPortfolios(workspaceId, key),
    // Every active project of the workspace (or of the portfolio named): those of no portfolio are dropped below.
    listActiveProjects(workspaceId, key),
  ]);
  if (key && portfolios.length === 0) throw new PmoError('not_found', `There is no portfolio ${key} in this workspace.`, { field: 'portfolio' });
  const portfolioKeys = new Set(portfolios.map((p) => p.key));
  const projects = allProjects.filter((p) => !!p.portfolioKey && portfolioKeys.has(p.portfolioKey));
  const projectKeys = projects.map((p) => p.key);
  const since = new Date(periodRange(period, 'UTC').start.getTime() - EARLIEST_OFFSET_MS);
  const [statuses, allScoreChanges, ...byKind] = await Promise.all([
    listStatusPoints(workspaceId, projectKeys, shiftWeek(period, -STATUS_LOOKBACK_WEEKS), period),
    listScoreChanges(workspaceId, since),
    // Open items, and closed ones that count as activity: opened or closed since the period began.
    ...ITEM_KINDS.map((kind) => listOpenOrRecentItems(workspaceId, kind, projectKeys, since, [...DIGEST_ITEM_FIELDS, ...(registerOf(kind).lateFields ?? [])])),
  ]);
  const items = byKind.flat();
  const openRisks = new Set(items.filter((i) => i.kind === 'risk' && !isDone(i.kind, i.status)).map((r) => r.key));
  const scoreChanges = allScoreChanges.filter((c) => openRisks.has(c.itemKey));
  const people = [...projects.map((p) => p.pmId ?? ''), ...items.filter((i) => i.kind === 'risk').map((i) => i.ownerId)];
  const names = await displayNames(workspaceId, people);
  return { period, portfolios, projects, statuses, items, names, scoreChanges };
}
