// Nothing acknowledged is lost: requests recorded before their 200, leased while worked on, taken over when a holder dies.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { mongo } from 'mongoose';
import type { Logger } from 'pino';
import { isDuplicateKeyError } from '../../core/services/errors';
import type { Platform } from '../../core/domain';
import { InboundRequestModel, type InboundRequestDoc, type InboundState } from '../../models';

/** A holder renews every third of this; a lease this old belongs to a process that died. */
export const LEASE_MS = 30_000;
/** The promise: any instance looks for abandoned requests at start-up and every minute. */
export const SWEEP_EVERY_MS = 60_000;
/** Finished requests are kept this long, so a platform's late retry still collapses into them. */
export const KEEP_MS = 24 * 60 * 60_000;
/** Attempts before a request that keeps failing (not a refusal: a crash, the database away) is given up. */
export const MAX_ATTEMPTS = 5;
const SWEEP_BATCH = 100;
const WRITE_BATCH = 200;
const FINISH_TRIES = 5;
const FINISH_PAUSE_MS = 1_000;

/** A request carried out, waiting for its done mark to be written. */
interface Finish {
  key: string;
  at: Date;
  tries: number;
  resolve: () => void;
}

/** Which documents of an unordered insertMany failed, by index, and why (every one, when the error says nothing per document). */
function writeErrorsOf(err: unknown, count: number): Map<number, unknown> {
  const listed = (err as { writeErrors?: unknown } | null)?.writeErrors;
  const writeErrors = (Array.isArray(listed) ? listed : listed ? [listed] : []) as { index: number; code?: number; errmsg?: string }[];
  if (writeErrors.length === 0) return new Map(Array.from({ length: count }, (_, i) => [i, err]));
  return new Map(writeErrors.map((w) => [w.index, Object.assign(new Error(w.errmsg ?? 'insert failed'), { code: w.code })]));
}
const PRUNE_EVERY_MS = 60 * 60_000;

