// Teams' message action "Log in PMO register" (composeExtension/fetchTask, composeExtension/submitAction):
// the task module is the kind's log form prefilled from the message; once saved, a note goes in the message's thread.
import {
  CardFactory, TurnContext, type ConversationReference, type MessageActionsPayload, type MessagingExtensionAction, type MessagingExtensionActionResponse,
} from 'botbuilder';
import type { Logger } from 'pino';
import { formCard } from '../../cards';
import { loggedMessageCard } from '../../cards/logged-message.card';
import { nounsOf } from '../../core/registers';
import { projectForChannel, type ItemSource } from '../../core/services';
import type { FormView } from '../../core/view-models';
import { CARD_VERBS, ownValue } from '../../cards/verbs';
import {
  isCaptureKind, openCapture, submitCapture, type CapturedMessage, type CaptureKind, type CaptureTurn,
} from '../../dialogs/message-capture';
import { postIn } from './proactive';

/** The manifest's composeExtensions command id. */
export const LOG_IN_REGISTER_COMMAND = 'logInRegister';
const TASK_TITLE = 'Log in PMO register';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,6});/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/**
 * A Teams message body (HTML: `<p>`, `<div>`, `<br>`, `<at>Dana</at>`…) as plain text, one line per
 * paragraph or break; markup goes, what it wraps stays.
 */
export function htmlToText(html: string): string {
  const text = html
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|h[1-6]|blockquote|tr|pre)\s*>/gi, '\n')
    .replace(/<[^>]*>/g, '');
  return decodeEntities(text)
    .replace(/\u00a0/g, ' ')
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const isWebUrl = (url: unknown): url is string => {
  if (typeof url !== 'string' || url.length > 2000) return false;
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
};

const asString = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The message the action was used on, in plain text, with its author, time and permalink. */
export function capturedMessage(payload: Partial<MessageActionsPayload> | undefined): CapturedMessage {
  const body = payload?.body;
  const content = asString(body?.content);
  const text = body?.contentType === 'text' ? content.replace(/\r\n?/g, '\n').trim() : htmlToText(content);
  const from = payload?.from;
  const authorName = asString(from?.user?.displayName) || asString(from?.application?.displayName);
  const created = asString(payload?.createdDateTime);
  const createdAt = created ? new Date(created) : undefined;
  return {
    text,
    authorName,
    ...(createdAt && !Number.isNaN(createdAt.getTime()) ? { createdAt } : {}),
    ...(isWebUrl(payload?.linkToMessage) ? { url: payload.linkToMessage } : {}),
  };
}

/** The task module showing `form`. */
function continueWith(form: FormView): MessagingExtensionActionResponse {
  return { task: { type: 'continue', value: { title: TASK_TITLE, card: CardFactory.adaptiveCard(formCard(form)) } } };
}

/** A plain message in the task module (an invoke we cannot serve). */
const messageTask = (text: string): MessagingExtensionActionResponse => ({ task: { type: 'message', value: text } });

const NOT_OURS = 'This app has no such message action.';

/** fetchTask: the risk form (the kind can be changed on it), prefilled from the message and the channel's linked project. */
export async function fetchCaptureTask(action: MessagingExtensionAction, turn: CaptureTurn): Promise<MessagingExtensionActionResponse> {
  if (action.commandId !== LOG_IN_REGISTER_COMMAND) return messageTask(NOT_OURS);
  const message = capturedMessage(action.messagePayload);
  const linked = turn.run.channelId ? await projectForChannel(turn.run.workspaceId, turn.run.channelId) : null;
  return continueWith(await openCapture('risk', message, turn, linked?.key));
}

/**
 * Where the note about a saved message goes: the message's thread in a channel (its conversation
 * id with `;messageid=<the thread's root>`), else the chat itself.
 */
export function threadOf(conversationId: string, payload: Partial<MessageActionsPayload> | undefined, isChannel: boolean): string {
  const base = conversationId.split(';messageid=')[0];
  const root = asString(payload?.replyToId) || asString(payload?.id);
  return isChannel && root ? `${base};messageid=${root}` : base;
}

/** How long submitAction waits for the thread note before closing the task module. */
const NOTE_WAIT_MS = 1_500;

export interface SubmitDeps {
  logger: Logger;
}

/**
 * submitAction: the form checked and saved through the runner (the message as the item's source).
 * Wrong or refused → the form again, saying why; saved → the task module closes and a note with the
 * key and a link back goes in the message's thread.
 */
export async function submitCaptureTask(
  context: TurnContext,
  action: MessagingExtensionAction,
  turn: CaptureTurn,
  deps: SubmitDeps,
): Promise<MessagingExtensionActionResponse> {
  if (action.commandId !== LOG_IN_REGISTER_COMMAND) return messageTask(NOT_OURS);
  const data: Record<string, unknown> = typeof action.data === 'object' && action.data !== null && !Array.isArray(action.data) ? (action.data as Record<string, unknown>) : {};
  if (ownValue(data, 'verb') === CARD_VERBS.cancel) return {};
  const shown = ownValue(data, 'command');
  const kind: CaptureKind = isCaptureKind(shown) ? shown : 'risk';
  const message = capturedMessage(action.messagePayload);
  // Without a link the item still says it was logged from a message, and by whom (as on Slack).
  const source: ItemSource = { url: message.url ?? '', authorName: message.authorName || 'someone' };
  const outcome = await submitCapture(kind, data, turn, source);
  if ('form' in outcome) return continueWith(outcome.form);
  const reply = outcome.saved;
  if (reply.type !== 'saved') return {};
  const { item } = reply.view;
  const card = loggedMessageCard({
    key: item.key, title: item.title, noun: nounsOf(item.kind).singular, by: turn.run.actor.displayName, url: item.sourceUrl ?? message.url,
  });
  const { activity } = context;
  const { activityId: _activityId, ...reference } = TurnContext.getConversationReference(activity) as ConversationReference;
  const conversationId = threadOf(activity.conversation.id, action.messagePayload, activity.conversation.conversationType === 'channel');
  const note = postIn(context, { ...reference, conversation: { ...reference.conversation, id: conversationId } }, {
    text: `Logged ${item.key} ${item.title}`, attachments: [CardFactory.adaptiveCard(card)],
  }).then(
    () => undefined,
    // Saved all the same: the note is a courtesy, and the invoke must still close the task module.
    (err: Error) => deps.logger.warn({ err: err.message, key: item.key }, 'could not post the logged-message note in its thread'),
  );
  // Teams gives an invoke five seconds: a slow note goes on after the task module has closed.
  await Promise.race([note, new Promise<void>((resolve) => setTimeout(resolve, NOTE_WAIT_MS).unref())]);
  return {};
}

