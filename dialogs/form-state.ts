// A guided form's progress as plain JSON (it lives in conversation state) and the views drawn from it.
import { randomBytes } from 'node:crypto';
import { humanize } from '../cards/style';
import { RESERVED_DATA_KEYS } from '../cards/verbs';
import type { ConfirmationView, FormChoice, FormField, FormView } from '../core/view-models';
import type { FieldError, PersonRef } from '../core/commands';
import { latestDate } from '../core/commands/dates';
import { personName } from '../core/commands/people';
import type { IsoDate } from '../core/domain';
import { ANY_DONE_STATUS } from '../core/registers';
import { passedDates } from '../core/runner/overdue-note';
import { fieldOf, type FieldDef, type FormConfig, type FormValues } from './form-config';

export interface FormState {
  /** This form instance: its cards carry it, so an old card of another instance is told apart. */
  id?: string;
  values: FormValues;
  /** Field → the text last refused for it, shown again in its input so nothing typed is lost. */
  refused?: Record<string, string>;
  /** Field → why its last answer was refused; these are asked again first. */
  errors: Record<string, string>;
  /** Optional fields the user chose to leave out on the typed path. */
  skipped: string[];
  /** Optional fields the runner requires now (the workspace's policy: a reason for an amber status): no skip offered. */
  needed?: string[];
  /** The field the user chose to change from the confirmation. */
  editing?: string;
  /** The field asked now (for `help`). */
  asking?: string;
  confirming?: boolean;
  /** Said once with the next prompt. */
  notice?: string;
  /**
   * The known people the card's person pickers list, read when the form first draws its card and
   * kept for the form's life (minutes), so a step reads no people; someone new can be @mentioned.
   */
  people?: FormChoice[];
}

export const isPerson = (value: unknown): value is PersonRef =>
  typeof value === 'object' && value !== null && typeof (value as PersonRef).platformUserId === 'string';

/** The card input's id: a field named like an action-data key (`key`) gets another one. */
export const inputId = (field: string): string => (RESERVED_DATA_KEYS.includes(field) ? `${field}Input` : field);

/** A value as people read it: a person by name (never by platform id), a list of keys as `R-1, I-2`, update pairs as `field=value`. */
export function shown(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (isPerson(value)) return personName(value);
  if (Array.isArray(value)) return value.map(shown).join(', ');
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).map(([k, v]) => `${k}=${/\s/.test(shown(v)) ? `"${shown(v)}"` : shown(v)}`).join(' ');
  }
  return String(value);
}

/** What the card's input holds for a value; people are picked by platform id. */
export const inputValue = (def: FieldDef, value: unknown): string =>
  def.type === 'person' && isPerson(value) ? value.platformUserId : shown(value);

/** The state a form starts from: inline values, and the parser's errors placed on the fields they name. */
export function startState(config: FormConfig, values: FormValues, errors: readonly FieldError[]): FormState {
  const state: FormState = { id: randomBytes(6).toString('base64url'), values: { ...values }, errors: {}, skipped: [] };
  const unplaced: string[] = [];
  for (const error of errors) {
    const field = fieldOf(config, error.field) ? error.field : config.catchAll;
    if (field === undefined) unplaced.push(error.message);
    else state.errors[field] = state.errors[field] ? `${state.errors[field]}; ${error.message}` : error.message;
  }
  if (unplaced.length > 0) state.notice = `I could not use all of that: ${unplaced.join('; ')}.`;
  return state;
}

/** Required by the form, or by the runner now (a policy-required field). */
export const isRequired = (def: FieldDef, state: Pick<FormState, 'needed'>): boolean => def.required === true || (state.needed?.includes(def.name) ?? false);

/** The next field to ask: a refused one first, then the one being edited, then the first one missing. */
export function nextField(config: FormConfig, state: FormState): string | undefined {
  // A field refused earlier that no longer applies (a reason once the RAG went back to green) is not asked.
  const refused = config.fields.find((f) => state.errors[f.name] !== undefined && (f.when?.(state.values) ?? true));
  if (refused) return refused.name;
  if (state.editing !== undefined && fieldOf(config, state.editing)) return state.editing;
  const wanted = (f: FieldDef) => (isRequired(f, state) || (f.ask && !state.skipped.includes(f.name))) && (f.when?.(state.values) ?? true);
  return config.fields.find((f) => state.values[f.name] === undefined && wanted(f))?.name;
}

export const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const sentence = (s: string): string => capitalise(s.trim()).replace(/([^.!?])$/, '$1.');

