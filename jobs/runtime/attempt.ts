// One message to one recipient: the rate limits, the send, and quick retries on 429/5xx.
import type { Platform } from '../../core/domain';
import type { WorkspaceDoc } from '../../core/services/job-data.service';
import type { JobMessage, Recipient } from '../types';
import type { Clock } from './clock';
import { DeliveryError, toDeliveryError } from './delivery-error';
import { conversationKey, PLATFORM_LIMITS, type PlatformLimits, type RateLimiter } from './rate-limiter';
import type { JobSender, SendOptions } from './sender';

/** Tries within one pass; what still fails waits for a later pass (see RETRY_BACKOFF_MS). */
export const INLINE_TRIES = 3;
/** A longer Retry-After is not waited out in the pass: the delivery is retried in a later one. */
export const MAX_INLINE_WAIT_MS = 30_000;
/** Waits between quick tries when the platform gave no Retry-After. */
const INLINE_BACKOFF_MS = [1_000, 3_000];

export interface AttemptDeps {
  senders: ReadonlyMap<Platform, JobSender>;
  limiter: RateLimiter;
  clock: Clock;
  limits?: Record<Platform, PlatformLimits>;
}

export type AttemptResult = { ok: true; messageId?: string; tries: number } | { ok: false; error: DeliveryError; tries: number };

export async function sendWithRetry(deps: AttemptDeps, workspace: WorkspaceDoc, recipient: Recipient, message: JobMessage, options: SendOptions = {}): Promise<AttemptResult> {
  const sender = deps.senders.get(recipient.platform);
  if (sender === undefined) {
    return { ok: false, tries: 0, error: new DeliveryError('rejected', `this bot has no ${recipient.platform} connection to post with`) };
  }
  const limits = (deps.limits ?? PLATFORM_LIMITS)[recipient.platform];
  for (let tries = 1; ; tries++) {
    const release = await deps.limiter.acquireFor(workspace._id.toString(), recipient, limits);
    let error: DeliveryError;
    try {
      const sent = await sender.send(workspace, recipient, message, options);
      return { ok: true, messageId: sent.messageId, tries };
    } catch (err) {
      error = toDeliveryError(err, deps.clock.now());
    } finally {
      release();
    }
    const wait = error.retryAfterMs ?? INLINE_BACKOFF_MS[Math.min(tries - 1, INLINE_BACKOFF_MS.length - 1)];
    if (!error.retryable || tries >= INLINE_TRIES || wait > MAX_INLINE_WAIT_MS) return { ok: false, error, tries };
    await deps.clock.sleep(wait);
  }
}

/** Runs `worker` over `items`, at most `limit` at a time; one item's failure goes to `onError` and never stops the others. */
export async function forEachBounded<T>(
  items: readonly T[],
  limit: number,
  worker: (item: T) => Promise<void>,
  onError: (err: unknown, item: T) => void,
): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++];
      await worker(item).catch((err: unknown) => onError(err, item));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
}

/**
 * Deliveries grouped by the conversation they go to, each group in plan order: groups go out side
 * by side, a group's messages one after another (a digest before its continuation pages).
 */
export function byConversation<T extends { recipient: Recipient }>(deliveries: readonly T[]): T[][] {
  const groups = new Map<string, T[]>();
  for (const d of deliveries) {
    const key = conversationKey(d.recipient);
    groups.set(key, [...(groups.get(key) ?? []), d]);
  }
  return [...groups.values()];
}
