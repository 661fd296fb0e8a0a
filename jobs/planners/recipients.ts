// Who a planned message goes to, and the part of a delivery key that names them.
import type { ExecChannel } from '../../core/services/job-data.service';
import type { JobWorkspace, Recipient } from '../types';

/** A person's DM, on the workspace's platform. */
export function userRecipient(workspace: JobWorkspace, userId: string, names: ReadonlyMap<string, string>): Recipient {
  const displayName = names.get(userId);
  return { kind: 'user', platform: workspace.platform, userId, ...(displayName && displayName !== userId ? { displayName } : {}) };
}

export function channelRecipient(channel: ExecChannel): Recipient {
  return {
    kind: 'channel',
    platform: channel.platform,
    channelId: channel.channelId,
    conversationRefId: channel.conversationRefId ? String(channel.conversationRefId) : null,
  };
}

/** `user:U123` or `channel:19:abc`: stable, so a resumed run knows whom it already reached. */
export function recipientKey(recipient: Recipient): string {
  return recipient.kind === 'user' ? `user:${recipient.userId}` : `channel:${recipient.channelId}`;
}

/** Each channel once, in the order given (a channel linked twice still gets one digest). */
export function distinctRecipients(recipients: readonly Recipient[]): Recipient[] {
  const seen = new Set<string>();
  return recipients.filter((r) => !seen.has(recipientKey(r)) && seen.add(recipientKey(r)));
}
