// The portfolio digest (SPEC §4): one message per portfolio to each of its exec channels.
import { ITEM_KINDS, riskRating, type ItemKind } from '../../core/domain';
import { policyRules } from '../../core/policy';
import { isDone } from '../../core/registers';
import { compareItems } from '../../core/services/item-list.service';
import type { RegisterItem, RiskItem } from '../../core/services/item-store';
import { isOverdue, overdueContext, type OverdueContext } from '../../core/services/overdue';
import type { DigestData, DigestPortfolio, PlanProject, ScoreChange, StatusPoint } from '../data';
import { dateInWeek, periodRange } from '../schedule';
import type { JobWorkspace, PlannedDelivery, Recipient } from '../types';
import { heatIndex, type DigestActivity, type DigestProjectLine, type DigestProjectsView, type DigestRiseLine, type DigestRiskLine, type DigestView, type HeatCounts } from '../../core/job-views';
import { compareLines, projectLines, ragCounts, type LineInput } from './digest-lines';
import { channelRecipient, distinctRecipients, recipientKey } from './recipients';

/** Project lines in the digest itself; a portfolio up to DIGEST_ALL_UP_TO shows them all. */
export const DIGEST_TOP_PROJECTS = 15;
export const DIGEST_ALL_UP_TO = 20;
/** Project lines per continuation page of a full digest. */
export const DIGEST_PAGE_SIZE = 50;
export const DIGEST_TOP_RISKS = 5;
export const DIGEST_ACTIVITY_ITEMS = 5;
export const DIGEST_MISSING_SHOWN = 20;

export interface DigestOptions {
  /** Only this portfolio (`digest DIGITAL`). */
  portfolioKey?: string;
  /** Only these projects (a PM's on-demand digest of their own); portfolios holding none of them are left out. */
  projectKeys?: readonly string[];
  /** Every project line: those after the top ones follow in `digest_projects` messages. */
  allProjects?: boolean;
  /** Post here (the channel `digest` was typed in) instead of the exec channels. */
  recipient?: Recipient;
}

function activity(items: readonly RegisterItem[], at: (item: RegisterItem) => Date | null | undefined, from: Date, to: Date): DigestActivity {
  const inWindow = items
    .filter((item) => {
      const when = at(item)?.getTime();
      return when !== undefined && when >= from.getTime() && when < to.getTime();
    })
    .sort((a, b) => (at(b) as Date).getTime() - (at(a) as Date).getTime() || a.key.localeCompare(b.key, 'en', { numeric: true }));
  const byKind = Object.fromEntries(ITEM_KINDS.map((k) => [k, 0])) as Record<ItemKind, number>;
  for (const item of inWindow) byKind[item.kind] += 1;
  return {
    total: inWindow.length,
    byKind,
    items: inWindow.slice(0, DIGEST_ACTIVITY_ITEMS).map((i) => ({ key: i.key, kind: i.kind, title: i.title, project: i.projectKey })),
  };
}

function topRisks(items: readonly RegisterItem[], names: ReadonlyMap<string, string>, ctx: OverdueContext): DigestRiskLine[] {
  return items
    .filter((i): i is RiskItem => i.kind === 'risk' && !isDone(i.kind, i.status))
    .sort(compareItems)
    .slice(0, DIGEST_TOP_RISKS)
    .map((risk) => ({
      key: risk.key,
      title: risk.title,
      project: risk.projectKey,
      score: risk.score,
      rating: risk.rating,
      ...(names.get(risk.ownerId) ? { ownerName: names.get(risk.ownerId) } : {}),
      ...(risk.due ? { due: risk.due } : {}),
      overdue: isOverdue(risk, ctx),
    }));
}

/**
 * Open risks scored higher now than when the period began (`start`): the score then is the `from`
 * of the first change at or after it. Risks raised since are new, not risen. Largest rise first.
 */
