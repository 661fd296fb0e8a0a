// Sliding-window rate limits per key (a conversation, a workspace), in this process.
import type { Platform } from '../../core/domain';
import type { Recipient } from '../types';
import type { Clock } from './clock';

/** At most `max` messages in any `perMs` window. */
export interface RateWindow {
  max: number;
  perMs: number;
}

export interface PlatformLimits {
  perConversation: RateWindow;
  perWorkspace: RateWindow;
}

/**
 * Teams: 7 messages per second per conversation, and a per-tenant cap for a bot (50/s here).
 * Slack: chat.postMessage about 1 per second per channel, a few hundred per minute per workspace.
 * These keep one instance polite; across instances the platform's 429 + Retry-After is the limit.
 */
export const PLATFORM_LIMITS: Record<Platform, PlatformLimits> = {
  teams: { perConversation: { max: 7, perMs: 1000 }, perWorkspace: { max: 50, perMs: 1000 } },
  local: { perConversation: { max: 7, perMs: 1000 }, perWorkspace: { max: 50, perMs: 1000 } },
  slack: { perConversation: { max: 1, perMs: 1000 }, perWorkspace: { max: 200, perMs: 60_000 } },
};

/** The conversation a recipient is posted in, for its rate limit. */
export function conversationKey(recipient: Recipient): string {
  return recipient.kind === 'user'
    ? `${recipient.platform}:user:${recipient.userId}`
    : `${recipient.platform}:channel:${recipient.conversationRefId ?? recipient.channelId}`;
}

/** Past this many keys, windows long over are dropped (a long-lived process meets many conversations). */
const PRUNE_AT = 10_000;

/** One message counted against its limits: while it is being sent, `at` is Infinity; then when the send ended. */
interface Slot {
  at: number;
}

/** Ends a message's hold on its limits: call it when the send is over, whatever its outcome. */
export type Release = () => void;

/**
 * A message counts against a window from the moment it may go until its send is over, and then as
 * sent at that moment: the platform counts it when it arrives, somewhere in between, so counting it
 * here at the start only would let a message whose predecessor arrived late overrun the platform's
 * window (and earn a 429). Counted this way, no window of ours holds fewer than the platform's.
 */
export class RateLimiter {
  private readonly sent = new Map<string, Slot[]>();
  /** Per key, who waits for a send to end (every slot of the window is in flight). */
  private readonly waiting = new Map<string, (() => void)[]>();

  constructor(private readonly clock: Clock) {}

  /** Waits (on the clock) until one more message fits in every window, and counts it in all of them at once. */
  async acquire(limits: readonly { key: string; window: RateWindow }[]): Promise<Release> {
    if (this.sent.size > PRUNE_AT) this.prune(Math.max(...limits.map((l) => l.window.perMs)));
    for (;;) {
      const now = this.clock.now().getTime();
      let sleep = 0;
      let busy: string | null = null;
      for (const { key, window } of limits) {
        const recent = (this.sent.get(key) ?? []).filter((slot) => slot.at > now - window.perMs);
        this.sent.set(key, recent);
        if (recent.length < window.max) continue;
        const oldest = Math.min(...recent.map((slot) => slot.at));
        if (Number.isFinite(oldest)) sleep = Math.max(sleep, oldest + window.perMs - now);
        else busy = key;
      }
      if (sleep === 0 && busy === null) {
        const slot: Slot = { at: Infinity };
        for (const { key } of limits) this.sent.get(key)?.push(slot);
        return () => this.release(slot, limits.map((l) => l.key));
      }
      if (sleep > 0) await this.clock.sleep(sleep);
      else await new Promise<void>((resolve) => this.waiting.set(busy as string, [...(this.waiting.get(busy as string) ?? []), resolve]));
    }
  }

  private release(slot: Slot, keys: readonly string[]): void {
    if (Number.isFinite(slot.at)) return;
    slot.at = this.clock.now().getTime();
    for (const key of keys) {
      const waiters = this.waiting.get(key);
      this.waiting.delete(key);
      for (const wake of waiters ?? []) wake();
    }
  }

  private prune(olderThanMs: number): void {
    const cutoff = this.clock.now().getTime() - Math.max(olderThanMs, 60_000);
    for (const [key, slots] of this.sent) if (slots.every((slot) => slot.at <= cutoff)) this.sent.delete(key);
  }

  /** Both limits of a message, its conversation's and its workspace's; release once its send is over. */
  acquireFor(workspaceId: string, recipient: Recipient, limits: PlatformLimits): Promise<Release> {
    return this.acquire([
      { key: `ws:${workspaceId}`, window: limits.perWorkspace },
      { key: conversationKey(recipient), window: limits.perConversation },
    ]);
  }
}
