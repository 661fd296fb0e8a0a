// job_deliveries: one record per planned message of a run, so a resumed run skips what was sent.
import type { Types } from 'mongoose';
import type { JobName } from '../../core/domain';
import { isDuplicateKeyError } from '../../core/services/errors';
import { JobDeliveryModel, type DeliveryStatus, type JobDeliveryDoc } from '../../models';
import type { JobMessage, PlannedDelivery, Recipient } from '../types';

/** Which run: the same triple the job_runs unique index claims. */
export interface RunRef {
  workspaceId: Types.ObjectId;
  job: JobName;
  period: string;
}

/** A record read back, with its recipient and message typed again. */
export type StoredDelivery = Omit<JobDeliveryDoc, 'recipient' | 'message'> & { recipient: Recipient; message: JobMessage };

export type DeliveryCounts = Record<DeliveryStatus, number>;

/** Only the run's triple, whatever else the object carries (a JobRunDoc is a RunRef too). */
export function runRef(run: RunRef): RunRef {
  return { workspaceId: run.workspaceId, job: run.job, period: run.period };
}

/**
 * Records the planned deliveries not recorded yet (a re-plan adds only new keys; what was planned
 * before keeps its message, so a retry sends what the run first planned).
 */
export async function addPlanned(of: RunRef, deliveries: readonly PlannedDelivery[]): Promise<void> {
  const run = runRef(of);
  if (deliveries.length === 0) return;
  const ops = deliveries.map((d, seq) => ({
    updateOne: {
      filter: { ...run, key: d.key },
      update: {
        $setOnInsert: {
          ...run,
          key: d.key,
          seq,
          platform: d.recipient.platform,
          recipient: toStored(d.recipient),
          message: toStored(d.message),
          status: 'pending' as const,
          attempts: 0,
          lastError: null,
          nextAttemptAt: null,
        },
      },
      upsert: true,
    },
  }));
  try {
    await JobDeliveryModel.bulkWrite(ops, { ordered: false });
  } catch (err) {
    // Another writer recorded the same key first: what matters is that the record exists.
    if (!isDuplicateKeyError(err) && !isBulkOfDuplicates(err)) throw err;
  }
}

/** Deliveries of the run still to send now, in plan order: pending and due (first try or retry time reached). */
export async function dueDeliveries(run: RunRef, now: Date): Promise<StoredDelivery[]> {
  const docs = await JobDeliveryModel.find({ ...runRef(run), status: 'pending' }).sort({ seq: 1, _id: 1 }).lean<JobDeliveryDoc[]>();
  return docs.filter((d) => !d.nextAttemptAt || d.nextAttemptAt <= now) as unknown as StoredDelivery[];
}

/** Takes a pending delivery for sending; null when it is not pending any more. */
export async function lockForSending(id: Types.ObjectId, holder: string, now: Date): Promise<StoredDelivery | null> {
  const doc = await JobDeliveryModel.findOneAndUpdate(
    { _id: id, status: 'pending' },
    { $set: { status: 'sending', lockedBy: holder, lockedAt: now }, $inc: { attempts: 1 } },
    { new: true },
  ).lean<JobDeliveryDoc>();
  return doc as unknown as StoredDelivery | null;
}

export async function markSent(id: Types.ObjectId, messageId: string | undefined, now: Date): Promise<void> {
  await JobDeliveryModel.updateOne(
    { _id: id },
    { $set: { status: 'sent', sentAt: now, messageId: messageId ?? null, lastError: null, nextAttemptAt: null, lockedBy: null } },
  );
}

/** Back to pending, to be tried again at `at`. */
export async function markRetry(id: Types.ObjectId, error: string, at: Date): Promise<void> {
  await JobDeliveryModel.updateOne({ _id: id }, { $set: { status: 'pending', lastError: error, nextAttemptAt: at, lockedBy: null } });
}

export async function markFailed(id: Types.ObjectId, error: string): Promise<void> {
  await JobDeliveryModel.updateOne({ _id: id }, { $set: { status: 'failed', lastError: error, nextAttemptAt: null, lockedBy: null } });
}

/**
 * Deliveries left 'sending' by a holder that died mid-send. Whether the platform got them is
 * unknown; sending again could post twice, so they are failed (at most once, never twice).
 */
export async function failInterrupted(run: RunRef): Promise<number> {
  const result = await JobDeliveryModel.updateMany(
    { ...runRef(run), status: 'sending' },
    { $set: { status: 'failed', lastError: 'interrupted while sending; not sent again in case it arrived', lockedBy: null } },
  );
  return result.modifiedCount;
}

/** Gives up on what is still pending (a run abandoned past its window). */
export async function failPending(run: RunRef, reason: string): Promise<void> {
  await JobDeliveryModel.updateMany({ ...runRef(run), status: 'pending' }, { $set: { status: 'failed', lastError: reason, nextAttemptAt: null } });
}

export async function countDeliveries(run: RunRef): Promise<DeliveryCounts> {
  const rows = await JobDeliveryModel.aggregate<{ _id: DeliveryStatus; n: number }>([
    { $match: runRef(run) },
    { $group: { _id: '$status', n: { $sum: 1 } } },
  ]);
  const counts: DeliveryCounts = { pending: 0, sending: 0, sent: 0, failed: 0 };
  for (const row of rows) counts[row._id] = row.n;
  return counts;
}

export async function listDeliveries(run: RunRef): Promise<StoredDelivery[]> {
  const docs = await JobDeliveryModel.find(runRef(run)).sort({ seq: 1, _id: 1 }).lean<JobDeliveryDoc[]>();
  return docs as unknown as StoredDelivery[];
}

/** Plain JSON, as a Mixed field keeps it (dates become ISO strings); on-demand sends use it too, so renderers see one shape. */
export function toStored<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function isBulkOfDuplicates(err: unknown): boolean {
  const errors = (err as { writeErrors?: { code?: number }[] } | null)?.writeErrors;
  return Array.isArray(errors) && errors.length > 0 && errors.every((e) => e.code === 11000);
}
