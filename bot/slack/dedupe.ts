import type { Types } from 'mongoose';
import { SlackDeliveryModel } from '../../models';
import { isDuplicateKeyError } from '../../core/services/errors';

/** Slack retries within minutes; a day of claims is plenty and keeps the collection small. */
const KEEP_MS = 24 * 60 * 60 * 1000;
const PRUNE_EVERY_MS = 60 * 60 * 1000;

/**
 * Claims one Slack delivery for processing: true for the first claim, false for a retry or for
 * another instance that got it too. The unique index decides, never a read-then-write.
 */
export class DeliveryClaims {
  private readonly pruned = new Map<string, number>();

  async claim(workspaceId: Types.ObjectId, key: string, now: Date): Promise<boolean> {
    try {
      await SlackDeliveryModel.create({ workspaceId, key, at: now });
    } catch (err) {
      if (isDuplicateKeyError(err)) return false;
      throw err;
    }
    await this.prune(workspaceId, now);
    return true;
  }

  /** At most hourly per workspace and instance: deletes that workspace's old claims (no TTL index on FerretDB). */
  private async prune(workspaceId: Types.ObjectId, now: Date): Promise<void> {
    const id = workspaceId.toString();
    const last = this.pruned.get(id) ?? 0;
    if (now.getTime() - last < PRUNE_EVERY_MS) return;
    this.pruned.set(id, now.getTime());
    await SlackDeliveryModel.deleteMany({ workspaceId, at: { $lt: new Date(now.getTime() - KEEP_MS) } });
  }
}
