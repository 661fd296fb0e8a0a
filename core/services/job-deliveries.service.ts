// A run's deliveries (models/job-record.model.ts, type 'delivery'): one record per planned message,
// inserted pending when planned, then moved pending → sending → sent | failed (or back to pending
// for a retry) by updates conditioned on the state and attempts it was read in.
import { Types } from 'mongoose';
import { JobRecordModel, type DeliveryStatus, type JobRecordDoc } from '../../models';
import type { Platform } from '../domain';
import { isDuplicateKeyError } from './errors';
import type { RunRef } from './job-records.service';

/** A delivery's record. */
export type DeliveryDoc = JobRecordDoc & RunRef & {
  status: DeliveryStatus;
  key: string;
  seq: number;
  platform: Platform;
  recipient: Record<string, unknown>;
  attempts: number;
};

/** A message to plan: its key, place in the plan, recipient and message, as stored (plain JSON). */
export interface DeliveryPlan {
  key: string;
  seq: number;
  platform: Platform;
  recipient: Record<string, unknown>;
  message: Record<string, unknown>;
}

export type DeliveryCounts = Record<DeliveryStatus, number>;

/** What an outcome sets on the record. */
export type DeliveryOutcome = Pick<DeliveryDoc, 'status' | 'lastError' | 'nextAttemptAt'> & Partial<Pick<DeliveryDoc, 'sentAt' | 'messageId'>>;

/**
 * The writes of a process's sends, many to a command: marks (pending → sending) as one conditional
 * updateMany, outcomes as one bulk write of conditional updates. On the embedded server (SQLite, a
 * single writer) each command costs tens of milliseconds and writers that meet wait in SQLite's busy
 * handler, so one command at a time, each carrying what the lanes asked for meanwhile. Each record's
 * update is still conditioned on its state, which is what keeps instances apart; MongoDB needs no more.
 */
class DeliveryWrites {
  private readonly marks: { d: Pick<DeliveryDoc, '_id' | 'attempts'>; holder: string; now: Date; done: (ok: boolean) => void; fail: (err: unknown) => void }[] = [];
  private readonly outcomes: { op: OutcomeOp; done: () => void; fail: (err: unknown) => void }[] = [];
  private running = false;

  mark(d: Pick<DeliveryDoc, '_id' | 'attempts'>, holder: string, now: Date): Promise<boolean> {
    return new Promise((done, fail) => {
      this.marks.push({ d, holder, now, done, fail });
      this.kick();
    });
  }

  outcome(op: OutcomeOp): Promise<void> {
    return new Promise((done, fail) => {
      this.outcomes.push({ op, done, fail });
      this.kick();
    });
  }

  /** Starts writing after the current turn of the event loop, so writes asked for in one turn share a command. */
  private kick(): void {
    if (this.running) return;
    this.running = true;
    setImmediate(() => void this.drain());
  }

  private async drain(): Promise<void> {
    try {
      for (;;) {
        // Marks first: sends wait for them; outcomes only for their bookkeeping. One holder's at a time.
        const holder = this.marks[0]?.holder;
        if (holder !== undefined) {
          const batch = takeUpTo(this.marks, WRITES_PER_COMMAND, (m) => m.holder === holder);
          const now = new Date(Math.max(...batch.map((m) => m.now.getTime())));
          await markSendingMany(batch.map((m) => m.d), holder, now).then(
            (marked) => batch.forEach((m) => m.done(marked.has(String(m.d._id)))),
            (err: unknown) => batch.forEach((m) => m.fail(err)),
          );
          continue;
        }
        const batch = this.outcomes.splice(0, WRITES_PER_COMMAND);
        if (batch.length === 0) break;
        await JobRecordModel.bulkWrite(batch.map((w) => w.op), { ordered: false }).then(
          () => batch.forEach((w) => w.done()),
          (err: unknown) => batch.forEach((w) => w.fail(err)),
        );
      }
    } finally {
      this.running = false;
    }
  }
}

/** Removes and returns up to `max` of `queue`'s entries that pass `test`, in order. */
function takeUpTo<T>(queue: T[], max: number, test: (item: T) => boolean): T[] {
  const taken: T[] = [];
  for (let i = 0; i < queue.length && taken.length < max; ) {
    if (test(queue[i])) taken.push(...queue.splice(i, 1));
    else i++;
  }
  return taken;
}

/**
 * pending → sending for those of `deliveries` still pending at the attempts they were read with:
 * one updateMany per attempts count (one in a pass), stamped with a token of its own. When it moved
 * them all they are this holder's; else a read of the token says which (another sender has the rest).
 */
async function markSendingMany(deliveries: readonly Pick<DeliveryDoc, '_id' | 'attempts'>[], holder: string, now: Date): Promise<Set<string>> {
  const marked = new Set<string>();
  for (const attempts of new Set(deliveries.map((d) => d.attempts))) {
    const ids = deliveries.filter((d) => d.attempts === attempts).map((d) => d._id);
    const pass = new Types.ObjectId().toHexString();
    const res = await JobRecordModel.updateMany(
      { _id: { $in: ids }, status: 'pending', attempts },
      { $set: { status: 'sending', lockedBy: holder, lockedAt: now, pass } },
    );
    if (res.modifiedCount === ids.length) ids.forEach((id) => marked.add(String(id)));
    else if (res.modifiedCount > 0) {
      const mine = await JobRecordModel.find({ _id: { $in: ids }, pass }).select({ _id: 1 }).lean<{ _id: Types.ObjectId }[]>();
      mine.forEach((d) => marked.add(String(d._id)));
    }
  }
  return marked;
}

