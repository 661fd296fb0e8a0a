// Posts job messages (digests, reminders, nudges) proactively through Bot Framework, to the
// conversation references the bot stored when people and channels talked to it.
import { TurnContext, type Activity, type CloudAdapter, type ConversationReference } from 'botbuilder';
import { renderJobMessageForTeams } from '../../cards/jobs';
import type { Platform } from '../../core/domain';
import { getConversationRef, listConversationRefs } from '../../core/services';
import { DeliveryError } from '../../jobs/runtime/delivery-error';
import type { JobSender, SentMessage } from '../../jobs/runtime/sender';
import type { JobMessage, Recipient } from '../../jobs/types';
import type { ConversationRefDoc, WorkspaceDoc } from '../../models';

/** What we use of the Bot Connector client CloudAdapter puts in the turn state. */
interface ConnectorClientLike {
  conversations: { sendToConversation(conversationId: string, activity: Activity): Promise<{ id?: string }> };
}

export interface TeamsJobSenderOptions {
  adapter: CloudAdapter;
  /** MicrosoftAppId; empty in local mode. */
  appId: string;
  /** 'teams', or 'local' for the emulator / local chat workspace (same Bot Framework protocol). */
  platform?: Extract<Platform, 'teams' | 'local'>;
  /** The card for a message; renderJobMessageForTeams unless a test swaps it. */
  render?: (message: JobMessage) => Partial<Activity>;
}

export class TeamsJobSender implements JobSender {
  readonly platform: Platform;

  constructor(private readonly options: TeamsJobSenderOptions) {
    this.platform = options.platform ?? 'teams';
  }

  async send(workspace: WorkspaceDoc, recipient: Recipient, message: JobMessage): Promise<SentMessage> {
    const stored = await this.conversationOf(workspace, recipient);
    if (stored === null) {
      const why = recipient.kind === 'user' ? 'no conversation with this person yet' : 'the bot has not been added to this channel yet';
      throw new DeliveryError('no_conversation', why);
    }
    const reference = proactiveReference(stored);
    const render = this.options.render ?? renderJobMessageForTeams;
    const activity = TurnContext.applyConversationReference({ type: 'message', ...render(message) }, reference) as Activity;
    let messageId: string | undefined;
    let failure: unknown;
    await this.options.adapter.continueConversationAsync(this.options.appId, reference, async (context) => {
      // sendToConversation, not context.sendActivity: that would make it a reply to the continuation event.
      const client = context.turnState.get<ConnectorClientLike>(context.adapter.ConnectorClientKey);
      try {
        messageId = (await client.conversations.sendToConversation(activity.conversation.id, activity)).id;
      } catch (err) {
        failure = err; // kept from the adapter's onTurnError, which would swallow it and apologise in the chat
      }
    });
    if (failure !== undefined) throw failure;
    return { messageId };
  }

  /** A person's personal chat with the bot, or the channel's stored conversation. */
  private async conversationOf(workspace: WorkspaceDoc, recipient: Recipient): Promise<ConversationRefDoc | null> {
    if (recipient.kind === 'user') {
      const [personal] = await listConversationRefs(workspace._id, { platform: this.platform, kind: 'personal', userId: recipient.userId });
      return personal ?? null;
    }
    if (recipient.conversationRefId) {
      const byId = await getConversationRef(workspace._id, recipient.conversationRefId);
      if (byId) return byId;
    }
    const [channel] = await listConversationRefs(workspace._id, { platform: this.platform, channelId: recipient.channelId });
    return channel ?? null;
  }
}

/**
 * A new message rather than a reply: without the activity id it was stored with, and in a team
 * channel without the `;messageid=` of the thread it was typed in (a digest opens its own post).
 */
function proactiveReference(stored: ConversationRefDoc): Partial<ConversationReference> {
  const reference = { ...(stored.reference as Partial<ConversationReference>) };
  delete reference.activityId;
  if (stored.kind !== 'channel' || !reference.conversation) return reference;
  return { ...reference, conversation: { ...reference.conversation, id: reference.conversation.id.split(';messageid=')[0] } };
}
