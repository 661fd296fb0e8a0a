// What the delivery engine needs of a platform: post one job message to one recipient.
import type { Logger } from 'pino';
import type { Platform } from '../../core/domain';
import type { WorkspaceDoc } from '../../core/services/job-data.service';
import type { JobMessage, Recipient } from '../types';

/** What a sender reports back for a posted message. */
export interface SentMessage {
  /** The platform's id of the message (Bot Framework activity id, Slack `ts`). */
  messageId?: string;
}

export interface SendOptions {
  threadId?: string;
}

/**
 * Posts one planned message for one platform. A sender renders the message itself
 * (renderJobMessageForTeams / renderJobMessageForSlack) and throws on failure: a DeliveryError when
 * it knows what went wrong, else the client's own error, which toDeliveryError classifies (HTTP
 * status, Retry-After, Slack Web API error codes). It never retries: the engine does, within limits.
 */
export interface JobSender {
  readonly platform: Platform;
  /** `options.threadId`: the platform id of the message to reply in the thread of (Slack: its ts). */
  send(workspace: WorkspaceDoc, recipient: Recipient, message: JobMessage, options?: SendOptions): Promise<SentMessage>;
  /**
   * Optional: a sender for the sends of one pass to these recipients, with whatever each send
   * would look up per message (Teams: the conversation references) read at once, in one query.
   */
  prepare?(workspace: WorkspaceDoc, recipients: readonly Recipient[]): Promise<JobSender>;
}

/**
 * The senders of one pass: each platform's prepared for its recipients. A sender whose preparation
 * fails is used as it is (it then looks up per message), so a failed lookup delays nothing.
 */
export async function prepareSenders(
  senders: ReadonlyMap<Platform, JobSender>,
  workspace: WorkspaceDoc,
  recipients: readonly Recipient[],
  log: Logger,
): Promise<ReadonlyMap<Platform, JobSender>> {
  const prepared = new Map(senders);
  for (const [platform, sender] of senders) {
    const mine = recipients.filter((r) => r.platform === platform);
    if (mine.length === 0 || !sender.prepare) continue;
    try {
      prepared.set(platform, await sender.prepare(workspace, mine));
    } catch (err) {
      log.warn({ platform, err: err instanceof Error ? err.message : String(err) }, 'could not look up the recipients at once; looking up per message');
    }
  }
  return prepared;
}
