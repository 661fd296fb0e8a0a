// A run's deliveries: what it planned (job_planned), what became of each message (job_deliveries,
// one record per recipient and message), and what was being sent (job_sending), so that a resumed
// run skips what was sent and never sends anything twice.
import { Types } from 'mongoose';
import type { JobName } from '../../core/domain';
import { isDuplicateKeyError } from '../../core/services/errors';
import { JobDeliveryModel, type DeliveryStatus, type JobDeliveryDoc } from '../../models';
import { JobPlannedModel, JobSendingModel, type JobPlannedDoc, type JobSendingDoc } from '../../models/job-delivery.model';
import type { JobMessage, PlannedDelivery, Recipient } from '../types';
import { recordWrites } from './record-writes';

/** Which run: the same triple the job_runs unique index claims. */
export interface RunRef {
  workspaceId: Types.ObjectId;
  job: JobName;
  period: string;
}

/**
 * A delivery of a run as a pass works with it: its record, or (planned and not tried yet) its plan
 * read as a pending record; with its recipient typed again and its planned message (null if lost).
 */
export type StoredDelivery = Omit<JobDeliveryDoc, 'recipient' | 'message'> & {
  recipient: Recipient;
  message: JobMessage | null;
  /** Whether job_deliveries has its record yet (its first outcome inserts it; later ones update it). */
  recorded: boolean;
};

export type DeliveryCounts = Record<DeliveryStatus, number>;

/** Only the run's triple, whatever else the object carries (a JobRunDoc is a RunRef too). */
export function runRef(run: RunRef): RunRef {
  return { workspaceId: run.workspaceId, job: run.job, period: run.period };
}

/**
 * The batch size of the reads of a run: one round trip for the whole run (FerretDB would answer
 * 101 documents and then 250 per getMore). MongoDB still caps a reply at 16 MiB.
 */
const ONE_BATCH = 100_000;

/**
 * Every delivery of the run in plan order: its record where it has one, else its plan as a
 * pending record. Two queries side by side whatever the size of the run. FerretDB's SQLite backend
 * reads the whole collection for any filter, so a pass reads its run once, here, and works from
 * that rather than querying per message.
 */
export async function runDeliveries(run: RunRef): Promise<StoredDelivery[]> {
  const [records, plans] = await Promise.all([
    JobDeliveryModel.find(runRef(run)).batchSize(ONE_BATCH).lean<JobDeliveryDoc[]>(),
    JobPlannedModel.find(runRef(run)).batchSize(ONE_BATCH).lean<JobPlannedDoc[]>(),
  ]);
  const planned = new Map(plans.map((p) => [String(p._id), p]));
  const recorded = new Set(records.map((r) => String(r._id)));
  const deliveries: StoredDelivery[] = records.map((r) => ({
    ...(r as unknown as StoredDelivery),
    message: ((r.message ?? planned.get(String(r._id))?.message ?? null) as unknown as JobMessage | null),
    recorded: true,
  }));
  for (const p of plans) {
    if (recorded.has(String(p._id))) continue;
    const { message, recipient, createdAt, ...rest } = p;
    deliveries.push({ ...rest, recipient: recipient as unknown as Recipient, message: message as unknown as JobMessage, status: 'pending', attempts: 0, createdAt, updatedAt: createdAt, recorded: false });
  }
  return deliveries.sort(inPlanOrder);
}

/** By plan order (seq), then by when planned (`_id`). */
function inPlanOrder(a: StoredDelivery, b: StoredDelivery): number {
  return a.seq - b.seq || (String(a._id) < String(b._id) ? -1 : String(a._id) > String(b._id) ? 1 : 0);
}

/**
 * Records the planned deliveries not planned yet (a re-plan adds only new keys; what was planned
 * before keeps its message, so a retry sends what the run first planned), and returns them.
 * `known`: the run's deliveries as runDeliveries read them (read here when not given). One insert
 * whatever the size of the plan: the run's lease makes this instance the only one planning it; if
 * another writer did plan a key first, the unique index refuses ours and the plan is read back.
 */
