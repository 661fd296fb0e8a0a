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

export class RateLimiter {
  private readonly sent = new Map<string, number[]>();

  constructor(private readonly clock: Clock) {}

  /** Waits (on the clock) until one more message fits in `window` for `key`, and counts it. */
  async acquire(key: string, window: RateWindow): Promise<void> {
    if (this.sent.size > PRUNE_AT) this.prune(window.perMs);
    for (;;) {
      const now = this.clock.now().getTime();
      const recent = (this.sent.get(key) ?? []).filter((t) => t > now - window.perMs);
      if (recent.length < window.max) {
        recent.push(now);
        this.sent.set(key, recent);
        return;
      }
      this.sent.set(key, recent);
      await this.clock.sleep(recent[0] + window.perMs - now);
    }
  }

  private prune(olderThanMs: number): void {
    const cutoff = this.clock.now().getTime() - Math.max(olderThanMs, 60_000);
    for (const [key, times] of this.sent) if (times.every((t) => t <= cutoff)) this.sent.delete(key);
  }

  /** Both limits of a message: its conversation's and its workspace's. */
  async acquireFor(workspaceId: string, recipient: Recipient, limits: PlatformLimits): Promise<void> {
    await this.acquire(`ws:${workspaceId}`, limits.perWorkspace);
    await this.acquire(conversationKey(recipient), limits.perConversation);
  }
}