function risesOf(items: readonly RegisterItem[], changes: readonly ScoreChange[], start: Date): DigestRiseLine[] {
  const before = new Map<string, number>();
  for (const change of changes) if (change.at.getTime() >= start.getTime() && !before.has(change.itemKey)) before.set(change.itemKey, change.from);
  return items
    .filter((i): i is RiskItem => i.kind === 'risk' && !isDone(i.kind, i.status) && i.createdAt.getTime() < start.getTime())
    .flatMap((risk) => {
      const from = before.get(risk.key);
      return from !== undefined && risk.score > from
        ? [{ key: risk.key, title: risk.title, project: risk.projectKey, from, to: risk.score, fromRating: riskRating(from), rating: riskRating(risk.score) }]
        : [];
    })
    .sort((a, b) => b.to - b.from - (a.to - a.from) || b.to - a.to || a.key.localeCompare(b.key, 'en', { numeric: true }));
}

interface PortfolioDigest {
  digest: DigestView;
  pages: DigestProjectsView[];
}

/** What one portfolio's digest reads: its projects, and their items and status updates. */
interface PortfolioInput {
  projects: PlanProject[];
  items: RegisterItem[];
  statuses: StatusPoint[];
}

/**
 * The run's projects, items and updates split by portfolio in one pass over each (never a filter
 * of the whole run per portfolio, which a workspace of many portfolios would pay for quadratically).
 */
function byPortfolio(data: DigestData, only?: ReadonlySet<string>): Map<string, PortfolioInput> {
  const portfolios = new Map<string, PortfolioInput>();
  const ofProject = new Map<string, PortfolioInput>();
  for (const project of data.projects) {
    if (!project.active || !project.portfolioKey || (only && !only.has(project.key))) continue;
    let input = portfolios.get(project.portfolioKey);
    if (!input) portfolios.set(project.portfolioKey, (input = { projects: [], items: [], statuses: [] }));
    input.projects.push(project);
    ofProject.set(project.key, input);
  }
  for (const item of data.items) ofProject.get(item.projectKey)?.items.push(item);
  for (const status of data.statuses) ofProject.get(status.projectKey)?.statuses.push(status);
  return portfolios;
}

function portfolioDigest(now: Date, portfolio: DigestPortfolio, of: PortfolioInput, data: DigestData, ctx: OverdueContext, allProjects: boolean): PortfolioDigest {
  const { projects, items } = of;
  const input: LineInput = { period: data.period, statuses: of.statuses, items, names: data.names, ctx };
  const rows = projectLines(projects, input);
  const lines = rows.map((r) => r.line).sort(compareLines);
  const shown = lines.length <= DIGEST_ALL_UP_TO ? lines.length : DIGEST_TOP_PROJECTS;
  const range = periodRange(data.period, ctx.zone);
  const until = new Date(Math.min(range.end.getTime(), now.getTime()));
  const missing = lines.filter((l) => l.missingUpdate).sort((a, b) => a.key.localeCompare(b.key));
  const digest: DigestView = {
    portfolioKey: portfolio.key,
    portfolioName: portfolio.name,
    period: data.period,
    periodStart: dateInWeek(data.period, 1),
    periodEnd: dateInWeek(data.period, 7),
    asOf: ctx.today,
    zone: ctx.zone,
    rag: { now: ragCounts(lines.map((l) => l.rag)), lastWeek: ragCounts(rows.map((r) => r.ragLastWeek)) },
    totals: { openHighRisks: sum(lines, (l) => l.openHighRisks), overdueItems: sum(lines, (l) => l.overdueItems) },
    projects: lines.slice(0, shown),
    totalProjects: lines.length,
    shownProjects: shown,
    moreCommand: `digest ${portfolio.key}`,
    restFollows: allProjects && lines.length > shown,
    topRisks: topRisks(items, data.names, ctx),
    ...rose(risesOf(items, data.scoreChanges ?? [], range.start)),
    heatMap: heatCounts(items),
    opened: activity(items, (i) => i.createdAt, range.start, until),
    closed: activity(items.filter((i) => isDone(i.kind, i.status)), (i) => i.closedAt, range.start, until),
    missingUpdates: missing.slice(0, DIGEST_MISSING_SHOWN).map((l) => ({ key: l.key, name: l.name, ...(l.pmName ? { pmName: l.pmName } : {}) })),
    missingTotal: missing.length,
  };
  return { digest, pages: allProjects ? continuationPages(digest, lines.slice(shown)) : [] };
}