export async function addPlanned(of: RunRef, deliveries: readonly PlannedDelivery[], known?: readonly StoredDelivery[]): Promise<StoredDelivery[]> {
  const run = runRef(of);
  if (deliveries.length === 0) return [];
  const keys = new Set((known ?? (await runDeliveries(run))).map((d) => d.key));
  const plans: JobPlannedDoc[] = [];
  const now = new Date();
  deliveries.forEach((d, seq) => {
    if (keys.has(d.key)) return;
    keys.add(d.key); // a plan naming a key twice records it once
    plans.push({
      _id: new Types.ObjectId(),
      ...run,
      key: d.key,
      seq,
      platform: d.recipient.platform,
      recipient: toStored(d.recipient) as unknown as Record<string, unknown>,
      message: toStored(d.message) as unknown as Record<string, unknown>,
      createdAt: now,
    });
  });
  if (plans.length === 0) return [];
  try {
    await JobPlannedModel.collection.insertMany(plans, { ordered: false });
  } catch (err) {
    // Another writer planned some of the same keys first: what matters is that the plan exists.
    if (!isDuplicateKeyError(err) && !isBulkOfDuplicates(err)) throw err;
    const mine = new Set(plans.map((p) => p.key));
    return (await runDeliveries(run)).filter((d) => mine.has(d.key) && d.status === 'pending');
  }
  return plans.map(({ message, recipient, createdAt, ...rest }) => ({
    ...rest,
    recipient: recipient as unknown as Recipient,
    message: message as unknown as JobMessage,
    status: 'pending' as const,
    attempts: 0,
    createdAt,
    updatedAt: createdAt,
    recorded: false,
  }));
}

/** Of the run's deliveries, those still to send now, in plan order: pending and due (first try or retry time reached). */
export function dueOf(deliveries: readonly StoredDelivery[], now: Date): StoredDelivery[] {
  return deliveries.filter((d) => d.status === 'pending' && (!d.nextAttemptAt || new Date(d.nextAttemptAt) <= now)).sort(inPlanOrder);
}

/** Deliveries of the run still to send now, in plan order (see dueOf). */
export async function dueDeliveries(run: RunRef, now: Date): Promise<StoredDelivery[]> {
  return dueOf(await runDeliveries(run), now);
}

/*
 * Per message, two writes, and neither asks the database to find anything: a receipt (inserted)
 * before the send, and the outcome after it, which inserts the delivery's record (or, after an
 * earlier failed try, updates it by `_id`). FerretDB's SQLite backend reads the whole table for
 * any filter, even an exact `{ _id }` (its SQL does not match the `_id` index), and an insert is
 * the one write whose cost does not grow with the table. No `status: 'pending'` condition keeps
 * two senders apart, and none is needed: a run's deliveries are sent only by the holder of its
 * lease (job_runs, see run-lease.ts), renewed before each message at most RENEW_EVERY_MS apart,
 * and another instance takes a run over only LEASE_MS after the last renewal. (Such a condition
 * would not have been an atomic lock on FerretDB anyway, which applies findOneAndUpdate as
 * read-then-write.) Both go through recordWrites: one write at a time for the process, many
 * messages per write.
 */

/**
 * Records that the delivery is about to be handed to the platform, and resolves once that is
 * stored: a holder that stops before the outcome is recorded leaves the receipt, and the run's
 * next holder fails the delivery rather than sending it twice (see interruptedOf).
 */
export async function markSending(delivery: StoredDelivery, holder: string, now: Date): Promise<void> {
  await recordWrites.receipt({
    _id: new Types.ObjectId(),
    ...runRef(delivery),
    delivery: delivery._id,
    attempts: delivery.attempts,
    holder,
    createdAt: now,
    updatedAt: now,
  });
}

/** What an outcome sets on the record; each outcome counts an attempt. */
type Outcome = Pick<JobDeliveryDoc, 'status' | 'lastError' | 'nextAttemptAt'> & Partial<Pick<JobDeliveryDoc, 'sentAt' | 'messageId'>>;

/**
 * Records how a try went: inserts the record when the delivery has none yet, else updates it by
 * `_id`. Attempts go up by one, so a receipt for the delivery's former `attempts` is one whose
 * outcome came.
 */
async function recordOutcome(d: StoredDelivery, outcome: Outcome, now: Date): Promise<void> {
  if (d.recorded) {
    await recordWrites.update({ updateOne: { filter: { _id: d._id }, update: { $set: { ...outcome, lockedBy: null }, $inc: { attempts: 1 } } } });
    return;
  }
  await recordWrites.insert({
    _id: d._id,
    ...runRef(d),
    key: d.key,
    seq: d.seq,
    platform: d.platform,
    recipient: d.recipient as unknown as Record<string, unknown>,
    ...outcome,
    attempts: d.attempts + 1,
    createdAt: now,
    updatedAt: now,
  });
}

export async function markSent(d: StoredDelivery, messageId: string | undefined, now: Date): Promise<void> {
  await recordOutcome(d, { status: 'sent', sentAt: now, messageId: messageId ?? null, lastError: null, nextAttemptAt: null }, now);
}

/** Back to pending, to be tried again at `at`. */
export async function markRetry(d: StoredDelivery, error: string, at: Date, now: Date): Promise<void> {
  await recordOutcome(d, { status: 'pending', lastError: error, nextAttemptAt: at }, now);
}

export async function markFailed(d: StoredDelivery, error: string, now: Date): Promise<void> {
  await recordOutcome(d, { status: 'failed', lastError: error, nextAttemptAt: null }, now);
}

