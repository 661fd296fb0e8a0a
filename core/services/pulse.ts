// Project pulses (models/project-pulse.model.ts): kept in step with every status update and item
// change, rebuilt from the registers when a workspace has none of the current shape.
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Types } from 'mongoose';
import { ProjectPulseModel, StatusUpdateModel, type PulseData, type PulseItem, type PulseMarker, type StoredPulse } from '../../models';
import { DONE_STATUSES, ITEM_KINDS, type ItemKind, type Rag } from '../domain';
import { IN_LIST_MAX, inFilter, ONE_BATCH } from './bulk-reads';
import { jitter } from './context';
import { isDuplicateKeyError } from './errors';
import { InProcessQueue } from './in-process-queue';
import { itemModel } from './item-store';

/** The pulses' shape; a workspace whose marker names another is rebuilt on its next read. */
export const PULSE_VERSION = 3;
/** Weeks of status updates a pulse keeps, back from the project's newest (the digest looks back 12). */
export const PULSE_WEEKS = 14;
/** Days a closed item stays, back from the project's latest closure (a digest reports on a past week). */
export const PULSE_CLOSED_DAYS = 35;

/** The item fields a pulse keeps: what the digest reads of an item (its counts, top risks, activity and isOverdue). */
export const PULSE_ITEM_FIELDS = ['key', 'seq', 'title', 'status', 'ownerId', 'due', 'reviewDate', 'rating', 'score', 'decision', 'createdAt', 'closedAt', '__v'] as const;

/** A project's pulse as read. */
export type ProjectPulse = PulseData & { projectKey: string };

const DAY_MS = 86_400_000;
/** Writes of one pulse that may lose to another instance's before one gives up (and drops the marker). */
const MAX_WRITE_ATTEMPTS = 8;
/** Pulse writes in this process, one at a time per pulse: FerretDB applies an update read-then-write. */
const writes = new InProcessQueue();
/** Rebuilds in this process, one at a time per workspace; the workspace's pulse writes wait for them. */
const rebuilds = new InProcessQueue();
/** Pulses inserted per command by a rebuild or the seed. */
const WRITE_CHUNK = 1000;

export function pulseId(workspaceId: Types.ObjectId, projectKey: string): string {
  return `${workspaceId.toString()}:${projectKey}`;
}

function markerId(workspaceId: Types.ObjectId): string {
  return `${workspaceId.toString()}:`;
}

const DATE_FIELDS = new Set(['submittedAt', 'createdAt', 'closedAt']);

/** The stored JSON back to PulseData, its timestamps as Dates again. */
export function decodePulse(text: string | null | undefined): PulseData {
  if (!text) return { statuses: {}, open: {}, closed: {} };
  const data = JSON.parse(text, (key, value: unknown) => (DATE_FIELDS.has(key) && typeof value === 'string' ? new Date(value) : value)) as Partial<PulseData>;
  return { statuses: data.statuses ?? {}, open: data.open ?? {}, closed: data.closed ?? {} };
}

/** What a pulse keeps of an item. */
export function pulseItemOf(kind: ItemKind, item: object): PulseItem {
  const source = item as Record<string, unknown>;
  const entry: Record<string, unknown> = { kind };
  for (const field of PULSE_ITEM_FIELDS) if (source[field] !== undefined) entry[field] = source[field];
  return entry as unknown as PulseItem;
}

function isDone(item: Pick<PulseItem, 'status'>): boolean {
  return DONE_STATUSES.includes(item.status);
}

