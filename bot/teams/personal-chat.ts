// Proactive messages to one person's personal chat with the bot: the stored conversation, or a new
// one opened with createConversation in their tenant (and remembered for next time, and for reminders).
import type { Activity, CloudAdapter, ConversationParameters, ConversationReference, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { listConversationRefs, saveConversationRef } from '../../core/services';
import { postIn, sendProactive } from './proactive';
import { workspaceOf } from './turn';

export interface PersonalChatTarget {
  /** MicrosoftAppId; empty in local mode. */
  appId: string;
  workspaceId: string;
  /** The person, who is the sender of the turn's activity. */
  userId: string;
  logger: Logger;
}

/** Sends `message` to the turn's sender in their personal chat; false when no chat could be reached or opened. */
export async function sendToPersonalChat(context: TurnContext, target: PersonalChatTarget, message: Partial<Activity>): Promise<boolean> {
  const [stored] = await listConversationRefs(target.workspaceId, { platform: 'teams', kind: 'personal', userId: target.userId });
  if (stored) {
    try {
      await sendProactive(context.adapter as CloudAdapter, target.appId, withoutActivityId(stored.reference), message);
      return true;
    } catch (err) {
      target.logger.info({ err: (err as Error).message }, 'the stored personal chat did not take the message; opening a new one');
    }
  }
  try {
    await openPersonalChat(context, target, message);
    return true;
  } catch (err) {
    target.logger.warn({ err: (err as Error).message }, 'could not open a personal chat');
    return false;
  }
}

async function openPersonalChat(context: TurnContext, target: PersonalChatTarget, message: Partial<Activity>): Promise<void> {
  const { activity } = context;
  const tenantId = workspaceOf(activity).externalId;
  const user = { id: activity.from.id, name: activity.from.name };
  const parameters = { isGroup: false, bot: activity.recipient, members: [user], tenantId, channelData: { tenant: { id: tenantId } } } as ConversationParameters;
  let failure: unknown;
  // No audience: the connector's default scope, as for every other send.
  const audience = undefined as unknown as string;
  await (context.adapter as CloudAdapter).createConversationAsync(target.appId, activity.channelId, activity.serviceUrl, audience, parameters, async (created) => {
    const conversationId = created.activity.conversation.id;
    const reference: Partial<ConversationReference> = {
      channelId: activity.channelId,
      serviceUrl: activity.serviceUrl,
      bot: activity.recipient,
      user,
      conversation: { id: conversationId, conversationType: 'personal', tenantId, isGroup: false, name: '' },
    };
    try {
      await postIn(created, reference, message);
    } catch (err) {
      failure = err ?? new Error('send failed');
      return;
    }
    await saveConversationRef(target.workspaceId, {
      platform: 'teams', kind: 'personal', conversationId, userId: user.id, channelId: null,
      reference: JSON.parse(JSON.stringify(reference)) as Record<string, unknown>, serviceUrl: activity.serviceUrl,
    }).catch((err: Error) => target.logger.warn({ err: err.message }, 'could not remember the new personal chat'));
  });
  if (failure !== undefined) throw failure;
}

function withoutActivityId(stored: Record<string, unknown>): Partial<ConversationReference> {
  const { activityId: _activityId, ...reference } = stored as Partial<ConversationReference>;
  return reference;
}
