import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Activity } from 'botbuilder';

/** One local chat: everything said in it, in order; a Direct Line watermark is an index into it. */
interface LocalConversation {
  id: string;
  /** The Direct Line token that reads and speaks in it: only the browser that started it has it. */
  token: string;
  activities: Partial<Activity>[];
  lastUsed: number;
}

export interface ConversationLimits {
  /** Conversations kept; the least recently used is dropped first. */
  maxConversations: number;
  /** Activities kept per conversation; older ones are dropped, watermarks stay valid. */
  maxActivities: number;
}

const DEFAULT_LIMITS: ConversationLimits = { maxConversations: 200, maxActivities: 500 };

/**
 * The transcripts of the local chat, in memory: a developer's try-out channel, not a store of
 * record (what the bot saves goes to MongoDB like from any other channel). Bounded so a page left
 * open for days cannot grow the process.
 */
export class LocalConversations {
  private readonly conversations = new Map<string, LocalConversation>();
  /** Activities dropped from the front of each conversation, so watermarks keep counting up. */
  private readonly dropped = new Map<string, number>();
  private readonly byToken = new Map<string, string>();
  private readonly limits: ConversationLimits;

  constructor(limits: Partial<ConversationLimits> = {}, private readonly clock: () => number = Date.now) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  /** A new conversation and the token for it (192 random bits). */
  start(): { id: string; token: string } {
    const id = randomUUID();
    const token = randomBytes(24).toString('base64url');
    this.conversations.set(id, { id, token, activities: [], lastUsed: this.clock() });
    this.byToken.set(token, id);
    this.dropped.set(id, 0);
    this.evict();
    return { id, token };
  }

  has(id: string): boolean {
    return this.conversations.has(id);
  }

  /** Whether `token` is the one this conversation was started with (compared in constant time). */
  tokenFits(id: string, token: string): boolean {
    const expected = this.conversations.get(id)?.token;
    if (expected === undefined || token.length !== expected.length) return false;
    return timingSafeEqual(Buffer.from(token), Buffer.from(expected));
  }

  /** The conversation a token belongs to (for a token refresh, which names none). */
  conversationOf(token: string): string | undefined {
    const id = this.byToken.get(token);
    return id !== undefined && this.tokenFits(id, token) ? id : undefined;
  }

  /** Appends an activity, giving it an id and a timestamp; returns the stored copy. */
  append(conversationId: string, activity: Partial<Activity>): Partial<Activity> {
    const conversation = this.touch(conversationId);
    const seq = this.dropped.get(conversationId)! + conversation.activities.length;
    const stored: Partial<Activity> = {
      ...activity,
      id: `${conversationId}|${String(seq).padStart(7, '0')}`,
      timestamp: new Date(this.clock()),
      conversation: { ...(activity.conversation ?? {}), id: conversationId } as Activity['conversation'],
    };
    conversation.activities.push(stored);
    const excess = conversation.activities.length - this.limits.maxActivities;
    if (excess > 0) {
      conversation.activities.splice(0, excess);
      this.dropped.set(conversationId, this.dropped.get(conversationId)! + excess);
    }
    return stored;
  }

  /** Replaces an activity the bot updated (e.g. a card after its form was submitted). */
  replace(conversationId: string, activityId: string, activity: Partial<Activity>): boolean {
    const conversation = this.touch(conversationId);
    const index = conversation.activities.findIndex((a) => a.id === activityId);
    if (index < 0) return false;
    conversation.activities[index] = { ...conversation.activities[index], ...activity, id: activityId };
    return true;
  }

  /** What was said since `watermark`, and the watermark to ask with next time. */
  since(conversationId: string, watermark: number): { activities: Partial<Activity>[]; watermark: string } {
    const conversation = this.touch(conversationId);
    const offset = this.dropped.get(conversationId)!;
    const from = Math.max(0, (Number.isInteger(watermark) ? watermark : 0) - offset);
    return {
      activities: conversation.activities.slice(from),
      watermark: String(offset + conversation.activities.length),
    };
  }

  private touch(id: string): LocalConversation {
    const conversation = this.conversations.get(id);
    if (!conversation) throw new UnknownConversationError(id);
    conversation.lastUsed = this.clock();
    return conversation;
  }

  private evict(): void {
    while (this.conversations.size > this.limits.maxConversations) {
      let oldest: LocalConversation | undefined;
      for (const c of this.conversations.values()) if (!oldest || c.lastUsed < oldest.lastUsed) oldest = c;
      this.conversations.delete(oldest!.id);
      this.dropped.delete(oldest!.id);
      this.byToken.delete(oldest!.token);
    }
  }
}

export class UnknownConversationError extends Error {
  constructor(id: string) {
    super(`no local conversation ${id}`);
  }
}
