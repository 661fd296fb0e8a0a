// A run's deliveries as the runtime works with them: one record per planned message, moved from
// state to state (core/services job-deliveries.service.ts), so that a resumed run skips what was
// sent and never sends anything twice.
import {
  countRunDeliveries, failDeliveries, insertDeliveries, markDeliverySending, recordDeliveryOutcome, runDeliveryRecords, runRef,
  type DeliveryCounts, type DeliveryDoc, type DeliveryOutcome, type RunRef,
} from '../../core/services';
import type { JobMessage, PlannedDelivery, Recipient } from '../types';

export { runRef, type DeliveryCounts, type RunRef };

/** A delivery of a run: its record, with its recipient and planned message typed again (message null if lost). */
export type StoredDelivery = Omit<DeliveryDoc, 'recipient' | 'message'> & {
  recipient: Recipient;
  message: JobMessage | null;
};

const typed = (d: DeliveryDoc): StoredDelivery => ({
  ...d,
  recipient: d.recipient as unknown as Recipient,
  message: (d.message ?? null) as unknown as JobMessage | null,
});

/** Every delivery of the run in plan order. One query, whatever the size of the run. */
export async function runDeliveries(run: RunRef): Promise<StoredDelivery[]> {
  return (await runDeliveryRecords(runRef(run))).map(typed);
}

/**
 * Records the planned deliveries not planned yet (a re-plan adds only new keys; what was planned
 * before keeps its message, so a retry sends what the run first planned), and returns them.
 * `known`: the run's deliveries as runDeliveries read them. One insert whatever the size of the plan.
 */
export async function addPlanned(of: RunRef, deliveries: readonly PlannedDelivery[], known: readonly StoredDelivery[], now: Date): Promise<StoredDelivery[]> {
  const keys = new Set(known.map((d) => d.key));
  const plans = deliveries.flatMap((d, seq) => {
    if (keys.has(d.key)) return [];
    keys.add(d.key); // a plan naming a key twice records it once
    const recipient = toStored(d.recipient) as unknown as Record<string, unknown>;
    return [{ key: d.key, seq, platform: d.recipient.platform, recipient, message: toStored(d.message) as unknown as Record<string, unknown> }];
  });
  return (await insertDeliveries(runRef(of), plans, now)).map(typed);
}

/** Of the run's deliveries, those still to send now, in plan order: pending and due (first try or retry time reached). */
export function dueOf(deliveries: readonly StoredDelivery[], now: Date): StoredDelivery[] {
  return deliveries.filter((d) => d.status === 'pending' && (!d.nextAttemptAt || new Date(d.nextAttemptAt) <= now));
}

/**
 * pending → sending, stored before the send: a holder that stops before the outcome leaves it
 * 'sending', and the run's next holder fails it rather than sending it twice. False when the
 * record had moved on (it is not sent then).
 */
export async function markSending(d: StoredDelivery, holder: string, now: Date): Promise<boolean> {
  return markDeliverySending(d, holder, now);
}

async function recordOutcome(d: StoredDelivery, outcome: DeliveryOutcome): Promise<void> {
  await recordDeliveryOutcome(d, outcome);
}

export async function markSent(d: StoredDelivery, messageId: string | undefined, now: Date): Promise<void> {
  await recordOutcome(d, { status: 'sent', sentAt: now, messageId: messageId ?? null, lastError: null, nextAttemptAt: null });
}

/** Back to pending, to be tried again at `at`. */
export async function markRetry(d: StoredDelivery, error: string, at: Date): Promise<void> {
  await recordOutcome(d, { status: 'pending', lastError: error, nextAttemptAt: at });
}

/** sending → failed for good. */
export async function markFailed(d: StoredDelivery, error: string): Promise<void> {
  await recordOutcome(d, { status: 'failed', lastError: error, nextAttemptAt: null });
}

const INTERRUPTED = 'interrupted while sending; not sent again in case it arrived';

/**
 * Fails what a stopped holder was sending (whether the platform got it is unknown; sending again
 * could post twice: at most once, never twice), updating `deliveries` in place. Called by the lease
 * holder at the start of a pass, so nothing of this run is being sent now.
 */
export async function failInterruptedOf(deliveries: StoredDelivery[]): Promise<number> {
  const interrupted = deliveries.filter((d) => d.status === 'sending');
  await failAll(interrupted, INTERRUPTED);
  return interrupted.length;
}

/** Gives up on these deliveries (pending, or one whose message is lost), in place. */
export async function failAll(deliveries: StoredDelivery[], reason: string): Promise<void> {
  await failDeliveries(deliveries, reason);
  for (const d of deliveries) Object.assign(d, { status: 'failed', lastError: reason, nextAttemptAt: null, lockedBy: null, attempts: d.attempts + 1 });
}

/** How many of the run's deliveries are in each state. One query. */
export async function countDeliveries(run: RunRef): Promise<DeliveryCounts> {
  return countRunDeliveries(runRef(run));
}

/** Plain JSON, as a Mixed field keeps it (dates become ISO strings); on-demand sends use it too, so renderers see one shape. */
export function toStored<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
