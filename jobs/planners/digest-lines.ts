// One line per project for the digest: RAG now and a week earlier, trend, freshness, risks, overdue.
import type { IsoWeek, Rag } from '../../core/domain';
import { isDone } from '../../core/registers';
import type { RegisterItem } from '../../core/services/item-store';
import { isOverdue, type OverdueContext } from '../../core/services/overdue';
import { slipDays } from '../../core/services/time';
import type { PlanProject, StatusPoint } from '../data';
import { shiftWeek } from '../schedule';
import type { DigestProjectLine, RagCounts, Trend } from '../../core/job-views';
import { daysSince } from './dates';

const RAG_RANK: Record<Rag, number> = { red: 0, amber: 1, green: 2 };
/** Attention order: red, amber, never reported, green. */
const ATTENTION: Record<Rag | 'none', number> = { red: 0, amber: 1, none: 2, green: 3 };
const TREND_ATTENTION: Record<Trend | 'none', number> = { down: 0, new: 1, none: 1, same: 2, up: 2 };

export function trendOf(now: Rag | null, before: Rag | null): Trend | null {
  if (!now) return null;
  if (!before) return 'new';
  const delta = RAG_RANK[now] - RAG_RANK[before];
  return delta > 0 ? 'up' : delta < 0 ? 'down' : 'same';
}

/** The project's latest update at or before `period`, from its updates sorted newest first. */
function asOf(history: readonly StatusPoint[], period: IsoWeek): StatusPoint | null {
  return history.find((s) => s.period <= period) ?? null;
}

function groupBy<T>(values: readonly T[], key: (value: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const value of values) {
    const k = key(value);
    const group = groups.get(k);
    if (group) group.push(value);
    else groups.set(k, [value]);
  }
  return groups;
}

export interface LineInput {
  period: IsoWeek;
  statuses: readonly StatusPoint[];
  items: readonly RegisterItem[];
  names: ReadonlyMap<string, string>;
  ctx: OverdueContext;
}

/** Lines for `projects` plus each one's RAG a week before the period (for the roll-up's change). */
export function projectLines(projects: readonly PlanProject[], input: LineInput): { line: DigestProjectLine; ragLastWeek: Rag | null }[] {
  const statuses = groupBy([...input.statuses].sort((a, b) => (a.period < b.period ? 1 : a.period > b.period ? -1 : 0)), (s) => s.projectKey);
  const open = groupBy(input.items.filter((i) => !isDone(i.kind, i.status)), (i) => i.projectKey);
  const previous = shiftWeek(input.period, -1);
  return projects.map((project) => {
    const history = statuses.get(project.key) ?? [];
    const now = asOf(history, input.period);
    const before = asOf(history, previous);
    const items = open.get(project.key) ?? [];
    const pmName = project.pmId ? input.names.get(project.pmId) : undefined;
    const line: DigestProjectLine = {
      key: project.key,
      name: project.name,
      ...(pmName ? { pmName } : {}),
      rag: now?.overall ?? null,
      trend: trendOf(now?.overall ?? null, before?.overall ?? null),
      lastUpdateDays: now ? Math.max(0, daysSince(now.submittedAt, input.ctx)) : null,
      openHighRisks: items.filter((i) => i.kind === 'risk' && (i.rating === 'high' || i.rating === 'critical')).length,
      overdueItems: items.filter((i) => isOverdue(i, input.ctx)).length,
      missingUpdate: !history.some((s) => s.period === input.period),
      ...explanation(now),
    };
    return { line, ragLastWeek: before?.overall ?? null };
  });
}

/** An amber or red line's reason and slip (issue 14: the digest explains); nothing for green. */
function explanation(status: StatusPoint | null): Pick<DigestProjectLine, 'reason' | 'slipDays'> {
  if (!status || status.overall === 'green') return {};
  const slip = slipDays(status.forecastFinish, status.baselineFinish);
  return { ...(status.reason ? { reason: status.reason } : {}), ...(slip === null ? {} : { slipDays: slip }) };
}

export function ragCounts(rags: readonly (Rag | null)[]): RagCounts {
  const counts: RagCounts = { red: 0, amber: 0, green: 0, none: 0 };
  for (const rag of rags) counts[rag ?? 'none'] += 1;
  return counts;
}

/** Most in need of an executive's attention first; ties by key so the order is stable. */
export function compareLines(a: DigestProjectLine, b: DigestProjectLine): number {
  return (
    ATTENTION[a.rag ?? 'none'] - ATTENTION[b.rag ?? 'none'] ||
    TREND_ATTENTION[a.trend ?? 'none'] - TREND_ATTENTION[b.trend ?? 'none'] ||
    Number(b.missingUpdate) - Number(a.missingUpdate) ||
    b.overdueItems - a.overdueItems ||
    b.openHighRisks - a.openHighRisks ||
    (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
  );
}
