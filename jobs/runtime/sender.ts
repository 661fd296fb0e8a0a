// What the delivery engine needs of a platform: post one job message to one recipient.
import type { Platform } from '../../core/domain';
import type { WorkspaceDoc } from '../../models';
import type { JobMessage, Recipient } from '../types';

/** What a sender reports back for a posted message. */
export interface SentMessage {
  /** The platform's id of the message (Bot Framework activity id, Slack `ts`). */
  messageId?: string;
}

/**
 * Posts one planned message for one platform. A sender renders the message itself
 * (renderJobMessageForTeams / renderJobMessageForSlack) and throws on failure: a DeliveryError when
 * it knows what went wrong, else the client's own error, which toDeliveryError classifies (HTTP
 * status, Retry-After, Slack Web API error codes). It never retries: the engine does, within limits.
 */
export interface JobSender {
  readonly platform: Platform;
  send(workspace: WorkspaceDoc, recipient: Recipient, message: JobMessage): Promise<SentMessage>;
}
