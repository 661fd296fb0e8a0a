// What may end a waiting form: a message that is itself a command, a button of another card, or time.
import type { Activity } from 'botbuilder';
import { cardFormId, CARD_VERBS, isCardActionData, type CardActionData } from '../cards/verbs';
import { ITEM_KINDS } from '../core/domain';
import { nounsOf } from '../core/registers';
import { isCommandWord, parseCommand, type Command, type CommandName, type ParseContext } from '../core/commands';
import type { FormConfig } from './form-config';

/** A form left unanswered this long ends by itself; the next message starts afresh. */
export const FORM_TTL_MS = 30 * 60 * 1000;

/** "Left the risk you were logging": what the user was doing, by the form's command. */
const DOING: Partial<Record<CommandName, string>> = {
  ...Object.fromEntries(ITEM_KINDS.map((kind) => [kind, `the ${nounsOf(kind).singular} you were logging`])),
  status: 'the status update you were writing',
  update: 'the changes you were making',
  close: 'the item you were closing',
  escalate: 'the item you were escalating',
  show: 'the item lookup',
  project_add: 'the project you were adding',
  program_add: 'the program you were adding',
  portfolio_add: 'the portfolio you were adding',
  role: 'the role you were granting',
  link: 'the channel link you were setting up',
  link_exec: 'the exec channel you were setting up',
};

export const doing = (config: Pick<FormConfig, 'command' | 'noun'>): string => DOING[config.command] ?? `the ${config.noun} you were working on`;

export const leftLine = (config: Pick<FormConfig, 'command' | 'noun'>): string => `Left ${doing(config)}; nothing was saved.`;

export const staleLine = (config: Pick<FormConfig, 'command' | 'noun'>): string =>
  `That card belongs to a form that is no longer open, so it did nothing; your ${config.noun} form is still waiting (type cancel to leave it).`;

export function expiredLine(config: Pick<FormConfig, 'command' | 'noun'>): string {
  const what = doing(config).replace(/^the /, '');
  return `The ${what} waited over ${FORM_TTL_MS / 60_000} minutes without an answer, so the form ended; nothing was saved.`;
}

/** A button of ours, pressed while a form waits: its own answer, a dead card of a form gone, or a command. */
function readButton(data: CardActionData, command: string, formId: string | undefined): WhileWaiting {
  const card = cardFormId(data);
  // Cards drawn for another instance (an older form of the same kind, someone's earlier Update) never answer this one.
  const other = card !== undefined && formId !== undefined && card !== formId;
  switch (data.verb) {
    case CARD_VERBS.cancel:
      return other || (data.command !== undefined && data.command !== command) ? { kind: 'stale' } : { kind: 'answer' };
    case CARD_VERBS.confirmSave:
    case CARD_VERBS.editField:
      // A confirmation of a form that has ended has nothing left to save or edit.
      return data.command === command && !other ? { kind: 'answer' } : { kind: 'stale' };
    case CARD_VERBS.submitForm:
      if (data.command !== command) return { kind: 'command' }; // another form's card, filled in: that form, afresh
      return other ? { kind: 'stale' } : { kind: 'answer' };
    default:
      return { kind: 'command' };
  }
}

/** `issue Printer on fire priority=high`: a command that names its fields, as opposed to a sentence. */
const NAMES_FIELDS = /(^|\s)[a-z][a-z_]*\s*=/i;

export type WhileWaiting =
  /** Not for us here: the form reads it (an answer, `cancel`, `help`). */
  | { kind: 'answer' }
  /** Another command: the form ends and this turn runs afresh. */
  | { kind: 'command' }
  /** `help risk` and the like: answered, and the form keeps waiting. */
  | { kind: 'help'; command: Command }
  /** Cancel on an old card of another form (or its Slack modal closed): the waiting form is not that one. */
  | { kind: 'stale' };

/**
 * Reads a message that arrives while `form` waits. A typed message is a command when the parser
 * makes a command of it whose only complaints name its fields (`risk Vendor slip p=9`), or when it
 * is one command word alone (`list`, `program`); text after a command word that the command has no
 * place for (`status of the vendor is unclear`) is an answer. A quoted answer is never a command.
 */
export function whileWaiting(
  activity: Partial<Activity>,
  form: Pick<FormConfig, 'command'>,
  ctx: ParseContext,
  step: { formId?: string; freeText?: boolean } = {},
): WhileWaiting {
  const data: unknown = activity.value;
  if (isCardActionData(data)) return readButton(data, form.command, step.formId);
  const text = (activity.text ?? '').trim();
  if (text === '') return { kind: 'answer' };
  const words = text.split(/\s+/);
  const { command, errors } = parseCommand(text, ctx);
  if (command === null) return words.length === 1 && isCommandWord(words[0]) ? { kind: 'command' } : { kind: 'answer' };
  // cancel and bare help are the form's own: they leave it, or explain the step.
  if (command.name === 'cancel') return { kind: 'answer' };
  if (command.name === 'help') return words.length === 1 ? { kind: 'answer' } : { kind: 'help', command };
  const onFields = errors.every((e) => e.field !== '' && e.field !== 'command');
  if (!onFields) return { kind: 'answer' };
  // Where free text is asked, `Issue triage and vendor call` is a sentence: a new item interrupts
  // only with its fields named (`issue Printer on fire priority=high`), or as its bare word.
  const logsItem = (ITEM_KINDS as readonly string[]).includes(command.name);
  if (step.freeText && logsItem && words.length > 1 && !NAMES_FIELDS.test(text)) return { kind: 'answer' };
  return { kind: 'command' };
}
