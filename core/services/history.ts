import { Types } from 'mongoose';
import { ItemHistoryModel, type HistoryValue, type ItemHistory, type ItemHistoryDoc } from '../../models';
import type { HistoryAction, ItemKind } from '../domain';
import { isDone } from '../registers';

/** One history line before it is stamped with the item, the actor and the time. */
export interface HistoryDraft {
  action: HistoryAction;
  field?: string | null;
  from?: HistoryValue;
  to?: HistoryValue;
  note?: string | null;
}

/** Bookkeeping that follows from another change and is not shown as a change of its own. */
const UNLOGGED = new Set(['closedAt', 'decidedAt', 'key', 'seq', 'workspaceId']);
/** A change request's decider follows its decision; a decision's decider is set by people and logged. */
const unlogged = (kind: ItemKind, field: string): boolean => UNLOGGED.has(field) || (kind === 'change' && field === 'decidedById');

export async function writeHistory(
  workspaceId: Types.ObjectId,
  item: { key: string; kind: ItemKind },
  byId: string,
  at: Date,
  drafts: readonly HistoryDraft[],
): Promise<void> {
  if (drafts.length === 0) return;
  const entries: ItemHistory[] = drafts.map((d) => ({
    workspaceId,
    itemKey: item.key,
    kind: item.kind,
    at,
    byId,
    action: d.action,
    field: d.field ?? null,
    from: d.from ?? null,
    to: d.to ?? null,
    note: d.note ?? null,
  }));
  await ItemHistoryModel.insertMany(entries);
}

/**
 * One draft per field whose value differs between `before` and `set`: `closed` when a status
 * moves into closed/resolved, else `updated`.
 */
export function diffToHistory(before: Record<string, unknown>, set: Record<string, unknown>): HistoryDraft[] {
  const drafts: HistoryDraft[] = [];
  const kind = before.kind as ItemKind;
  for (const [field, to] of Object.entries(set)) {
    if (unlogged(kind, field)) continue;
    const from = (before[field] ?? null) as HistoryValue;
    if (same(from, to)) continue;
    const closing = field === 'status' && isDone(kind, String(to)) && !isDone(kind, String(from));
    drafts.push({ action: closing ? 'closed' : 'updated', field, from, to: (to ?? null) as HistoryValue });
  }
  return drafts;
}

/** The fields of `set` that actually change `before`. */
export function changedOnly(before: Record<string, unknown>, set: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(set).filter(([field, to]) => !same(before[field] ?? null, to)));
}

function same(a: unknown, b: unknown): boolean {
  const norm = (v: unknown) => (v === undefined || v === '' ? null : v instanceof Date ? v.getTime() : v);
  return norm(a) === norm(b);
}

/** What an item records of its own creation: the first line of its history. */
export interface CreatedItem {
  workspaceId: Types.ObjectId;
  key: string;
  kind: ItemKind;
  title: string;
  raisedById: string;
  createdAt: Date;
  sourceAuthor?: string | null;
}

/**
 * An item's history, oldest first (`show KEY`). The item is the record of its own creation (when,
 * by whom, from whose message), so that line is read from it rather than stored twice; items
 * logged before that still have a stored `created` entry, which is then the one shown.
 */
export async function itemHistory(item: CreatedItem): Promise<ItemHistoryDoc[]> {
  const stored = await ItemHistoryModel.find({ workspaceId: item.workspaceId, itemKey: item.key }).sort({ at: 1, _id: 1 }).lean<ItemHistoryDoc[]>();
  return stored.some((entry) => entry.action === 'created') ? stored : [creationEntry(item), ...stored];
}

function creationEntry(item: CreatedItem): ItemHistoryDoc {
  // Logged from a message: the line names the message's author ("logged from a message by Ada").
  const message = item.sourceAuthor ? { field: 'message', from: item.sourceAuthor } : { field: null, from: null };
  return {
    _id: Types.ObjectId.createFromTime(Math.floor(item.createdAt.getTime() / 1000)), // not stored: an id of its time
    workspaceId: item.workspaceId,
    itemKey: item.key,
    kind: item.kind,
    at: item.createdAt,
    byId: item.raisedById,
    action: 'created',
    ...message,
    to: item.title,
    note: null,
  } as ItemHistoryDoc;
}
