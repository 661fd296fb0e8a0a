// The Slack facts of one turn (who, where, how to answer), carried on the activity and in modals' private_metadata.
import type { ConversationKind } from '../../core/domain';

export type SlackSource = 'command' | 'message' | 'mention' | 'action' | 'view' | 'closed' | 'proactive';
export type SlackChannelType = 'im' | 'mpim' | 'channel' | 'group';

/** Where a reply goes: the Slack channel, its thread, and the response_url a slash command or button gave. */
export interface SlackPlace {
  channel: string;
  channelType: SlackChannelType;
  threadTs?: string;
  responseUrl?: string;
}

export interface SlackTurn extends SlackPlace {
  source: SlackSource;
  teamId: string;
  enterpriseId?: string;
  teamName?: string;
  userId: string;
  /** For views.open: slash commands, buttons and modal submits have one, valid for 3 seconds. */
  triggerId?: string;
  /** The modal the turn came from: its answers go back into it (views.update). */
  viewId?: string;
  viewTitle?: string;
  /** The button was on an ephemeral message: only its response_url reaches it. */
  ephemeral?: boolean;
  /** A list's page asked for by its Next/Previous button. */
  page?: { page: number; pageSize: number };
}

/** Channel ids tell DMs (D…) from the rest when an event does not say. */
export function channelTypeOf(channel: string, hint?: string): SlackChannelType {
  if (hint === 'im' || hint === 'mpim' || hint === 'channel' || hint === 'group') return hint;
  if (hint === 'directmessage' || channel.startsWith('D')) return 'im';
  if (hint === 'mpdm' || hint?.startsWith('mpdm-')) return 'mpim';
  return 'channel';
}

export function conversationKindOf(type: SlackChannelType): ConversationKind {
  if (type === 'im') return 'personal';
  if (type === 'mpim') return 'group';
  return 'channel';
}

/**
 * One dialog per person per thread: `channel:thread:user`. A channel full of people never shares
 * a half-filled form, and an answer in the thread of a question continues that question.
 */
export function conversationIdOf(turn: Pick<SlackTurn, 'channel' | 'threadTs' | 'userId'>): string {
  return `${turn.channel}:${turn.threadTs ?? ''}:${turn.userId}`;
}

export function placeOfConversationId(id: string): Pick<SlackTurn, 'channel' | 'threadTs' | 'userId'> {
  const [channel = '', thread = '', userId = ''] = id.split(':');
  return { channel, threadTs: thread || undefined, userId };
}

/** What a modal carries in private_metadata: the submit's card data and where the conversation lives. */
export interface ModalMetadata {
  data?: Record<string, unknown>;
  at: SlackPlace;
}

export function encodeMetadata(meta: ModalMetadata): string {
  return JSON.stringify(meta);
}

export function decodeMetadata(text: string | undefined): ModalMetadata | undefined {
  if (!text) return undefined;
  try {
    const meta = JSON.parse(text) as ModalMetadata;
    return typeof meta?.at?.channel === 'string' ? meta : undefined;
  } catch {
    return undefined;
  }
}

export const placeOf = (turn: SlackPlace): SlackPlace => ({
  channel: turn.channel,
  channelType: turn.channelType,
  ...(turn.threadTs ? { threadTs: turn.threadTs } : {}),
  ...(turn.responseUrl ? { responseUrl: turn.responseUrl } : {}),
});
