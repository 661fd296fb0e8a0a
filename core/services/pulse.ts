// Project pulses (models/project-pulse.model.ts): kept in step with every status update and item
// change, rebuilt from the registers when a workspace has none of the current shape.
import { DateTime } from 'luxon';
import type { Types } from 'mongoose';
import { ProjectPulseModel, StatusUpdateModel, type PulseData, type PulseItem, type PulseMarker, type StoredPulse } from '../../models';
import { DONE_STATUSES, ITEM_KINDS, type ItemKind, type Rag } from '../domain';
import { inFilter, ONE_BATCH } from './bulk-reads';
import { jitter } from './context';
import { isDuplicateKeyError } from './errors';
import { InProcessQueue } from './in-process-queue';
import { itemModel } from './item-store';

/** The pulses' shape; a workspace whose marker names another is rebuilt on its next read. */
export const PULSE_VERSION = 2;
/** Weeks of status updates a pulse keeps, back from the project's newest (the digest looks back 12). */
export const PULSE_WEEKS = 14;
/** Days a closed item stays, back from the project's latest closure (a digest reports on a past week). */
export const PULSE_CLOSED_DAYS = 35;

/** The item fields a pulse keeps: what the digest reads of an item (its counts, top risks, activity and isOverdue). */
export const PULSE_ITEM_FIELDS = ['key', 'seq', 'title', 'status', 'ownerId', 'due', 'reviewDate', 'rating', 'score', 'decision', 'createdAt', 'closedAt'] as const;

/** A project's pulse as read. */
export type ProjectPulse = PulseData & { projectKey: string };

const DAY_MS = 86_400_000;
/** Writes of one pulse that may lose to another instance's before one gives up (and drops the marker). */
const MAX_WRITE_ATTEMPTS = 8;
/** Pulse writes in this process, one at a time per pulse: FerretDB applies an update read-then-write. */
const writes = new InProcessQueue();

export function pulseId(workspaceId: Types.ObjectId, projectKey: string): string {
  return `${workspaceId.toString()}:${projectKey}`;
}

function markerId(workspaceId: Types.ObjectId): string {
  return `${workspaceId.toString()}:`;
}

const DATE_FIELDS = new Set(['submittedAt', 'createdAt', 'closedAt']);

export function encodePulse(data: PulseData): string {
  return JSON.stringify(data);
}

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
  const closedAt = (item: PulseItem) => (item.closedAt ? item.closedAt.getTime() : 0);
  const latest = Math.max(0, ...Object.values(data.closed).map(closedAt));
  for (const [key, item] of Object.entries(data.closed)) if (closedAt(item) < latest - PULSE_CLOSED_DAYS * DAY_MS) delete data.closed[key];
  return data;
}

/** Puts an item's entry where its status says (open or closed), taking it out of the other. */
function placeItem(data: PulseData, entry: PulseItem): void {
  delete data.open[entry.key];
  delete data.closed[entry.key];
  (isDone(entry) ? data.closed : data.open)[entry.key] = entry;
}

export interface PulseSourceStatus {
  projectKey: string;
  period: string;
  overall: Rag;
  submittedAt: Date;
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
  for (const s of statuses) of(s.projectKey).statuses[s.period] = { overall: s.overall, submittedAt: s.submittedAt };
  for (const { projectKey, ...item } of items) placeItem(of(projectKey), pulseItemOf(item.kind, item));
  for (const pulse of pulses.values()) prune(pulse);
  return [...pulses.values()];
}

function stored(workspaceId: Types.ObjectId, pulse: ProjectPulse, rev: number): StoredPulse {
  const { projectKey, ...data } = pulse;
  return { _id: pulseId(workspaceId, projectKey), workspaceId, projectKey, rev, data: encodePulse(data) };
}

/** Replaces a workspace's pulses with `pulses` and marks them complete. */
export async function writePulses(workspaceId: Types.ObjectId, pulses: readonly ProjectPulse[]): Promise<void> {
  const collection = ProjectPulseModel.collection;
  await collection.deleteMany({ workspaceId });
  const CHUNK = 1000;
  for (let i = 0; i < pulses.length; i += CHUNK) {
    const docs = pulses.slice(i, i + CHUNK).map((p) => stored(workspaceId, p, 1));
    try {
      await collection.insertMany(docs as unknown as Record<string, unknown>[], { ordered: false });
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
      // A first write since the delete created some of them meanwhile: replace those one by one.
      for (const doc of docs) await collection.replaceOne({ _id: doc._id } as Record<string, unknown>, doc, { upsert: true });
    }
  }
  const marker: PulseMarker = { _id: markerId(workspaceId), workspaceId, version: PULSE_VERSION, builtAt: new Date() };
  await collection.replaceOne({ _id: marker._id } as Record<string, unknown>, marker, { upsert: true });
}

/**
 * Rebuilds a workspace's pulses from every status update and item it has: what a workspace from
 * before pulses, or from a bulk import, needs once. A change written while it reads may be missed
 * until that item or project next changes.
 */
export async function rebuildPulses(workspaceId: Types.ObjectId): Promise<number> {
  const projection = { _id: 0, projectKey: 1, ...Object.fromEntries(PULSE_ITEM_FIELDS.map((f) => [f, 1])) };
  const [statuses, ...byKind] = await Promise.all([
    StatusUpdateModel.find({ workspaceId }).select({ _id: 0, projectKey: 1, period: 1, overall: 1, submittedAt: 1 }).batchSize(ONE_BATCH).lean<PulseSourceStatus[]>(),
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

/** Builds the workspace's pulses unless they are complete and of the current shape. */
export async function ensurePulses(workspaceId: Types.ObjectId): Promise<void> {
  const marker = await ProjectPulseModel.collection.findOne<PulseMarker>({ _id: markerId(workspaceId) } as Record<string, unknown>);
  if (marker?.version === PULSE_VERSION) return;
  await rebuildPulses(workspaceId);
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
      const current = await collection.findOne<StoredPulse>({ _id } as Record<string, unknown>);
      const data = decodePulse(current?.data);
      for (const change of changes) change(data);
      const next = stored(workspaceId, { projectKey, ...prune(data) }, (current?.rev ?? 0) + 1);
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
  await changePulse(workspaceId, status.projectKey, (data) => {
    data.statuses[status.period] = { overall: status.overall, submittedAt: status.submittedAt };
  });
}

