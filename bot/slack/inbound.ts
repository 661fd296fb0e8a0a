// Slack payloads → the botbuilder activity the shared dialogs read, plus the Slack facts of the turn.
import type { Activity } from 'botbuilder';
import type { BlockAction, MessageShortcut, SlashCommand, ViewClosedAction, ViewSubmitAction } from '@slack/bolt';
import { CARD_VERBS } from '../../cards/verbs';
import { nounsOf } from '../../core/registers';
import { KIND_INPUT } from '../../dialogs/message-capture';
import { actionData, formValuesFromState, isListPageData } from '../../cards/blocks';
import { plainFromSlack, stripBotMention } from './slack-text';
import {
  channelTypeOf, conversationIdOf, decodeMetadata, placeOf, type ModalMetadata, type SlackChannelType, type SlackPlace, type SlackSource, type SlackTurn,
} from './slack-turn';

/** One request from Slack, ready to run: the activity, its Slack turn, and the key that dedupes it. */
export interface Inbound {
  key: string;
  activity: Partial<Activity>;
  turn: SlackTurn;
}

/** The parts of an Events API envelope we read. */
export interface EventEnvelope {
  team_id?: string;
  enterprise_id?: string;
  event_id?: string;
  authorizations?: { user_id?: string; is_bot?: boolean }[];
}

export interface MessageEventLike {
  type: string;
  subtype?: string;
  bot_id?: string;
  user?: string;
  text?: string;
  ts: string;
  thread_ts?: string;
  channel: string;
  channel_type?: string;
  team?: string;
}

type StateValues = NonNullable<BlockAction['state']>['values'];

const CONVERSATION_TYPE: Record<SlackChannelType, string> = { im: 'personal', mpim: 'groupChat', channel: 'channel', group: 'channel' };

function activityFor(turn: SlackTurn, id: string, text: string, value?: Record<string, unknown>): Partial<Activity> {
  return {
    type: 'message',
    channelId: 'slack',
    id,
    timestamp: new Date(),
    text,
    ...(value ? { value } : {}),
    from: { id: turn.userId, name: '' },
    recipient: { id: 'pmo-assistant', name: 'PMO Assistant' },
    conversation: {
      id: conversationIdOf(turn),
      conversationType: CONVERSATION_TYPE[turn.channelType],
      isGroup: turn.channelType !== 'im',
      tenantId: turn.teamId,
      name: '',
    },
    channelData: { team_id: turn.teamId, slack: turn },
  };
}

/** `/pmo risk …`; a bare `/pmo` asks for help, as Slack users expect. */
export function fromCommand(body: SlashCommand): Inbound {
  const turn: SlackTurn = {
    source: 'command',
    teamId: body.team_id,
    ...(body.enterprise_id ? { enterpriseId: body.enterprise_id } : {}),
    userId: body.user_id,
    channel: body.channel_id,
    channelType: channelTypeOf(body.channel_id, body.channel_name),
    triggerId: body.trigger_id,
    responseUrl: body.response_url,
  };
  const text = plainFromSlack(body.text ?? '') || 'help';
  return { key: `command:${body.trigger_id}`, turn, activity: activityFor(turn, body.trigger_id, text) };
}

/** A DM to the bot or an @mention of it; other messages (edits, bots, the bot itself) are not turns. */
export function fromMessage(envelope: EventEnvelope, event: MessageEventLike, source: Extract<SlackSource, 'message' | 'mention'>): Inbound | null {
  if (event.subtype !== undefined || event.bot_id !== undefined || !event.user) return null;
  if (typeof event.channel !== 'string' || (event.text !== undefined && typeof event.text !== 'string')) return null;
  const teamId = envelope.team_id ?? event.team;
  if (!teamId) return null;
  const botUserId = envelope.authorizations?.find((a) => a.is_bot)?.user_id;
  const turn: SlackTurn = {
    source,
    teamId,
    ...(envelope.enterprise_id ? { enterpriseId: envelope.enterprise_id } : {}),
    userId: event.user,
    channel: event.channel,
    channelType: channelTypeOf(event.channel, event.channel_type),
    // A mention is answered in its thread (a new one under the mention), so the dialog lives there.
    ...(source === 'mention' ? { threadTs: event.thread_ts ?? event.ts } : event.thread_ts ? { threadTs: event.thread_ts } : {}),
  };
  // A mention's text leads with the bot's mention; a DM may address it too ("@PMO help").
  const raw = source === 'mention' || botUserId ? stripBotMention(event.text ?? '', botUserId) : (event.text ?? '');
  return { key: `event:${envelope.event_id ?? `${event.channel}:${event.ts}`}`, turn, activity: activityFor(turn, event.ts, plainFromSlack(raw)) };
}