/** The typed question for `field`, after the reason its last answer was refused; `needed`: the runner cannot do without it. */
export function question(config: FormConfig, state: FormState, field: string, needed = false): string {
  const def = fieldOf(config, field);
  const error = state.errors[field];
  const skip = def && !isRequired(def, state) && !needed ? ' (or skip)' : '';
  return [state.notice, error && sentence(error), `${def?.question ?? `What is the ${field}?`}${skip}`].filter(Boolean).join(' ');
}

const PLACEHOLDER: Partial<Record<FieldDef['type'], string>> = {
  date: 'e.g. 2026-12-04 or next friday',
  person: 'Pick a person',
  number: '1 to 5',
};

function formField(def: FieldDef, state: FormState, today: string | undefined, people: readonly FormChoice[]): FormField {
  const value = state.values[def.name];
  let choices: FormChoice[] | undefined = def.choices?.map((c) => ({ title: humanize(c), value: c }));
  if (def.type === 'person') {
    const current = isPerson(value) && !people.some((p) => p.value === value.platformUserId) ? [{ title: shown(value), value: value.platformUserId }] : [];
    choices = [...current, ...people];
  }
  // Only the form's own required fields are required on the card: one the policy needs now (a reason
  // for red) may stop being needed before the card is sent (the RAG set back to green), so the bot
  // checks it on submit and asks again, rather than the card refusing to send.
  const field: FormField = { id: inputId(def.name), label: def.label, type: def.type, required: def.required === true };
  const refused = state.errors[def.name] === undefined ? undefined : state.refused?.[def.name];
  if (refused !== undefined) field.value = refused;
  else if (value !== undefined) field.value = typeof value === 'number' ? value : inputValue(def, value);
  if (choices) field.choices = choices;
  if (state.errors[def.name]) field.error = capitalise(state.errors[def.name]);
  const placeholder = PLACEHOLDER[def.type];
  if (placeholder) field.placeholder = placeholder;
  // Past dates are fine (back-filled items are overdue, SPEC §2); years ahead are a mistyped year, as the parser says.
  if (def.min !== undefined) field.min = def.min;
  if (def.max !== undefined) field.max = def.max;
  else if (def.type === 'date' && today !== undefined) field.max = latestDate(today);
  return field;
}

/** The config's fields as a form reads: required ones first (the title leads them), each group in config order. */
export const readingOrder = (config: FormConfig): FieldDef[] =>
  [...config.fields].sort((a, b) => Number(b.required === true) - Number(a.required === true));

/**
 * The card: every field in reading order, whatever was given inline or is asked now, so the card
 * reads top to bottom and does not reshuffle. The field asked now is named in `asking`; a refused
 * one carries its reason under it. Filled ones are prefilled, so one submit carries them all.
 */
export function formView(config: FormConfig, state: FormState, current: string, extras: { today?: string; people?: FormChoice[] } = {}): FormView {
  const view: FormView = {
    command: config.command,
    title: config.title,
    fields: readingOrder(config).map((f) => formField(f, state, extras.today, extras.people ?? [])),
    ...(state.id ? { formId: state.id } : {}),
    asking: inputId(current),
  };
  if (state.notice) view.intro = state.notice;
  return view;
}

/** "This risk will be saved as already overdue: it was due Fri 20 Nov." when a date given is behind today. */
function overdueNotice(config: FormConfig, state: FormState, today: IsoDate | undefined): string | undefined {
  // An item being closed (the Update form's status) is not overdue, whatever its dates.
  if (today === undefined || ANY_DONE_STATUS.has(String(state.values.status))) return undefined;
  const dateOf = (name: string): IsoDate | undefined => {
    const value = state.values[name];
    return fieldOf(config, name)?.type === 'date' && typeof value === 'string' ? value : undefined;
  };
  // An open item, so the overdue rule (isOverdue) comes down to these dates being past.
  const passed = passedDates({ due: dateOf('due'), review: dateOf('review') }, today);
  return passed && `This ${config.noun} will be saved as already overdue: ${passed}.`;
}

/** "Save this risk?" with every field, each editable (empty optional ones too, so they can be added). */
export function confirmationView(config: FormConfig, state: FormState, today?: IsoDate): ConfirmationView {
  const view: ConfirmationView = {
    command: config.command,
    title: config.confirmTitle ?? `Save this ${config.noun}?`,
    fields: readingOrder(config).map((f) => ({ id: f.name, label: f.label, value: shown(state.values[f.name]) })),
    ...(state.id ? { formId: state.id } : {}),
  };
  const note = [state.notice, overdueNotice(config, state, today)].filter(Boolean).join(' ');
  if (note) view.note = note;
  return view;
}
