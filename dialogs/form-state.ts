// A guided form's progress as plain JSON (it lives in conversation state) and the views drawn from it.
import { humanize } from '../cards/style';
import { RESERVED_DATA_KEYS } from '../cards/verbs';
import type { ConfirmationView, FormChoice, FormField, FormView } from '../cards/view-models';
import type { FieldError, PersonRef } from '../core/commands';
import { fieldOf, type FieldDef, type FormConfig, type FormValues } from './form-config';

export interface FormState {
  values: FormValues;
  /** Field → why its last answer was refused; these are asked again first. */
  errors: Record<string, string>;
  /** Optional fields the user chose to leave out on the typed path. */
  skipped: string[];
  /** The field the user chose to change from the confirmation. */
  editing?: string;
  /** The field asked now (for `help`). */
  asking?: string;
  confirming?: boolean;
  /** Said once with the next prompt. */
  notice?: string;
}

export const isPerson = (value: unknown): value is PersonRef =>
  typeof value === 'object' && value !== null && typeof (value as PersonRef).platformUserId === 'string';

/** The card input's id: a field named like an action-data key (`key`) gets another one. */
export const inputId = (field: string): string => (RESERVED_DATA_KEYS.includes(field) ? `${field}Input` : field);

/** A value as people read it: a person by name, update pairs as `field=value`. */
export function shown(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (isPerson(value)) return value.displayName || value.platformUserId;
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
  const state: FormState = { values: { ...values }, errors: {}, skipped: [] };
  const unplaced: string[] = [];
  for (const error of errors) {
    const field = fieldOf(config, error.field) ? error.field : config.catchAll;
    if (field === undefined) unplaced.push(error.message);
    else state.errors[field] = state.errors[field] ? `${state.errors[field]}; ${error.message}` : error.message;
  }
  if (unplaced.length > 0) state.notice = `I could not use all of that: ${unplaced.join('; ')}.`;
  return state;
}

/** The next field to ask: a refused one first, then the one being edited, then the first one missing. */
export function nextField(config: FormConfig, state: FormState): string | undefined {
  const refused = config.fields.find((f) => state.errors[f.name] !== undefined);
  if (refused) return refused.name;
  if (state.editing !== undefined && fieldOf(config, state.editing)) return state.editing;
  const wanted = (f: FieldDef) => f.required || (f.ask && !state.skipped.includes(f.name));
  return config.fields.find((f) => state.values[f.name] === undefined && wanted(f))?.name;
}

export const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const sentence = (s: string): string => capitalise(s.trim()).replace(/([^.!?])$/, '$1.');

/** The typed question for `field`, after the reason its last answer was refused. */
export function question(config: FormConfig, state: FormState, field: string): string {
  const def = fieldOf(config, field);
  const error = state.errors[field];
  const skip = def && !def.required ? ' (or skip)' : '';
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
  const field: FormField = { id: inputId(def.name), label: def.label, type: def.type, required: def.required === true };
  if (value !== undefined) field.value = typeof value === 'number' ? value : inputValue(def, value);
  if (choices) field.choices = choices;
  if (state.errors[def.name]) field.error = capitalise(state.errors[def.name]);
  const placeholder = PLACEHOLDER[def.type];
  if (placeholder) field.placeholder = placeholder;
  const min = def.future ? today : def.min;
  if (min !== undefined) field.min = min;
  if (def.max !== undefined) field.max = def.max;
  return field;
}

/**
 * The card for the field asked now: it first, then the other fields still wanted, then the
 * optional ones, then those already filled in (prefilled, so one submit carries them all).
 */
export function formView(config: FormConfig, state: FormState, current: string, extras: { today?: string; people?: FormChoice[] } = {}): FormView {
  const open = (f: FieldDef) => state.values[f.name] === undefined || state.errors[f.name] !== undefined;
  const rank = (f: FieldDef): number => {
    if (f.name === current) return 0;
    if (open(f)) return f.required ? 1 : 2;
    return 3;
  };
  const ordered = [...config.fields].sort((a, b) => rank(a) - rank(b));
  const view: FormView = {
    command: config.command,
    title: config.title,
    fields: ordered.map((f) => formField(f, state, extras.today, extras.people ?? [])),
  };
  if (state.notice) view.intro = state.notice;
  return view;
}

/** "Save this risk?" with every field, each editable (empty optional ones too, so they can be added). */
export function confirmationView(config: FormConfig, state: FormState): ConfirmationView {
  const view: ConfirmationView = {
    command: config.command,
    title: config.confirmTitle ?? `Save this ${config.noun}?`,
    fields: config.fields.map((f) => ({ id: f.name, label: f.label, value: shown(state.values[f.name]) })),
  };
  if (state.notice) view.note = state.notice;
  return view;
}