/** Where a button was: a modal of ours (its metadata), the Home tab (the user's DM), or a message. */
function placeOfAction(body: BlockAction): { place: SlackPlace; view?: { id: string; title: string }; ephemeral?: boolean } | null {
  if (body.view) {
    const view = { id: body.view.id, title: body.view.title?.text ?? '' };
    if (body.view.type === 'home') return { place: { channel: body.user.id, channelType: 'im' } };
    const meta = decodeMetadata(body.view.private_metadata);
    return meta ? { place: meta.at, view } : null;
  }
  const container = body.container as { channel_id?: string; thread_ts?: string; message_ts?: string; is_ephemeral?: boolean };
  const channel = container.channel_id ?? body.channel?.id;
  if (!channel) return null;
  const threadTs = body.message?.thread_ts ?? container.thread_ts;
  const inThread = threadTs !== undefined && threadTs !== (body.message?.ts ?? container.message_ts);
  return {
    place: {
      channel,
      channelType: channelTypeOf(channel, body.channel?.name),
      ...(inThread ? { threadTs } : {}),
      responseUrl: body.response_url,
    },
    ephemeral: container.is_ephemeral === true,
  };
}

/** The interactivity payloads we take (button, modal submitted, modal closed) name the actor the same way. */
interface Interaction {
  team: { id: string; enterprise_id?: string } | null;
  user: { id: string; team_id?: string };
}

/** Who acted and in which team (and Enterprise Grid); a modal's own team is the last resort. */
function actorOf(body: Interaction, viewTeamId?: string): Pick<SlackTurn, 'teamId' | 'enterpriseId' | 'userId'> | null {
  const teamId = body.team?.id ?? body.user.team_id ?? viewTeamId;
  if (!teamId) return null;
  return { teamId, ...(body.team?.enterprise_id ? { enterpriseId: body.team.enterprise_id } : {}), userId: body.user.id };
}

/** A button of ours: its card data merged with the inputs around it, exactly what Teams sends for Action.Submit. */
export function fromBlockActions(body: BlockAction): Inbound | null {
  const capture = fromCaptureKindPicked(body);
  if (capture !== undefined) return capture;
  const action = body.actions[0] as { action_id: string; value?: string; action_ts?: string } | undefined;
  const data = action ? actionData(action) : undefined;
  const where = placeOfAction(body);
  const actor = actorOf(body);
  if (!data || !where || !actor) return null;
  const turn: SlackTurn = {
    source: 'action',
    ...actor,
    ...placeOf(where.place),
    triggerId: body.trigger_id,
    ...(where.view ? { viewId: where.view.id, viewTitle: where.view.title } : {}),
    ...(where.ephemeral ? { ephemeral: true } : {}),
  };
  const id = action?.action_ts ?? body.trigger_id;
  if (isListPageData(data)) {
    turn.page = { page: data.page, pageSize: data.pageSize };
    return { key: `action:${body.trigger_id}`, turn, activity: activityFor(turn, id, data.command ?? `list ${nounsOf(data.kind).listWord}`) };
  }
  const values: StateValues = body.view?.state?.values ?? body.state?.values ?? {};
  return { key: `action:${body.trigger_id}`, turn, activity: activityFor(turn, id, '', { ...data, ...formValuesFromState(values) }) };
}

/** The callback id of the "Log in PMO register" message shortcut (manifest/slack-manifest.yml). */
export const LOG_MESSAGE_CALLBACK_ID = 'pmo.log_message';
/** The shortcut's modal: the kind's whole form, its "Log it as" select switching kinds in place. */
export const LOG_MESSAGE_MODAL_ID = 'pmo.log_message.kind';
/** More of a message than a register item can hold is not kept (a description takes 4,000). */
const SHORTCUT_TEXT_MAX = 4_000;

/** The kind the shortcut's modal shows (its private_metadata, bot/slack/shortcut.ts), or undefined for any other view. */
function captureKindOf(view: { callback_id?: string; private_metadata?: string } | undefined): { kind: string; meta: ModalMetadata } | undefined {
  if (view?.callback_id !== LOG_MESSAGE_MODAL_ID) return undefined;
  const meta = decodeMetadata(view.private_metadata);
  const kind = meta?.data?.capture;
  return meta && typeof kind === 'string' ? { kind, meta } : undefined;
}