/** This process among the instances on one database: a restarted process is a new holder. */
export function newHolderId(): string {
  return `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

/** What a recorded request's work is carried out with. */
export interface InboundMeta {
  key: string;
  receivedAt: Date;
  /** True when an earlier attempt may have got part of the way (a dead holder, a failure). */
  retry: boolean;
}

/** Carries out one recorded request's work; throwing means "try again later". */
export type InboundHandler = (work: unknown, meta: InboundMeta) => Promise<void>;

export interface InboxOptions {
  /** This process, unique among instances (host, pid, a random part). */
  holder: string;
  logger: Logger;
  leaseMs?: number;
  sweepEveryMs?: number;
  keepMs?: number;
  maxAttempts?: number;
  /** Milliseconds since the epoch; tests age leases without waiting. */
  now?: () => number;
}

/**
 * The inbound requests of this process. Slack: `record` before the ack (one insert whose `_id` is
 * the dedupe key), `carryOut` after it, and `start` sweeps for requests whose holder died. Teams:
 * `claim` before the turn.
 */
export class Inbox {
  readonly name = 'inbox';
  private readonly held = new Set<string>();
  private readonly inserts: { doc: InboundRequestDoc; resolve: (won: boolean) => void; reject: (err: unknown) => void }[] = [];
  private readonly finishes: Finish[] = [];
  /** The one write of this inbox on its way: FerretDB's SQLite stalled when its batches overlapped. */
  private writing = false;
  private readonly handlers = new Map<Platform, InboundHandler>();
  private timers: NodeJS.Timeout[] = [];
  private nextSweep?: NodeJS.Timeout;
  private started = false;
  private sweeping?: Promise<void>;
  private lastPrune = 0;
  private readonly leaseMs: number;
  private readonly keepMs: number;
  private readonly maxAttempts: number;
  private readonly now: () => number;

  constructor(private readonly options: InboxOptions) {
    this.leaseMs = options.leaseMs ?? LEASE_MS;
    this.keepMs = options.keepMs ?? KEEP_MS;
    this.maxAttempts = options.maxAttempts ?? MAX_ATTEMPTS;
    this.now = options.now ?? Date.now;
  }

  /** Before the ack: true for the first delivery, false for a retry or a duplicate (already recorded). */
  async record(key: string, platform: Platform, team: string, work: unknown): Promise<boolean> {
    const inserted = await this.insert(key, platform, team, JSON.stringify(work), 'pending');
    if (inserted) this.held.add(key);
    return inserted;
  }

  /** A request this process recorded (or took over), carried out; finished, or left for a later attempt. */
  async carryOut(key: string, work: unknown, meta: InboundMeta, handler: InboundHandler): Promise<void> {
    this.held.add(key);
    try {
      await handler(work, meta);
      await this.finish(key);
    } catch (err) {
      await this.failed(key, err);
    } finally {
      this.held.delete(key);
    }
  }

  /**
   * Teams, whose HTTP response waits for the turn: true for the first delivery of an activity, false
   * for any other. Taken is final (the record is written done): the channel learns from the HTTP
   * response whether the turn was carried out, so nothing is left for the inbox to finish.
   */
  claim(key: string, platform: Platform, team: string): Promise<boolean> {
    return this.insert(key, platform, team, null, 'done');
  }

  /** A Teams claim given back after its turn failed, so the channel's next delivery of it runs. */
  async release(key: string): Promise<void> {
    await InboundRequestModel.deleteOne({ _id: key }).catch((err: Error) =>
      this.options.logger.warn({ request: key, err: err.message }, 'could not give back a failed activity; a redelivery of it will be skipped'),
    );
  }

  /**
   * The request is carried out: later deliveries of it are duplicates. Written by `_id` alone (done
   * is done, whoever else may have taken it too), together with the other requests finished while
   * one write is on its way, in one unordered bulk write.
   */
  finish(key: string): Promise<void> {
    // Still held (its lease renewed) until the write lands: another instance must not take it meanwhile.
    return new Promise<void>((resolve) => {
      this.finishes.push({ key, at: new Date(this.now()), tries: 0, resolve });
      if (!this.writing) void this.flush();
    });
  }

  /**
   * Writes what is waiting, one batch at a time, until nothing is left: records first (acks wait on
   * them), but never two record batches in a row while finishes wait, so a long burst cannot hold
   * finished requests past their lease.
   */
  private async flush(): Promise<void> {
    this.writing = true;
    let finishesNext = false;
    try {
      while (this.inserts.length > 0 || this.finishes.length > 0) {
        if (this.inserts.length > 0 && !(finishesNext && this.finishes.length > 0)) {
          await this.insertBatch(this.inserts.splice(0, WRITE_BATCH));
          finishesNext = true;
        } else {
          await this.finishBatch(this.finishes.splice(0, WRITE_BATCH));
          finishesNext = false;
        }
      }
    } finally {
      this.writing = false;
    }
  }

  /** A batch of done marks; one that fails is written again after a pause, and given up only after a few tries. */
  private async finishBatch(batch: Finish[]): Promise<void> {
    const failed = await InboundRequestModel.bulkWrite(
      batch.map(({ key, at }) => ({
        updateOne: { filter: { _id: key }, update: { $set: { state: 'done', finishedAt: at, work: null, error: null } } },
      })),
      { ordered: false },
    ).then(() => null, (err: Error) => err);
    const settle = (f: Finish) => {
      this.held.delete(f.key);
      f.resolve();
    };
    if (!failed) return batch.forEach(settle);
    const again = batch.filter((f) => f.tries + 1 < FINISH_TRIES);
    const lost = batch.filter((f) => f.tries + 1 >= FINISH_TRIES);
    if (lost.length > 0) {
      this.options.logger.error({ err: failed.message, requests: lost.map((f) => f.key) }, 'could not mark requests done; when their lease runs out they will be carried out again');
      lost.forEach(settle);
    }
    if (again.length > 0) {
      this.options.logger.warn({ err: failed.message, requests: again.length }, 'could not mark requests done yet; trying again');
      await new Promise((resolve) => setTimeout(resolve, FINISH_PAUSE_MS));
      this.finishes.push(...again.map((f) => ({ ...f, tries: f.tries + 1 })));
    }
  }

  /** Who carries out a platform's requests taken over from a dead holder (Slack; Teams requests hold no work). */
  handle(platform: Platform, handler: InboundHandler): void {
    this.handlers.set(platform, handler);
  }

  /**
   * Sweeps now and every sweepEveryMs (sooner when a pending lease runs out before that, so a
   * restarted instance takes over its predecessor's requests as soon as they are free), renews
   * the leases this process holds, and prunes old requests.
   */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.timers.push(setInterval(() => void this.renew(), Math.max(1_000, Math.floor(this.leaseMs / 3))).unref());
    void this.sweepAndReschedule();
  }

  /** No more requests taken over (shutting down); leases of the work still running keep being renewed. */
  async stopSweeping(): Promise<void> {
    this.started = false;
    if (this.nextSweep) clearTimeout(this.nextSweep);
    await this.sweeping;
  }

  /** Once the work this process holds is done: renewals stop too. */
  async stop(): Promise<void> {
    await this.stopSweeping();
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
  }

  private async sweepAndReschedule(): Promise<void> {
    await this.sweep();
    if (!this.started) return;
    const every = this.options.sweepEveryMs ?? SWEEP_EVERY_MS;
    const next = await InboundRequestModel.findOne({ state: 'pending', platform: { $in: [...this.handlers.keys()] } }, { leaseUntil: 1 })
      .sort({ leaseUntil: 1 })
      .lean<Pick<InboundRequestDoc, 'leaseUntil'>>()
      .catch(() => null);
    const untilFree = next ? next.leaseUntil.getTime() - this.now() + 250 : every;
    if (!this.started) return;
    this.nextSweep = setTimeout(() => void this.sweepAndReschedule(), Math.min(every, Math.max(1_000, untilFree))).unref();
  }

  /** Takes over every pending request whose lease ran out and hands its work to the handler. */
  sweep(): Promise<void> {
    this.sweeping ??= this.sweepOnce()
      .catch((err: Error) => this.options.logger.warn({ err: err.message }, 'inbox sweep failed; trying again next time'))
      .finally(() => {
        this.sweeping = undefined;
      });
    return this.sweeping;
  }

  private async sweepOnce(): Promise<void> {
    await this.prune();
    if (this.handlers.size === 0) return;
    const expired = await InboundRequestModel.find({
      state: 'pending', leaseUntil: { $lte: new Date(this.now()) }, platform: { $in: [...this.handlers.keys()] },
    })
      .sort({ leaseUntil: 1 })
      .limit(SWEEP_BATCH)
      .lean<InboundRequestDoc[]>();
    for (const request of expired) {
      const handler = this.handlers.get(request.platform);
      if (request.work === null || !handler || this.held.has(request._id)) continue;
      const taken = await this.takeOver(request._id);
      if (!taken) continue;
      this.options.logger.info({ request: request._id, attempt: taken.attempts }, 'carrying out a request another attempt left unfinished');
      void handler(JSON.parse(request.work) as unknown, { key: request._id, receivedAt: request.receivedAt, retry: true });
    }
  }

  /**
   * One insert per request, sent together with the others that arrive while one is on its way
   * (group commit): a burst of fifty acks waits for a few round trips, not fifty in a row. True
   * when this insert won its `_id`, false when the request was recorded before.
   */
  private insert(key: string, platform: Platform, team: string, work: string | null, state: InboundState): Promise<boolean> {
    const now = new Date(this.now());
    const doc: InboundRequestDoc = {
      _id: key, platform, team, state, work, receivedAt: now, holder: this.options.holder,
      leaseUntil: new Date(now.getTime() + this.leaseMs), attempts: 1, finishedAt: state === 'done' ? now : null, error: null, createdAt: now, updatedAt: now,
    };
    return new Promise<boolean>((resolve, reject) => {
      this.inserts.push({ doc, resolve, reject });
      if (!this.writing) void this.flush();
    });
  }

  private async insertBatch(batch: { doc: InboundRequestDoc; resolve: (won: boolean) => void; reject: (err: unknown) => void }[]): Promise<void> {
    const failures = await (InboundRequestModel.collection as unknown as mongo.Collection<InboundRequestDoc>)
      .insertMany(batch.map((b) => b.doc), { ordered: false })
      .then(() => new Map<number, unknown>(), (err: unknown) => writeErrorsOf(err, batch.length));
    batch.forEach((b, i) => {
      const failure = failures.get(i);
      if (failure === undefined) b.resolve(true);
      else if (isDuplicateKeyError(failure)) b.resolve(false);
      else b.reject(failure);
    });
  }

  /** The conditional update only one instance wins on MongoDB: pending, and its lease ran out. */
  private async takeOver(key: string): Promise<InboundRequestDoc | null> {
    const now = this.now();
    const taken = await InboundRequestModel.findOneAndUpdate(
      { _id: key, state: 'pending', leaseUntil: { $lte: new Date(now) } },
      { $set: { holder: this.options.holder, leaseUntil: new Date(now + this.leaseMs) }, $inc: { attempts: 1 } },
      { new: true },
    ).lean<InboundRequestDoc>();
    if (taken) this.held.add(key);
    return taken;
  }

  /** A failed attempt: tried again after a pause that grows with each attempt, or given up and logged. */
  private async failed(key: string, err: unknown): Promise<void> {
    const message = err instanceof Error ? err.message : String(err);
    const doc = await InboundRequestModel.findById(key, { attempts: 1 }).lean<Pick<InboundRequestDoc, 'attempts'>>().catch(() => null);
    const attempts = doc?.attempts ?? 1;
    const giveUp = attempts >= this.maxAttempts;
    const update = giveUp
      ? { state: 'failed', finishedAt: new Date(this.now()), error: message }
      : { leaseUntil: new Date(this.now() + this.leaseMs * attempts), error: message };
    await InboundRequestModel.updateOne({ _id: key, holder: this.options.holder }, { $set: update }).catch(() => undefined);
    const log = { request: key, attempt: attempts, err: message };
    if (giveUp) this.options.logger.error(log, 'a request failed every attempt; given up');
    else this.options.logger.warn(log, 'a request failed; it will be tried again');
  }

  private async renew(): Promise<void> {
    if (this.held.size === 0) return;
    await InboundRequestModel.updateMany(
      { _id: { $in: [...this.held] }, state: 'pending', holder: this.options.holder },
      { $set: { leaseUntil: new Date(this.now() + this.leaseMs) } },
    ).catch((err: Error) => this.options.logger.warn({ err: err.message }, 'could not renew the inbox leases'));
  }

  /** Hourly: requests older than keepMs that are finished or given up (never pending work). */
  private async prune(): Promise<void> {
    const now = this.now();
    if (now - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = now;
    await InboundRequestModel.deleteMany({
      receivedAt: { $lt: new Date(now - this.keepMs) },
      state: { $ne: 'pending' },
    });
  }
}
