// "Log in PMO register" on a Slack message: ONE modal that is already the kind's whole form,
// prefilled from the message by the capture path Teams uses too (dialogs/message-capture.ts).
// Picking another kind switches the form in place; Save runs it through the runner with the
// message as the item's source, and the confirmation goes in the message's thread.
import type { Logger } from 'pino';
import { checkModal, formModal, type Block, type SlackModalView } from '../../cards/blocks';
import { projectForChannel, type ItemSource } from '../../core/services';
import type { FormView } from '../../core/view-models';
import {
  isCaptureKind, KIND_INPUT, openCapture, submitCapture, type CapturedMessage, type CaptureKind, type CaptureOutcome, type CaptureTurn,
} from '../../dialogs/message-capture';
import type { WorkspaceDoc } from '../../models';
import type { SlackApi } from './api';
import { slackErrorOf } from './delivery';
import type { SlackDirectory } from './directory';
import { LOG_MESSAGE_MODAL_ID } from './inbound';
import { textMessage, type SlackReply } from './presenter';
import { mentionedUserIds, plainFromSlack } from './slack-text';
import { encodeMetadata, placeOf, type ShortcutMessage, type SlackPlace, type SlackTurn } from './slack-turn';

/**
 * A Slack text input holds 3,000 characters: the message is cut so that it and its signature
 * ("— Priya Shah, 7 Dec 2026 10:12") fit the description's input whole, as there is no server-side
 * form state to keep a longer one in.
 */
const MESSAGE_MAX = 2_900;

/** What the modal's private_metadata data carries: the kind whose form it shows. */
export const CAPTURE_DATA_KEY = 'capture';

export interface ShortcutDeps {
  api: SlackApi;
  directory: SlackDirectory;
  workspace: WorkspaceDoc;
  logger?: Logger;
}

/**
 * How long the shortcut waits for each look-up (permalink, author, names mentioned) before it opens
 * the form without it: Slack's trigger lasts 3 seconds, and a form that opens beats a complete one.
 */
const LOOKUP_WAIT_MS = 1_200;

/** `lookup`, or `fallback` when it takes longer than LOOKUP_WAIT_MS (it is not cancelled). */
function within<T>(lookup: Promise<T>, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), LOOKUP_WAIT_MS);
    timer.unref();
  });
  return Promise.race([lookup, late]).finally(() => clearTimeout(timer));
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
  // Names not known in time stay as Slack labelled them (or as the user id).
  const names = await within(deps.directory.names(deps.api, turn.teamId, mentionedUserIds(message.text)), new Map<string, string>());
  const named = message.text.replace(/<@([UW][A-Z0-9]+)(?:\|([^>]*))?>/g, (_m, id: string, label?: string) => `@${names.get(id) || label || id}`);
  return plainFromSlack(named);
}

/** At most `max` characters (never a split surrogate pair), marked with '…' when cut. */
function cut(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}

/** The shortcut's message as the capture path reads it (text, author, time, permalink), and the channel's linked project. */
export async function capturedFrom(turn: SlackTurn, deps: ShortcutDeps): Promise<{ message: CapturedMessage; project?: string; origin: ItemSource }> {
  const shortcut = turn.message ?? { ts: '0', text: '' };
  const [author, project, url, text] = await Promise.all([
    shortcut.userId ? within(deps.directory.person(deps.api, turn.teamId, shortcut.userId).then((p) => p.displayName), '') : Promise.resolve(''),
    projectForChannel(deps.workspace._id, turn.channel),
    within(permalinkOf(deps.api, turn.channel, shortcut.ts, deps.logger), ''),
    messageText(shortcut, turn, deps),
  ]);
  const authorName = cut(author || shortcut.username || 'someone', 100);
  const seconds = Number(shortcut.ts);
  const message: CapturedMessage = {
    text: cut(text, MESSAGE_MAX),
    authorName,
    ...(seconds > 0 ? { createdAt: new Date(seconds * 1000) } : {}),
    ...(url ? { url } : {}),
  };
  return { message, ...(project ? { project: project.key } : {}), origin: { url, authorName } };
}

/**
 * The capture form as a modal: the shared form's Block Kit (formModal), its "Log it as" select
 * dispatching block_actions so a new kind's form replaces it at once, and the kind shown and the
 * message's origin in private_metadata. No notify_on_close: closing it has nothing to end.
 */
export function captureModal(view: FormView, kind: CaptureKind, place: SlackPlace): SlackModalView {
  const modal = formModal(view, encodeMetadata({ data: { [CAPTURE_DATA_KEY]: kind }, at: placeOf(place) }));
  const blocks = modal.blocks.map((block): Block => (block.type === 'input' && block.block_id === KIND_INPUT ? { ...block, dispatch_action: true } : block));
  return { ...modal, callback_id: LOG_MESSAGE_MODAL_ID, blocks };
}

/** What a capture turn's form answer is, for the delivery: the modal updated in place. */
export function captureReply(view: FormView, kind: CaptureKind, place: SlackPlace): SlackReply {
  return { kind: 'modal', message: textMessage(view.intro ?? view.title), view: captureModal(view, kind, place) };
}

/**
 * The shortcut's turn: the risk form (the kind can be changed on it), prefilled, opened with the
 * shortcut's trigger (3 seconds), or, past it, a line to the user alone saying to try again.
 */
export async function openLogMessageModal(turn: SlackTurn, capture: CaptureTurn, deps: ShortcutDeps): Promise<void> {
  const { message, project, origin } = await capturedFrom(turn, deps);
  const view = captureModal(await openCapture('risk', message, capture, project), 'risk', { ...turn, origin });
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

/**
 * The modal's kind picked (block_actions, `pick`) or its Save (view_submission): the shared capture
 * step. A pick only ever switches forms (the same kind picked again: nothing to do); a Save of the
 * kind shown is checked and saved through the runner, the message as the item's source.
 */
export async function answerCapture(
  turn: SlackTurn,
  data: Record<string, unknown>,
  capture: CaptureTurn,
  pick: boolean,
): Promise<{ kind: CaptureKind; outcome: CaptureOutcome } | undefined> {
  const shown = turn.capture?.kind;
  const kind: CaptureKind = isCaptureKind(shown) ? shown : 'risk';
  const picked = data[KIND_INPUT];
  if (pick && (!isCaptureKind(picked) || picked === kind)) return undefined;
  const source: ItemSource | undefined = turn.origin ? { url: turn.origin.url, authorName: turn.origin.authorName || 'someone' } : undefined;
  const outcome = await submitCapture(kind, data, capture, source);
  return { kind: isCaptureKind(picked) ? picked : kind, outcome };
}
