// "Log in PMO register" on a Slack message: a first modal prefilled from the message (kind, title,
// description), whose submit starts that kind's own guided form (bot/slack/inbound.ts) in the same
// modal, saved by the same runner with the message as the item's source.
import { DateTime } from 'luxon';
import type { Logger } from 'pino';
import { KIND_LABEL } from '../../cards/style';
import { checkModal, escapeMrkdwn, type Block, type SlackModalView } from '../../cards/blocks';
import { ITEM_KINDS } from '../../core/domain';
import { projectForChannel } from '../../core/services';
import type { WorkspaceDoc } from '../../models';
import type { SlackApi } from './api';
import { slackErrorOf } from './delivery';
import type { SlackDirectory } from './directory';
import { KIND_INPUT, LOG_MESSAGE_MODAL_ID } from './inbound';
import { mentionedUserIds, plainFromSlack } from './slack-text';
import { encodeMetadata, placeOf, type ShortcutMessage, type SlackTurn } from './slack-turn';

/** A title takes 200 characters (core/registers/fields.ts TITLE). */
const TITLE_MAX = 200;
/** A description takes 4,000, a Slack text input 3,000: the input's limit wins. */
const DESCRIPTION_MAX = 3_000;

const plain = (text: string) => ({ type: 'plain_text' as const, text });

/** At most `max` characters (never a split surrogate pair), marked with '…' when cut. */
function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}

/** What the first modal is prefilled with, worked out from the message and the channel. */
export interface MessagePrefill {
  title: string;
  description: string;
  /** The project the channel is linked to, if any. */
  project?: string;
  /** The message's permalink ('' when Slack gave none) and its author. */
  origin: { url: string; authorName: string };
}

export interface ShortcutDeps {
  api: SlackApi;
  directory: SlackDirectory;
  workspace: WorkspaceDoc;
  logger?: Logger;
}

/** The message's permalink, or '' when Slack will not give one (never a reason not to log the item). */
async function permalinkOf(api: SlackApi, channel: string, ts: string, logger?: Logger): Promise<string> {
  try {
    const res = await api.call<{ ok: boolean; permalink?: unknown }>('chat.getPermalink', { channel, message_ts: ts });
    return typeof res.permalink === 'string' ? res.permalink : '';
  } catch (err) {
    logger?.info({ error: slackErrorOf(err) ?? (err as Error).message }, 'no permalink for the message; the item is logged without a link');
    return '';
  }
}

/** The message as plain text, people @named by their display names. */
async function messageText(message: ShortcutMessage, turn: SlackTurn, deps: ShortcutDeps): Promise<string> {
  const names = await deps.directory.names(deps.api, turn.teamId, mentionedUserIds(message.text));
  const named = message.text.replace(/<@([UW][A-Z0-9]+)(?:\|([^>]*))?>/g, (_m, id: string, label?: string) => `@${names.get(id) || label || id}`);
  return plainFromSlack(named);
}

/** Title from the message's first line, description from all of it with its author and time, project from the channel. */
export async function prefillFrom(turn: SlackTurn, deps: ShortcutDeps): Promise<MessagePrefill> {
  const message = turn.message ?? { ts: '0', text: '' };
  const [author, project, url, text] = await Promise.all([
    message.userId ? deps.directory.person(deps.api, turn.teamId, message.userId).then((p) => p.displayName) : Promise.resolve(''),
    projectForChannel(deps.workspace._id, turn.channel),
    permalinkOf(deps.api, turn.channel, message.ts, deps.logger),
    messageText(message, turn, deps),
  ]);
  const authorName = clip(author || message.username || 'someone', 100);
  const when = DateTime.fromSeconds(Number(message.ts) || 0, { zone: deps.workspace.timeZone }).toFormat('d LLL yyyy HH:mm');
  const firstLine = text.split('\n').map((line) => line.trim()).find((line) => line !== '') ?? '';
  return {
    title: clip(firstLine, TITLE_MAX),
    description: clip(`From ${authorName}, ${when}: ${text}`, DESCRIPTION_MAX),
    ...(project ? { project: project.key } : {}),
    origin: { url, authorName },
  };
}

/** The first modal: which register, the title and the description, prefilled; the project and the message said under them. */
export function logMessageModal(turn: SlackTurn, prefill: MessagePrefill): SlackModalView {
  const options = ITEM_KINDS.map((kind) => ({ text: plain(KIND_LABEL[kind]), value: kind }));
  const about = [
    prefill.project ? `Project: *${escapeMrkdwn(prefill.project)}* (this channel's)` : 'The next step asks for the project.',
    `From a message by ${escapeMrkdwn(prefill.origin.authorName)}`,
  ];
  const blocks: Block[] = [
    {
      type: 'input', block_id: KIND_INPUT, label: plain('Log it as'),
      element: { type: 'static_select', action_id: KIND_INPUT, options, initial_option: options[0] },
    },
    {
      type: 'input', block_id: 'title', label: plain('Title'),
      element: { type: 'plain_text_input', action_id: 'title', max_length: TITLE_MAX, ...(prefill.title ? { initial_value: prefill.title } : {}) },
    },
    {
      type: 'input', block_id: 'description', label: plain('Description'), optional: true,
      element: { type: 'plain_text_input', action_id: 'description', multiline: true, max_length: DESCRIPTION_MAX, ...(prefill.description ? { initial_value: prefill.description } : {}) },
    },
    { type: 'context', elements: about.map((text) => ({ type: 'mrkdwn', text })) },
  ];
  const metadata = encodeMetadata({ data: prefill.project ? { project: prefill.project } : {}, at: { ...placeOf(turn), origin: prefill.origin } });
  return {
    type: 'modal',
    callback_id: LOG_MESSAGE_MODAL_ID,
    private_metadata: metadata,
    title: plain('Log in PMO register'),
    submit: plain('Next'),
    close: plain('Cancel'),
    blocks,
  };
}

/**
 * The shortcut's turn: the first modal opened with the shortcut's trigger (3 seconds), or, past
 * it, a line to the user alone saying to try again.
 */
export async function openLogMessageModal(turn: SlackTurn, deps: ShortcutDeps): Promise<void> {
  const view = logMessageModal(turn, await prefillFrom(turn, deps));
  const problems = checkModal(view);
  if (problems.length > 0) deps.logger?.warn({ problems: problems.slice(0, 5) }, 'Block Kit modal over its limits');
  try {
    await deps.api.call('views.open', { trigger_id: turn.triggerId, view });
  } catch (err) {
    deps.logger?.info({ error: slackErrorOf(err) ?? (err as Error).message }, 'could not open the Log in PMO register modal');
    if (turn.responseUrl) {
      await deps.api.respond(turn.responseUrl, { response_type: 'ephemeral', replace_original: false, text: 'Slack did not let me open the form in time. Please use "Log in PMO register" on the message again.' });
    }
  }
}
