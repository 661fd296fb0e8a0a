// A new message in a stored Bot Framework conversation, outside any turn of it: reminders, digests, file offers.
import { TurnContext, type Activity, type CloudAdapter, type ConversationReference } from 'botbuilder';

/** What we use of the Bot Connector client CloudAdapter puts in the turn state. */
interface ConnectorClientLike {
  conversations: { sendToConversation(conversationId: string, activity: Activity): Promise<{ id?: string }> };
}

/**
 * Posts `message` as a new message in `reference`'s conversation (sendToConversation: context.sendActivity
 * would make it a reply to the continuation event). Throws the connector's error, kept from the
 * adapter's onTurnError, which would swallow it and apologise in the chat.
 */
export async function sendProactive(
  adapter: CloudAdapter,
  appId: string,
  reference: Partial<ConversationReference>,
  message: Partial<Activity>,
): Promise<{ id?: string }> {
  let sent: { id?: string } = {};
  let failure: unknown;
  await adapter.continueConversationAsync(appId, reference, async (context) => {
    try {
      sent = await postIn(context, reference, message);
    } catch (err) {
      failure = err ?? new Error('send failed');
    }
  });
  if (failure !== undefined) throw failure;
  return sent;
}

/** The same inside a proactive turn the caller already has (a conversation it just created). */
export function postIn(context: TurnContext, reference: Partial<ConversationReference>, message: Partial<Activity>): Promise<{ id?: string }> {
  const client = context.turnState.get<ConnectorClientLike>(context.adapter.ConnectorClientKey);
  const activity = TurnContext.applyConversationReference({ type: 'message', ...message }, reference) as Activity;
  return client.conversations.sendToConversation(activity.conversation.id, activity);
}
