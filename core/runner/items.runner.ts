// Logging an item of any kind, show, update, close and escalate: one register item at a time.
import type { CloseCommand, CreateItemCommand, EscalateCommand, ItemFields, PersonRef, ShowCommand, UpdateCommand } from '../commands';
import { isDone, logFields, storedName, updateFields, type KindField } from '../registers';
import {
  closeItem, createItemOf, relatedItems, escalateItem, getItem, todayIn, updateItem, type ItemPatch, type RegisterItem,
} from '../services';
import type { SavedOutcome } from '../view-models';
import { viewerActions } from './item-actions';
import { noticeDeciders } from './verdict.runner';
import { ensureMentioned, itemPeople, namesFor, overdueCheck } from './lookups';
import { missingReply } from './missing';
import { overdueNote } from './overdue-note';
import { text } from './replies';
import type { Reply, RunContext } from './types';
import { toHistoryView, toItemView } from './views';

/** "Already overdue: it was due Fri 20 Nov." for a saved item the overdue rule flags (a back-filled date, SPEC §2). */
function noteFor(ctx: RunContext, item: RegisterItem, overdue: boolean): { note?: string } {
  if (!overdue) return {};
  const dates = { due: item.due, review: item.kind === 'risk' ? item.reviewDate : undefined };
  return { note: overdueNote(dates, todayIn(ctx.timeZone, ctx.now)) };
}

/** The item as stored, with its people named and whether it is overdue. */
async function savedReply(ctx: RunContext, item: RegisterItem, outcome: SavedOutcome, told?: string): Promise<Reply> {
  const [names, overdue, actions] = await Promise.all([namesFor(ctx, itemPeople(item)), overdueCheck(ctx), viewerActions(ctx, [item])]);
  const view = { ...toItemView(item, names, overdue(item), ctx.timeZone), actions: actions(item) };
  return { type: 'saved', view: { outcome, item: view, ...noteFor(ctx, item, view.overdue), ...(told ? { told } : {}) } };
}

/** A command's field values → the stored fields its kind's descriptor names (`owner` a person's id, `review` the review date). */
function storedValues(fields: readonly KindField[], values: Record<string, unknown>): ItemPatch {
  const patch: Record<string, unknown> = {};
  for (const field of fields) {
    const value = values[field.name];
    if (value === undefined) continue;
    patch[storedName(field)] = field.value.type === 'person' ? (value as PersonRef).platformUserId : value;
  }
  return patch as ItemPatch;
}

/** Everyone a command names in its kind's person fields (owner, decided by) becomes known to the directory. */
async function mentionPeople(ctx: RunContext, fields: readonly KindField[], values: ItemFields): Promise<void> {
  for (const field of fields) if (field.value.type === 'person') await ensureMentioned(ctx, values[field.name] as PersonRef | undefined);
}

async function create(command: CreateItemCommand, ctx: RunContext): Promise<RegisterItem> {
  const input = storedValues(logFields(command.name), command as unknown as Record<string, unknown>);
  return createItemOf(command.name, ctx.workspaceId, ctx.actor, { title: '', projectKey: '', ...input, ...(ctx.source ? { source: ctx.source } : {}) } as Parameters<typeof createItemOf>[3], ctx.now, ctx.request);
}

/** Logs the item once every required field is there (defaults already applied). */
export async function runCreate(command: CreateItemCommand, ctx: RunContext): Promise<Reply> {
  const missing = missingReply(command);
  if (missing) return missing;
  const item = await create(command, ctx);
  await mentionPeople(ctx, logFields(command.name), command);
  return savedReply(ctx, item, 'created', await noticeDeciders(ctx, item));
}

export async function runShow(command: ShowCommand, ctx: RunContext): Promise<Reply> {
  const [{ item, history }, related] = await Promise.all([getItem(ctx.workspaceId, command.key), relatedItems(ctx.workspaceId, command.key.trim().toUpperCase())]);
  const people = history.flatMap((h) => [h.byId, ...(h.field && /Id$/.test(h.field) ? [h.from, h.to] : [])]);
  const [names, overdue, actions] = await Promise.all([
    namesFor(ctx, [...itemPeople(item), ...people.map((p) => (typeof p === 'string' ? p : null))]),
    overdueCheck(ctx),
    viewerActions(ctx, [item]),
  ]);
  return {
    type: 'item',
    view: {
      ...toItemView(item, names, overdue(item), ctx.timeZone),
      actions: actions(item),
      ...(related.length > 0 ? { related: related.map((r) => ({ key: r.key, title: r.title, status: r.status })) } : {}),
    },
    history: history.map((entry) => toHistoryView(entry, names)),
  };
}

/** Parser update fields → the service's patch, by the item kind's descriptor. */
function toPatch(command: UpdateCommand): ItemPatch {
  return storedValues(updateFields(command.kind), command.fields as Record<string, unknown>);
}

export async function runUpdate(command: UpdateCommand, ctx: RunContext): Promise<Reply> {
  const { item, changed } = await updateItem(ctx.workspaceId, ctx.actor, command.key, toPatch(command), ctx.now);
  await mentionPeople(ctx, updateFields(command.kind), command.fields);
  if (changed.length === 0) return text(`Nothing to change: ${item.key} already has those values.`);
  const closing = changed.includes('status') && isDone(item.kind, item.status);
  return savedReply(ctx, item, closing ? 'closed' : 'updated');
}

export async function runClose(command: CloseCommand, ctx: RunContext): Promise<Reply> {
  const item = await closeItem(ctx.workspaceId, ctx.actor, command.key, command.resolution, ctx.now);
  return savedReply(ctx, item, 'closed');
}

/** The reply shows the new issue or change request; its view carries `escalatedFrom`, so both keys are on the card. */
export async function runEscalate(command: EscalateCommand, ctx: RunContext): Promise<Reply> {
  const { to } = await escalateItem(ctx.workspaceId, ctx.actor, command.key, ctx.now);
  return savedReply(ctx, to, 'escalated', await noticeDeciders(ctx, to));
}