/** Drops the weeks more than PULSE_WEEKS back from the newest, and the closed items PULSE_CLOSED_DAYS before the latest closure. */
function prune(data: PulseData): PulseData {
  const weeks = Object.keys(data.statuses).sort();
  if (weeks.length > 0) {
    const monday = DateTime.fromISO(weeks[weeks.length - 1], { zone: 'utc' }).minus({ weeks: PULSE_WEEKS - 1 });
    const oldest = `${monday.weekYear}-W${String(monday.weekNumber).padStart(2, '0')}`;
    for (const week of weeks) if (week < oldest) delete data.statuses[week];
  }
  // An item finished without a closing date (none is written so now) counts from its creation.
  const closedAt = (item: PulseItem) => (item.closedAt ?? item.createdAt).getTime();
  const latest = Math.max(0, ...Object.values(data.closed).map(closedAt));
  for (const [key, item] of Object.entries(data.closed)) if (closedAt(item) < latest - PULSE_CLOSED_DAYS * DAY_MS) delete data.closed[key];
  return data;
}

/** Puts an item's entry where its status says (open or closed), taking it out of the other. */
function placeItem(data: PulseData, entry: PulseItem): void {
  const held = data.open[entry.key] ?? data.closed[entry.key];
  // Notes of one item from two writers may arrive in either order: the later version stays.
  if ((held?.__v ?? 0) > (entry.__v ?? 0)) return;
  delete data.open[entry.key];
  delete data.closed[entry.key];
  (isDone(entry) ? data.closed : data.open)[entry.key] = entry;
}

export interface PulseSourceStatus {
  projectKey: string;
  period: string;
  overall: Rag;
  submittedAt: Date;
  revision?: number;
}

/** Puts a status update in its week, unless the week holds a later revision of it. */
function placeStatus(data: PulseData, s: PulseSourceStatus): void {
  const held = data.statuses[s.period];
  if (held?.revision !== undefined && s.revision !== undefined && held.revision > s.revision) return;
  data.statuses[s.period] = { overall: s.overall, submittedAt: s.submittedAt, ...(s.revision !== undefined ? { revision: s.revision } : {}) };
}

export type PulseSourceItem = PulseItem & { projectKey: string };

/** A workspace's pulses from its status updates and items (a rebuild, and the seed's bulk write). */
export function buildPulses(statuses: readonly PulseSourceStatus[], items: readonly PulseSourceItem[]): ProjectPulse[] {
  const pulses = new Map<string, ProjectPulse>();
  const of = (projectKey: string): ProjectPulse => {
    let pulse = pulses.get(projectKey);
    if (!pulse) pulses.set(projectKey, (pulse = { projectKey, statuses: {}, open: {}, closed: {} }));
    return pulse;
  };
  for (const s of statuses) placeStatus(of(s.projectKey), s);
  for (const { projectKey, ...item } of items) placeItem(of(projectKey), pulseItemOf(item.kind, item));
  for (const pulse of pulses.values()) prune(pulse);
  return [...pulses.values()];
}

/** A pulse as stored, under a revision token never used before. */
function stored(workspaceId: Types.ObjectId, pulse: ProjectPulse): StoredPulse {
  const { projectKey, ...data } = pulse;
  return { _id: pulseId(workspaceId, projectKey), workspaceId, projectKey, rev: randomUUID(), data: JSON.stringify(data) };
}

/** `replaceOne` with upsert, again when a racing upsert of the same `_id` took the insert (FerretDB does not retry it). */
async function upsert(doc: { _id: string }): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await ProjectPulseModel.collection.replaceOne({ _id: doc._id } as Record<string, unknown>, doc, { upsert: true });
      return;
    } catch (err) {
      if (!isDuplicateKeyError(err) || attempt >= 3) throw err;
    }
  }
}

/**
 * Replaces a workspace's pulses with `pulses` and marks them complete. It never deletes first, so a
 * digest reading meanwhile sees the old pulses or the new, never none: new pulses are inserted
 * together, existing ones replaced one by one, and those of projects no longer in `pulses` removed.
 */
