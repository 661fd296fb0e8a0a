// Stored documents → the view models the cards render (names resolved, dates as the user reads them).
import type { HistoryEntryView, ItemView, StatusUpdateView } from '../view-models';
import type { ItemHistoryDoc, StatusUpdateDoc } from '../../models';
import { ITEM_KINDS } from '../domain';
import { given, nameOf, registerOf, storedFields, storedName } from '../registers';
import { fieldLabel, slipDays, type RegisterItem } from '../services';

/** Fields whose history values are platform user ids, shown as names: every kind's people, and who raised it. */
const PERSON_FIELDS = new Set(['raisedById', ...ITEM_KINDS.flatMap((kind) => storedFields(kind).filter((f) => f.value.type === 'person').map(storedName))]);

/** `items` of a decision: a list of keys, shown as one. */
const listed = (value: unknown): unknown => (Array.isArray(value) ? value.join(', ') : value);


/** A register item as the cards show it; `timeZone` dates a change's decision (default UTC). */
export function toItemView(item: RegisterItem, names: ReadonlyMap<string, string>, overdue: boolean, timeZone = 'UTC'): ItemView {
  const base = {
    key: item.key,
    title: item.title,
    description: given(item.description),
    project: item.projectKey,
    ownerName: nameOf(names, item.ownerId),
    raisedByName: nameOf(names, item.raisedById),
    due: given(item.due),
    status: item.status,
    overdue,
    sourceUrl: given(item.sourceUrl ?? undefined),
  };
  return { ...base, kind: item.kind, ...registerOf(item.kind).view(item, names, timeZone) } as ItemView;
}

function shown(value: unknown, field: string | null | undefined, names: ReadonlyMap<string, string>): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const text = String(listed(value));
  return field && PERSON_FIELDS.has(field) ? nameOf(names, text) : text;
}

/**
 * One history line. The cards print `to` after the action, so a close shows its resolution note
 * (not the word "closed" again).
 */
export function toHistoryView(entry: ItemHistoryDoc, names: ReadonlyMap<string, string>): HistoryEntryView {
  const note = given(entry.note);
  const to = shown(entry.to, entry.field, names);
  const view: HistoryEntryView = {
    at: entry.at.toISOString(),
    byName: nameOf(names, entry.byId) ?? '',
    action: entry.action,
  };
  if (entry.field) view.field = fieldLabel(entry.field);
  const from = shown(entry.from, entry.field, names);
  if (from !== undefined) view.from = from;
  const shownTo = entry.action === 'closed' ? (note ?? (to === 'closed' ? undefined : to)) : to;
  if (shownTo !== undefined) view.to = shownTo;
  return view;
}

/**
 * A highlight report. The view wants all four RAGs; a dimension not assessed separately shows the
 * overall rating, as the inline `status APOLLO rag=amber` means "amber across the board".
 */
export function toStatusView(status: StatusUpdateDoc, names: ReadonlyMap<string, string>, projectName?: string): StatusUpdateView {
  const slip = slipDays(status.forecastFinish, status.baselineFinish);
  return {
    project: status.projectKey,
    projectName,
    period: status.period,
    overall: status.overall,
    schedule: status.schedule ?? status.overall,
    scope: status.scope ?? status.overall,
    cost: status.cost ?? status.overall,
    summary: status.summary,
    done: given(status.done),
    next: given(status.next),
    blockers: given(status.blockers),
    ...(status.reason ? { reason: status.reason } : {}),
    ...(status.recoveryDate ? { recoveryDate: status.recoveryDate } : {}),
    ...(status.forecastFinish ? { forecastFinish: status.forecastFinish } : {}),
    ...(status.baselineFinish ? { baselineFinish: status.baselineFinish } : {}),
    ...(slip === null ? {} : { slipDays: slip }),
    authorName: nameOf(names, status.authorId) ?? '',
  };
}
