// The per-message writes of the fan-out (sending receipts, delivery records): one write at a time
// for the whole process, many messages per write.
import type { AnyBulkWriteOperation } from 'mongoose';
import { JobDeliveryModel, type JobDelivery, type JobDeliveryDoc } from '../../models';
import { JobSendingModel, type JobSendingDoc } from '../../models/job-delivery.model';

/**
 * Statements per update write. FerretDB 1.24 keeps each statement of an `update` command open
 * until the command ends, one pooled SQLite connection each, and stalls past its pool (100): a
 * bulk of ~100 never returned. Well under that.
 */
export const UPDATES_PER_WRITE = 25;

type Update = AnyBulkWriteOperation<JobDelivery>;

interface Waiting<T> {
  item: T;
  resolve(): void;
  reject(err: unknown): void;
}

/**
 * Why one at a time: the embedded database is SQLite under FerretDB, with a single writer per
 * file; writers that meet wait in SQLite's busy handler, whose back-off made a write of 10 ms take
 * seconds once sixteen lanes wrote at once (fan-out fell to 12 messages a second). Why many per
 * write: what waits while one write runs goes out together in the next (receipts in one insert,
 * records in one insert, updates in one `update` command), so the writes keep pace with the sends
 * whatever the number of lanes. Each resolves once stored; a failed write rejects only its own.
 */
export class RecordWrites {
  private readonly receipts: Waiting<JobSendingDoc>[] = [];
  private readonly inserts: Waiting<JobDeliveryDoc>[] = [];
  private readonly updates: Waiting<Update>[] = [];
  private running = false;

  /** Stores a sending receipt (before its send). */
  receipt(doc: JobSendingDoc): Promise<void> {
    return this.enqueue(this.receipts, doc);
  }

  /** Inserts a delivery record (its first outcome); one already there is updated instead. */
  insert(doc: JobDeliveryDoc): Promise<void> {
    return this.enqueue(this.inserts, doc);
  }

  /** Updates a delivery record by `_id` (a later outcome). */
  update(op: Update): Promise<void> {
    return this.enqueue(this.updates, op);
  }

  private enqueue<T>(queue: Waiting<T>[], item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      // Receipts first: sends wait for them; records only for their bookkeeping.
      for (;;) {
        if (this.receipts.length > 0) {
          await write(this.receipts.splice(0), (docs) => JobSendingModel.collection.insertMany(docs, { ordered: false }));
        } else if (this.inserts.length > 0) {
          await write(
            this.inserts.splice(0),
            (docs) => JobDeliveryModel.collection.insertMany(docs, { ordered: false }),
            (w) => {
              // Its record is there already: update it instead.
              const { _id, ...fields } = w.item;
              this.updates.push({ item: { updateOne: { filter: { _id }, update: { $set: fields } } }, resolve: w.resolve, reject: w.reject });
            },
          );
        } else if (this.updates.length > 0) {
          await write(this.updates.splice(0, UPDATES_PER_WRITE), (ops) => JobDeliveryModel.bulkWrite(ops, { ordered: false }));
        } else break;
      }
    } finally {
      this.running = false;
    }
  }
}

/** One write of a batch; then each waiting caller learns how its own item went (see settle). */
async function write<T>(batch: Waiting<T>[], store: (items: T[]) => Promise<unknown>, onDuplicate?: (w: Waiting<T>) => void): Promise<void> {
  try {
    await store(batch.map((w) => w.item));
    for (const w of batch) w.resolve();
  } catch (err) {
    settle(batch, err, onDuplicate);
  }
}

/**
 * After a failed batch: those the error names failed (a duplicate key goes to `onDuplicate` when
 * given), the others went in; an error naming none failed them all.
 */
function settle<T>(batch: Waiting<T>[], err: unknown, onDuplicate?: (w: Waiting<T>) => void): void {
  const named = (err as { writeErrors?: WriteErrorShape | WriteErrorShape[] } | null)?.writeErrors;
  if (named === undefined) {
    for (const w of batch) w.reject(err);
    return;
  }
  const failed = new Map((Array.isArray(named) ? named : [named]).map((e) => [e.index, e.code]));
  batch.forEach((w, i) => {
    if (!failed.has(i)) w.resolve();
    else if (failed.get(i) === 11000 && onDuplicate) onDuplicate(w);
    else w.reject(err);
  });
}

interface WriteErrorShape {
  index?: number;
  code?: number;
}

/** The process's writer: every run and workspace writes through it, so none meet in SQLite. */
export const recordWrites = new RecordWrites();
