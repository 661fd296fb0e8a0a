// The Slack facts of one turn (who, where, how to answer), carried on the activity and in modals' private_metadata.
import type { ConversationKind } from '../../core/domain';

export type SlackSource = 'command' | 'message' | 'mention' | 'action' | 'view' | 'closed' | 'proactive' | 'shortcut';
export type SlackChannelType = 'im' | 'mpim' | 'channel' | 'group';

/** Where a reply goes: the Slack channel, its thread, and the response_url a slash command or button gave. */
export interface SlackPlace {
  channel: string;
  channelType: SlackChannelType;
  threadTs?: string;
  responseUrl?: string;
  /**
   * The message a "Log in PMO register" shortcut was used on (its permalink, '' when Slack gave
   * none, and its author): carried through the modals so the item saved there remembers it.
   */
  origin?: { url: string; authorName: string };
}

/** The message a shortcut was used on, as the payload gives it. */
export interface ShortcutMessage {
  ts: string;
  text: string;
  /** Its author's user id (none for some bot messages), or the name a bot posted under. */
  userId?: string;
  username?: string;
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
  /** A message shortcut ("Log in PMO register"): the message it was used on. */
  message?: ShortcutMessage;
  /** A turn of that shortcut's modal (its kind picked, or its Save): the kind whose form it showed. */
  capture?: { kind: string };
  /** The modal's hash when the turn came from it unchanged (block_actions): views.update then sends it, so a stale update is refused. */
  viewHash?: string;
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

/** A message's origin as we wrote it into a modal's metadata: two bounded strings, or nothing. */
function originOf(origin: unknown): SlackPlace['origin'] {
  const o = origin as { url?: unknown; authorName?: unknown } | undefined;
  if (typeof o?.url !== 'string' || typeof o.authorName !== 'string' || o.url.length > 2000 || o.authorName.length > 200) return undefined;
  return { url: o.url, authorName: o.authorName };
}

export const placeOf = (turn: SlackPlace): SlackPlace => {
  const origin = originOf(turn.origin);
  return {
    channel: turn.channel,
    channelType: turn.channelType,
    ...(turn.threadTs ? { threadTs: turn.threadTs } : {}),
    ...(turn.responseUrl ? { responseUrl: turn.responseUrl } : {}),
    ...(origin ? { origin } : {}),
  };
};
