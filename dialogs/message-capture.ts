// "Log in PMO register" on a chat message: the kind's own log form (LOG_FORMS, from its descriptor),
// prefilled from the message, checked and saved the way the guided form checks and saves it.
import { DateTime } from 'luxon';
import { clip } from '../cards/text';
import type { Command, ParseContext } from '../core/commands';
import { todayIn } from '../core/commands';
import { ITEM_KINDS, type ItemKind } from '../core/domain';
import { aKind, registerOf } from '../core/registers';
import { missingFields, runCommand } from '../core/runner';
import type { Reply, RunContext } from '../core/runner/types';
import type { ItemSource } from '../core/services';
import type { FormView } from '../core/view-models';
import { applySubmit } from './form-answers';
import { fieldOf, type FormConfig, type FormValues } from './form-config';
import { formPeople } from './form.dialog';
import { capitalise, formView, startState, type FormState } from './form-state';
import { LOG_FORMS } from './log-item.dialog';

/** The kinds a message may become: every kind whose descriptor does not say otherwise (a change request is typed). */
export const CAPTURE_KINDS: readonly ItemKind[] = ITEM_KINDS.filter((kind) => registerOf(kind).fromMessage !== false);
export type CaptureKind = ItemKind;
export const isCaptureKind = (value: unknown): value is CaptureKind => (CAPTURE_KINDS as readonly unknown[]).includes(value);

/** The kind picker's input id (no log form has a field of that name, and it is no action-data key). */
export const KIND_INPUT = 'logKind';

/** The message, as the platform gave it, in plain text. */
export interface CapturedMessage {
  text: string;
  authorName: string;
  createdAt?: Date;
  /** Its permalink (kept on the item); absent when the platform gave none we trust. */
  url?: string;
}

export interface CaptureTurn {
  parse: ParseContext;
  run: RunContext;
  /** Picking another kind switches the form at once (Slack's dispatch_action select), not on Save (Teams). */
  switchOnPick?: boolean;
}

/** What one step of the capture form comes to: the form again (with what is wrong), or the runner's answer. */
export type CaptureOutcome = { form: FormView } | { saved: Reply };

const maxOf = (config: FormConfig, field: string, fallback: number): number => fieldOf(config, field)?.max ?? fallback;

/** "— Ada Lovelace, 26 Nov 2026 10:00" in the workspace's zone. */
function signature(message: CapturedMessage, timeZone: string): string {
  const when = message.createdAt && !Number.isNaN(message.createdAt.getTime())
    ? `, ${DateTime.fromJSDate(message.createdAt).setZone(timeZone).toFormat('d LLL yyyy HH:mm')}`
    : '';
  return `— ${message.authorName || 'someone'}${when}`;
}

/** The form's starting values: the title from the first line, the description from the whole message, signed; the linked project. */
export function prefill(kind: CaptureKind, message: CapturedMessage, timeZone: string, project?: string): FormValues {
  const config = LOG_FORMS[kind];
  const lines = message.text.split('\n').map((l) => l.trim()).filter(Boolean);
  const values: FormValues = {};
  if (lines.length > 0) values.title = clip(lines[0], maxOf(config, 'title', 200));
  const sign = `\n\n${signature(message, timeZone)}`;
  const body = lines.join('\n');
  if (body) values.description = `${clip(body, maxOf(config, 'description', 4000) - [...sign].length)}${sign}`;
  if (project) values.project = project;
  return values;
}

/** The kind's log form with the kind picker on top; `notice` (a refusal, a switch of kind) leads it. */
export async function captureForm(kind: CaptureKind, state: FormState, turn: CaptureTurn, notice?: string): Promise<FormView> {
  const config = LOG_FORMS[kind];
  const view = formView(config, state, 'title', { today: todayIn(turn.parse), people: await formPeople(config, turn.run) });
  const picker = {
    id: KIND_INPUT, label: 'Log it as', type: 'choice' as const, required: true, value: kind,
    choices: CAPTURE_KINDS.map((k) => ({ title: capitalise(k), value: k })),
  };
  return {
    ...view,
    title: 'Log in PMO register',
    intro: notice ?? (turn.switchOnPick
      ? `Log this message as ${aKind(kind)}: check the fields and save. Picking another kind switches to its fields, keeping what you typed.`
      : `Log this message as ${aKind(kind)}: check the fields and save. To log it as another kind, pick it and press Save: that kind's fields come first, nothing is saved yet.`),
    fields: [picker, ...view.fields],
    submitLabel: 'Save',
  };
}

/** The form as it opens on a message. */
export async function openCapture(kind: CaptureKind, message: CapturedMessage, turn: CaptureTurn, project?: string): Promise<FormView> {
  const state = startState(LOG_FORMS[kind], prefill(kind, message, turn.run.timeZone, project), []);
  delete state.id;
  return captureForm(kind, state, turn);
}

function command(kind: CaptureKind, values: FormValues): Command {
  return { name: kind, ...values } as Command;
}

/**
 * A submitted capture form. The kind changed → the new kind's form, with what was typed kept
 * wherever the new form has the same field. Otherwise every field is checked as the guided form
 * checks it; anything wrong or missing answers with the form again, the reason under the field;
 * else the item command runs through the runner, with the message as its source.
 */
export async function submitCapture(
  shownKind: CaptureKind,
  data: Record<string, unknown>,
  turn: CaptureTurn,
  source?: ItemSource,
  run: (command: Command, ctx: RunContext) => Promise<Reply> = runCommand,
): Promise<CaptureOutcome> {
  const picked = data[KIND_INPUT];
  const kind = isCaptureKind(picked) ? picked : shownKind;
  const config = LOG_FORMS[kind];
  const state = startState(config, {}, []);
  delete state.id;
  await applySubmit(config, state, data, turn);
  if (kind !== shownKind) {
    return { form: await captureForm(kind, state, turn, `Now ${aKind(kind)}: check its fields and save.`) };
  }
  const wrong = config.fields.some((f) => state.errors[f.name] !== undefined);
  if (!wrong) {
    const absent = config.fields.filter((f) => f.required && state.values[f.name] === undefined).map((f) => f.name);
    const lacking = absent.length > 0 ? absent : (await missingFields(command(kind, state.values), turn.run)).filter((f) => fieldOf(config, f));
    for (const field of lacking) state.errors[field] = `${fieldOf(config, field)?.label ?? field} is needed`;
  }
  if (config.fields.some((f) => state.errors[f.name] !== undefined)) return { form: await captureForm(kind, state, turn) };
  const reply = await run(command(kind, state.values), { ...turn.run, ...(source ? { source } : {}) });
  if (reply.type === 'saved') return { saved: reply };
  if (reply.type === 'error') {
    const field = reply.field !== undefined && fieldOf(config, reply.field) ? reply.field : undefined;
    if (field !== undefined) {
      state.errors[field] = reply.view.message;
      return { form: await captureForm(kind, state, turn) };
    }
    return { form: await captureForm(kind, state, turn, `Not saved: ${reply.view.message}`) };
  }
  return { form: await captureForm(kind, state, turn, reply.type === 'text' ? `Not saved: ${reply.text}` : 'Not saved.') };
}