type OutcomeOp = Parameters<typeof JobRecordModel.bulkWrite>[0][number];
/** Records per write command: FerretDB 1.24 holds a pooled SQLite connection per statement until the command ends, and stalls past ~100. */
const WRITES_PER_COMMAND = 25;
const writes = new DeliveryWrites();

const ofRun = (run: RunRef) => ({ workspaceId: run.workspaceId, type: 'delivery' as const, job: run.job, period: run.period });

/** Every delivery of the run, in plan order (seq, then `_id`). One query. */
export async function runDeliveryRecords(run: RunRef): Promise<DeliveryDoc[]> {
  const docs = await JobRecordModel.find(ofRun(run)).lean<DeliveryDoc[]>();
  return docs.sort((a, b) => a.seq - b.seq || (String(a._id) < String(b._id) ? -1 : String(a._id) > String(b._id) ? 1 : 0));
}

/**
 * Inserts the planned deliveries as pending records, in one write, and returns those inserted. A
 * key planned already (by a re-plan, or by another writer first) is refused by the unique key and
 * keeps what was planned first.
 */
export async function insertDeliveries(run: RunRef, plans: readonly DeliveryPlan[], now: Date): Promise<DeliveryDoc[]> {
  if (plans.length === 0) return [];
  const docs = plans.map((p) => ({ _id: new Types.ObjectId(), ...ofRun(run), ...p, status: 'pending' as const, attempts: 0, createdAt: now, updatedAt: now }));
  try {
    await JobRecordModel.collection.insertMany(docs, { ordered: false });
    return docs as unknown as DeliveryDoc[];
  } catch (err) {
    const failed = docs.length === 1 && isDuplicateKeyError(err) ? new Set([0]) : duplicatesOf(err);
    if (failed === null) throw err;
    return docs.filter((_, i) => !failed.has(i)) as unknown as DeliveryDoc[];
  }
}

/** pending → sending, by `holder`: false when the record is no longer pending at these attempts (another sender has it). Marks asked for meanwhile share one write. */
export async function markDeliverySending(d: Pick<DeliveryDoc, '_id' | 'attempts'>, holder: string, now: Date): Promise<boolean> {
  return writes.mark(d, holder, now);
}

/** sending → the outcome, counting the attempt (a record no longer 'sending' at these attempts is left as it is). */
export async function recordDeliveryOutcome(d: Pick<DeliveryDoc, '_id' | 'attempts'>, outcome: DeliveryOutcome): Promise<void> {
  await writes.outcome({
    updateOne: { filter: { _id: d._id, status: 'sending', attempts: d.attempts }, update: { $set: { ...outcome, lockedBy: null }, $inc: { attempts: 1 } } },
  });
}

/** Fails these deliveries (each as read: still in its state at its attempts), counting an attempt. One write. */
export async function failDeliveries(deliveries: readonly Pick<DeliveryDoc, '_id' | 'status' | 'attempts'>[], reason: string): Promise<void> {
  if (deliveries.length === 0) return;
  await JobRecordModel.bulkWrite(
    deliveries.map((d) => ({
      updateOne: {
        filter: { _id: d._id, status: d.status, attempts: d.attempts },
        update: { $set: { status: 'failed' as const, lastError: reason, nextAttemptAt: null, lockedBy: null }, $inc: { attempts: 1 } },
      },
    })),
    { ordered: false },
  );
}

/** How many of the run's deliveries are in each state. One query. */
export async function countRunDeliveries(run: RunRef): Promise<DeliveryCounts> {
  const groups = await JobRecordModel.aggregate<{ _id: DeliveryStatus; n: number }>([{ $match: ofRun(run) }, { $group: { _id: '$status', n: { $sum: 1 } } }]);
  const counts: DeliveryCounts = { pending: 0, sending: 0, sent: 0, failed: 0 };
  for (const g of groups) counts[g._id] = g.n;
  return counts;
}

/** A closed run sends nothing more: its planned messages go (a record per delivery stays until retention). */
export async function dropRunMessages(run: RunRef): Promise<void> {
  await JobRecordModel.updateMany(ofRun(run), { $unset: { message: 1 } });
}

/** Deletes up to `batch` of the run's deliveries; how many. */
export async function deleteRunDeliveries(run: RunRef, batch: number): Promise<number> {
  const ids = await JobRecordModel.find(ofRun(run)).select({ _id: 1 }).limit(batch).lean<{ _id: Types.ObjectId }[]>();
  if (ids.length === 0) return 0;
  return (await JobRecordModel.deleteMany({ _id: { $in: ids.map((d) => d._id) } })).deletedCount;
}

/** The indexes of a bulk insert's duplicate keys, or null when it failed otherwise. */
function duplicatesOf(err: unknown): Set<number> | null {
  const named = (err as { writeErrors?: WriteErrorShape | WriteErrorShape[] } | null)?.writeErrors;
  const errors = named === undefined ? [] : Array.isArray(named) ? named : [named];
  if (errors.length === 0 || !errors.every((e) => e.code === 11000)) return null;
  return new Set(errors.map((e) => e.index ?? -1));
}

interface WriteErrorShape {
  index?: number;
  code?: number;
}