const INTERRUPTED = 'interrupted while sending; not sent again in case it arrived';

/**
 * Of the run's deliveries, those a stopped holder was sending: marked 'sending' (records of earlier
 * versions), or pending with a receipt for their current attempt. Whether the platform got them is unknown.
 */
export function interruptedOf(deliveries: readonly StoredDelivery[], receipts: readonly Pick<JobSendingDoc, 'delivery' | 'attempts'>[]): StoredDelivery[] {
  const receipted = new Set(receipts.map((r) => `${String(r.delivery)}:${r.attempts}`));
  return deliveries.filter((d) => d.status === 'sending' || (d.status === 'pending' && receipted.has(`${String(d._id)}:${d.attempts}`)));
}

/** The run's receipts (one query). */
export async function runReceipts(run: RunRef): Promise<JobSendingDoc[]> {
  return JobSendingModel.find(runRef(run)).select({ delivery: 1, attempts: 1 }).batchSize(ONE_BATCH).lean<JobSendingDoc[]>();
}

/**
 * Fails what a stopped holder was sending (sending again could post twice: at most once, never
 * twice), updating `deliveries` in place. Called by the lease holder at the start of a pass, so
 * nothing of this run is being sent now; nothing to write in the usual case.
 */
export async function failInterruptedOf(deliveries: StoredDelivery[], receipts: readonly Pick<JobSendingDoc, 'delivery' | 'attempts'>[], now = new Date()): Promise<number> {
  const interrupted = interruptedOf(deliveries, receipts);
  await failAll(interrupted, INTERRUPTED, now);
  return interrupted.length;
}

/** Fails these deliveries for `reason`, in place: the planned ones get their record, the recorded ones are updated. */
async function failAll(deliveries: StoredDelivery[], reason: string, now: Date): Promise<void> {
  const recorded = deliveries.filter((d) => d.recorded);
  if (recorded.length > 0) {
    await JobDeliveryModel.updateMany(
      { _id: { $in: recorded.map((d) => d._id) }, status: { $in: ['pending', 'sending'] } },
      { $set: { status: 'failed', lastError: reason, nextAttemptAt: null, lockedBy: null }, $inc: { attempts: 1 } },
    );
  }
  await Promise.all(deliveries.filter((d) => !d.recorded).map((d) => markFailed(d, reason, now)));
  for (const d of deliveries) Object.assign(d, { status: 'failed', lastError: reason, nextAttemptAt: null, lockedBy: null, attempts: d.attempts + 1, recorded: true });
}

/** A closed run sends nothing more: its receipts and plan go (its records, one per delivery, stay until retention.ts sweeps the run). */
export async function dropSendingState(run: RunRef): Promise<void> {
  await Promise.all([JobSendingModel.deleteMany(runRef(run)), JobPlannedModel.deleteMany(runRef(run))]);
}

/** failInterruptedOf for a run not read yet (a run closed past its window). */
export async function failInterrupted(run: RunRef, now = new Date()): Promise<number> {
  const [deliveries, receipts] = await Promise.all([runDeliveries(run), runReceipts(run)]);
  return failInterruptedOf(deliveries, receipts, now);
}

/** Gives up on what is still pending (a run abandoned past its window). */
export async function failPending(run: RunRef, reason: string, now = new Date()): Promise<void> {
  await failAll((await runDeliveries(run)).filter((d) => d.status === 'pending'), reason, now);
}

/** How many of the run's deliveries are in each state (planned and not tried yet: pending). Two queries. */
export async function countDeliveries(run: RunRef): Promise<DeliveryCounts> {
  const [records, plans] = await Promise.all([
    JobDeliveryModel.find(runRef(run)).select({ status: 1 }).batchSize(ONE_BATCH).lean<Pick<JobDeliveryDoc, '_id' | 'status'>[]>(),
    JobPlannedModel.find(runRef(run)).select({ _id: 1 }).batchSize(ONE_BATCH).lean<Pick<JobPlannedDoc, '_id'>[]>(),
  ]);
  const counts: DeliveryCounts = { pending: 0, sending: 0, sent: 0, failed: 0 };
  const recorded = new Set<string>();
  for (const r of records) {
    counts[r.status] += 1;
    recorded.add(String(r._id));
  }
  for (const p of plans) if (!recorded.has(String(p._id))) counts.pending += 1;
  return counts;
}

/** Plain JSON, as a Mixed field keeps it (dates become ISO strings); on-demand sends use it too, so renderers see one shape. */
export function toStored<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function isBulkOfDuplicates(err: unknown): boolean {
  const named = (err as { writeErrors?: { code?: number } | { code?: number }[] } | null)?.writeErrors;
  const errors = named === undefined ? [] : Array.isArray(named) ? named : [named];
  return errors.length > 0 && errors.every((e) => e.code === 11000);
}