export async function writePulses(workspaceId: Types.ObjectId, pulses: readonly ProjectPulse[]): Promise<void> {
  const collection = ProjectPulseModel.collection;
  const existing = new Set(
    (await collection.find({ workspaceId }, { projection: { _id: 1 } }).batchSize(ONE_BATCH).toArray()).map((d) => String(d._id)),
  );
  const docs = pulses.map((p) => stored(workspaceId, p));
  const fresh = docs.filter((d) => !existing.has(d._id));
  for (let i = 0; i < fresh.length; i += WRITE_CHUNK) {
    const chunk = fresh.slice(i, i + WRITE_CHUNK);
    try {
      await collection.insertMany(chunk as unknown as Record<string, unknown>[], { ordered: false });
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
      // A first write of some project since the read above: replace what it made.
      for (const doc of chunk) await upsert(doc);
    }
  }
  for (const doc of docs.filter((d) => existing.has(d._id))) await upsert(doc);
  const kept = new Set(docs.map((d) => d._id));
  const gone = [...existing].filter((id) => id !== markerId(workspaceId) && !kept.has(id));
  for (let i = 0; i < gone.length; i += IN_LIST_MAX) {
    await collection.deleteMany({ workspaceId, _id: { $in: gone.slice(i, i + IN_LIST_MAX) } } as Record<string, unknown>);
  }
  const marker: PulseMarker = { _id: markerId(workspaceId), workspaceId, version: PULSE_VERSION, builtAt: new Date() };
  await upsert(marker);
}

/**
 * Rebuilds a workspace's pulses from every status update and item it has: what a workspace from
 * before pulses, or from a bulk import, needs once. In this process, pulse writes of the workspace
 * wait for it; one already under way finds its token replaced and writes again over the rebuilt
 * pulse. (Another instance's write racing a rebuild can still be missed until that item or
 * project next changes.)
 */
export function rebuildPulses(workspaceId: Types.ObjectId): Promise<number> {
  return rebuilds.run(workspaceId.toString(), () => readAndWritePulses(workspaceId));
}

async function readAndWritePulses(workspaceId: Types.ObjectId): Promise<number> {
  const projection = { _id: 0, projectKey: 1, ...Object.fromEntries(PULSE_ITEM_FIELDS.map((f) => [f, 1])) };
  const [statuses, ...byKind] = await Promise.all([
    StatusUpdateModel.find({ workspaceId })
      .select({ _id: 0, projectKey: 1, period: 1, overall: 1, submittedAt: 1, revision: 1 })
      .batchSize(ONE_BATCH)
      .lean<PulseSourceStatus[]>(),
    ...ITEM_KINDS.map((kind) =>
      itemModel(kind)
        .find({ workspaceId })
        .select(projection)
        .batchSize(ONE_BATCH)
        .lean<Omit<PulseSourceItem, 'kind'>[]>()
        .then((docs) => docs.map((doc) => ({ ...doc, kind }) as PulseSourceItem)),
    ),
  ]);
  const pulses = buildPulses(statuses, byKind.flat());
  await writePulses(workspaceId, pulses);
  return pulses.length;
}

async function isComplete(workspaceId: Types.ObjectId): Promise<boolean> {
  const marker = await ProjectPulseModel.collection.findOne<PulseMarker>({ _id: markerId(workspaceId) } as Record<string, unknown>);
  return marker?.version === PULSE_VERSION;
}

/**
 * Builds the workspace's pulses unless they are complete and of the current shape. Loads of one
 * workspace at once (a digest and a nudge due together) share one rebuild in this process.
 */
export async function ensurePulses(workspaceId: Types.ObjectId): Promise<void> {
  if (await isComplete(workspaceId)) return;
  await rebuilds.run(workspaceId.toString(), async () => {
    if (!(await isComplete(workspaceId))) await readAndWritePulses(workspaceId);
  });
}

/**
 * A workspace's pulses (complete: rebuilt first when they are not): of `projectKeys`, or of every
 * project when null. A short list of keys goes to the database as an `$in` (an index seek on
 * MongoDB); a long one is applied here (FerretDB would compare every pulse with every key).
 */
