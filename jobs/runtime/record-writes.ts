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
        if (this.receipts.length > 0) await this.insertReceipts(this.receipts.splice(0));
        else if (this.inserts.length > 0) await this.insertRecords(this.inserts.splice(0));
        else if (this.updates.length > 0) await this.writeUpdates(this.updates.splice(0, UPDATES_PER_WRITE));
        else break;
      }
    } finally {
      this.running = false;
    }
  }

  private async insertReceipts(batch: Waiting<JobSendingDoc>[]): Promise<void> {
    try {
      await JobSendingModel.collection.insertMany(
        batch.map((w) => w.item),
        { ordered: false },
      );
      for (const w of batch) w.resolve();
    } catch (err) {
      settle(batch, err);
    }
  }

  private async insertRecords(batch: Waiting<JobDeliveryDoc>[]): Promise<void> {
    try {
      await JobDeliveryModel.collection.insertMany(
        batch.map((w) => w.item),
        { ordered: false },
      );
      for (const w of batch) w.resolve();
    } catch (err) {
      settle(batch, err, (w) => {
        // Its record is there already: update it instead.
        const { _id, ...fields } = w.item;
        this.updates.push({ item: { updateOne: { filter: { _id }, update: { $set: fields } } }, resolve: w.resolve, reject: w.reject });
      });
    }
  }

  private async writeUpdates(batch: Waiting<Update>[]): Promise<void> {
    try {
      await JobDeliveryModel.bulkWrite(
        batch.map((w) => w.item),
        { ordered: false },
      );
      for (const w of batch) w.resolve();
    } catch (err) {
      settle(batch, err);
    }
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