function continuationPages(digest: DigestView, rest: readonly DigestProjectLine[]): DigestProjectsView[] {
  const pages = Math.ceil(rest.length / DIGEST_PAGE_SIZE);
  return Array.from({ length: pages }, (_, i) => ({
    portfolioKey: digest.portfolioKey,
    portfolioName: digest.portfolioName,
    period: digest.period,
    page: i + 1,
    pages,
    firstRank: digest.shownProjects + i * DIGEST_PAGE_SIZE + 1,
    totalProjects: digest.totalProjects,
    projects: rest.slice(i * DIGEST_PAGE_SIZE, (i + 1) * DIGEST_PAGE_SIZE),
  }));
}

/** Open risks counted per probability × impact cell (1–5 each; anything else is left out). */
export function heatCounts(items: readonly RegisterItem[]): HeatCounts {
  const counts = Array<number>(25).fill(0);
  for (const item of items) {
    if (item.kind !== 'risk' || isDone(item.kind, item.status)) continue;
    const { probability: p, impact: i } = item;
    if (p >= 1 && p <= 5 && i >= 1 && i <= 5) counts[heatIndex(p, i)] += 1;
  }
  return counts;
}

function rose(lines: DigestRiseLine[]): Pick<DigestView, 'risksRose' | 'risksRoseTotal'> {
  return { risksRose: lines.slice(0, DIGEST_TOP_RISKS), risksRoseTotal: lines.length };
}

function sum<T>(values: readonly T[], of: (value: T) => number): number {
  return values.reduce((total, value) => total + of(value), 0);
}

/**
 * One digest per portfolio to each of its exec channels (or to `options.recipient`). A portfolio
 * with no active projects is skipped unless it was asked for by name; with `projectKeys`, one
 * holding none of them is skipped even then (it has nothing the asker may read).
 */
/** Directive: each line missing the period's update says so under the project (SPEC §4 policy table). */
function listMissingUnderProjects(views: readonly { projects: DigestProjectLine[] }[]): void {
  for (const view of views) view.projects = view.projects.map((l) => (l.missingUpdate ? { ...l, missingUpdateListed: true } : l));
}

export function planDigest(now: Date, workspace: JobWorkspace, data: DigestData, options: DigestOptions = {}): PlannedDelivery[] {
  const ctx = overdueContext(workspace, now);
  const wanted = options.portfolioKey?.trim().toUpperCase();
  const only = options.projectKeys ? new Set(options.projectKeys.map((k) => k.toUpperCase())) : undefined;
  const deliveries: PlannedDelivery[] = [];
  const inputs = byPortfolio(data, only);
  for (const portfolio of data.portfolios) {
    if (wanted && portfolio.key !== wanted) continue;
    const input = inputs.get(portfolio.key) ?? { projects: [], items: [], statuses: [] };
    if (input.projects.length === 0 && (!wanted || only)) continue;
    const { digest, pages } = portfolioDigest(now, portfolio, input, data, ctx, !!options.allProjects);
    if (policyRules(workspace.policy ?? 'supportive').missingUpdateInDigest) listMissingUnderProjects([digest, ...pages]);
    const recipients = options.recipient ? [options.recipient] : distinctRecipients(portfolio.execChannels.map(channelRecipient));
    for (const recipient of recipients) {
      const key = `digest:${portfolio.key}:${recipientKey(recipient)}`;
      if (recipient.platform === 'slack') {
        // A short parent in the channel, the details in its thread: each its own delivery, so a retried
        // thread reply never posts the parent again (the engine threads it under the parent's ts).
        deliveries.push({ key, recipient, message: { kind: 'digest', view: digest, brief: true } });
        deliveries.push({ key: `${key}:thread`, recipient, message: { kind: 'digest_thread', view: digest, threadOf: key } });
        pages.forEach((view, i) => deliveries.push({ key: `${key}:page:${i + 2}`, recipient, message: { kind: 'digest_projects', view, threadOf: key } }));
      } else {
        deliveries.push({ key, recipient, message: { kind: 'digest', view: digest } });
        pages.forEach((view, i) => deliveries.push({ key: `${key}:page:${i + 2}`, recipient, message: { kind: 'digest_projects', view } }));
      }
    }
  }
  return deliveries;
}