export async function loadPulses(workspaceId: Types.ObjectId, projectKeys: readonly string[] | null): Promise<ProjectPulse[]> {
  await ensurePulses(workspaceId);
  const wanted = projectKeys ? new Set(projectKeys) : null;
  const docs = await ProjectPulseModel.collection
    .find<StoredPulse>({ workspaceId, ...(projectKeys ? inFilter('projectKey', projectKeys) : {}) })
    .batchSize(ONE_BATCH)
    .toArray();
  return docs
    .filter((d) => typeof d.projectKey === 'string' && (!wanted || wanted.has(d.projectKey)))
    .map((d) => ({ projectKey: d.projectKey, ...decodePulse(d.data) }));
}

/** Changes waiting for the next write of a pulse, and that write, once it is queued. */
interface PendingWrite {
  changes: ((data: PulseData) => void)[];
  done: Promise<void>;
}
const pending = new Map<string, PendingWrite>();

/**
 * Applies `change` to the project's pulse. Changes that arrive while a write of the same pulse is
 * under way are applied together by the next one (fifty risks logged on a project at once cost a
 * few writes, not fifty in a row), in the order they came.
 */
function changePulse(workspaceId: Types.ObjectId, projectKey: string, change: (data: PulseData) => void): Promise<void> {
  const _id = pulseId(workspaceId, projectKey);
  const waiting = pending.get(_id);
  if (waiting) {
    waiting.changes.push(change);
    return waiting.done;
  }
  const batch: PendingWrite = { changes: [change], done: Promise.resolve() };
  pending.set(_id, batch);
  batch.done = writes.run(_id, () => {
    // From here on, new changes wait for the write after this one.
    if (pending.get(_id) === batch) pending.delete(_id);
    return writePulse(workspaceId, projectKey, batch.changes);
  });
  return batch.done;
}

/**
 * Read, change, write over the revision read (again on losing to another instance). The changes
 * follow writes already stored, so a failure here must not lose them: the workspace's marker is
 * dropped instead, and its next digest rebuilds every pulse from the registers. Only when that
 * fails too (the database is gone) does it throw.
 */
async function writePulse(workspaceId: Types.ObjectId, projectKey: string, changes: readonly ((data: PulseData) => void)[]): Promise<void> {
  const _id = pulseId(workspaceId, projectKey);
  const collection = ProjectPulseModel.collection;
  try {
    for (let attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt++) {
      await rebuilds.whenIdle(workspaceId.toString());
      const current = await collection.findOne<StoredPulse>({ _id } as Record<string, unknown>);
      const data = decodePulse(current?.data);
      for (const change of changes) change(data);
      const next = stored(workspaceId, { projectKey, ...prune(data) });
      if (!current) {
        try {
          await collection.insertOne(next as unknown as Record<string, unknown>);
          return;
        } catch (err) {
          if (!isDuplicateKeyError(err)) throw err;
        }
      } else if ((await collection.updateOne({ _id, rev: current.rev } as Record<string, unknown>, { $set: { rev: next.rev, data: next.data } })).modifiedCount === 1) {
        return;
      }
      await jitter(5 * attempt);
    }
    throw new Error(`the pulse ${_id} kept changing under this write`);
  } catch {
    await collection.deleteOne({ _id: markerId(workspaceId) } as Record<string, unknown>);
  }
}

/** After an item was created or changed: its entry in its project's pulse (and out of its former project's). */
export async function notePulseItem(workspaceId: Types.ObjectId, kind: ItemKind, item: { projectKey: string } & object, formerProjectKey?: string): Promise<void> {
  const entry = pulseItemOf(kind, item);
  await changePulse(workspaceId, item.projectKey, (data) => placeItem(data, entry));
  if (formerProjectKey && formerProjectKey !== item.projectKey) {
    await changePulse(workspaceId, formerProjectKey, (data) => {
      delete data.open[entry.key];
      delete data.closed[entry.key];
    });
  }
}

/** After a status update was stored: its week in its project's pulse. */
export async function notePulseStatus(workspaceId: Types.ObjectId, status: PulseSourceStatus): Promise<void> {
  await changePulse(workspaceId, status.projectKey, (data) => placeStatus(data, status));
}

