// The rules every kind shares, each kind's part read from its descriptor: overdue (SPEC §2) and list order.
import { ITEM_KINDS, type IsoDate } from '../domain';
import { REGISTERS } from './registry';
import type { ItemRow, OverdueContext } from './types';

/** The dates that make an open item overdue once before today: its due date and its kind's own (lateDates). */
export function overdueDates(item: ItemRow, ctx: OverdueContext): IsoDate[] {
  return [...(item.due ? [item.due] : []), ...(REGISTERS[item.kind].lateDates?.(item, ctx) ?? [])];
}

/**
 * SPEC §2: an item is overdue when it is not done and its due date (or a date its kind adds: a
 * risk's review date, a pending change's decision deadline) is before today in the workspace's zone.
 */
export function isOverdue(item: ItemRow, ctx: OverdueContext): boolean {
  if (REGISTERS[item.kind].done.includes(item.status)) return false;
  return overdueDates(item, ctx).some((date) => date < ctx.today);
}

/** The filter for what may be overdue in a register: open, and due before today or late by its kind's own query. */
export function mayBeOverdue(kind: ItemRow['kind'], ctx: OverdueContext): Record<string, unknown> {
  const late: Record<string, unknown>[] = [{ due: { $lt: ctx.today } }, ...(REGISTERS[kind].lateQuery?.(ctx) ?? [])];
  return { status: { $nin: [...REGISTERS[kind].done] }, $or: late };
}

/** Top of the register first: by the kind's rank, then earlier due date (none last), then key. Kinds keep kind order. */
export function compareItems(a: ItemRow, b: ItemRow): number {
  if (a.kind !== b.kind) return ITEM_KINDS.indexOf(a.kind) - ITEM_KINDS.indexOf(b.kind);
  return REGISTERS[b.kind].rank(b) - REGISTERS[a.kind].rank(a) || compareDue(a.due, b.due) || a.seq - b.seq;
}

function compareDue(a?: string | null, b?: string | null): number {
  if (a === b) return 0;
  if (!a) return 1;
  if (!b) return -1;
  return a < b ? -1 : 1;
}