/**
 * The shortcut modal's "Log it as" select changed (it dispatches block_actions): a turn that
 * switches the modal to that kind's form, keeping what the inputs hold. null: a select of that
 * modal we cannot read; undefined: not that select at all.
 */
function fromCaptureKindPicked(body: BlockAction): Inbound | null | undefined {
  const action = body.actions[0] as { action_id?: string; type?: string; action_ts?: string; selected_option?: { value?: unknown } } | undefined;
  if (action?.action_id !== KIND_INPUT || action.type !== 'static_select') return undefined;
  const capture = captureKindOf(body.view);
  const actor = actorOf(body);
  const picked = action.selected_option?.value;
  if (!capture || !actor || !body.view || typeof picked !== 'string') return null;
  const turn: SlackTurn = {
    source: 'action',
    ...actor,
    ...placeOf(capture.meta.at),
    viewId: body.view.id,
    viewTitle: body.view.title?.text ?? '',
    ...(typeof body.view.hash === 'string' ? { viewHash: body.view.hash } : {}),
    capture: { kind: capture.kind },
  };
  const values = { ...formValuesFromState(body.view.state?.values ?? {}), [KIND_INPUT]: picked };
  const id = action.action_ts ?? body.trigger_id;
  return { key: `capture:${body.view.id}:${id}`, turn, activity: activityFor(turn, id, '', values) };
}

/** "Log in PMO register" on a message: the dialog lives in the message's thread, so the confirmation goes there. */
export function fromMessageShortcut(body: MessageShortcut): Inbound | null {
  const actor = actorOf(body);
  if (!actor || typeof body.channel?.id !== 'string' || typeof body.message?.ts !== 'string') return null;
  const { message } = body;
  const text = typeof message.text === 'string' ? message.text.slice(0, SHORTCUT_TEXT_MAX) : '';
  const username = typeof message.username === 'string' ? message.username.slice(0, 100) : undefined;
  const turn: SlackTurn = {
    source: 'shortcut',
    ...actor,
    channel: body.channel.id,
    channelType: channelTypeOf(body.channel.id, body.channel.name),
    // A reply in a thread is answered in that thread; any other message gets a thread of its own.
    threadTs: typeof message.thread_ts === 'string' ? message.thread_ts : message.ts,
    triggerId: body.trigger_id,
    responseUrl: body.response_url,
    message: { ts: message.ts, text, ...(typeof message.user === 'string' ? { userId: message.user } : {}), ...(username ? { username } : {}) },
  };
  return { key: `shortcut:${body.trigger_id}`, turn, activity: activityFor(turn, body.trigger_id, '') };
}

/** A modal of ours submitted: the submit's data from private_metadata merged with the inputs. */
export function fromViewSubmission(body: ViewSubmitAction): Inbound | null {
  const meta = decodeMetadata(body.view.private_metadata);
  const actor = actorOf(body, body.view.team_id);
  if (!meta || !actor) return null;
  const capture = captureKindOf(body.view);
  const turn: SlackTurn = {
    source: 'view',
    ...actor,
    ...placeOf(meta.at),
    triggerId: body.trigger_id,
    viewId: body.view.id,
    viewTitle: body.view.title?.text ?? '',
    // The shortcut's modal: its Save is the capture's, not a dialog's (bot/slack/shortcut.ts).
    ...(capture ? { capture: { kind: capture.kind } } : {}),
  };
  const values = formValuesFromState(body.view.state?.values ?? {});
  const value: Record<string, unknown> = capture ? values : { ...(meta.data ?? {}), ...values };
  return { key: `view:${body.trigger_id}`, turn, activity: activityFor(turn, body.view.id, '', value) };
}

/** A form or confirmation modal closed with its X or Cancel: the dialog behind it is cancelled, quietly. */
export function fromViewClosed(body: ViewClosedAction): Inbound | null {
  const meta = decodeMetadata(body.view.private_metadata);
  const actor = actorOf(body, body.view.team_id);
  const command = meta?.data?.command;
  if (!meta || !actor || typeof command !== 'string') return null;
  const turn: SlackTurn = {
    source: 'closed',
    ...actor,
    ...placeOf(meta.at),
  };
  const form = typeof meta.data?.form === 'string' ? { form: meta.data.form } : {};
  return { key: `closed:${body.view.id}:${body.view.hash}`, turn, activity: activityFor(turn, body.view.id, '', { verb: CARD_VERBS.cancel, command, ...form }) };
}
