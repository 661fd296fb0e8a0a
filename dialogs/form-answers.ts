// Reading what the user answered a form with: one typed value, a submitted card, or a confirmation.
import type { Activity } from 'botbuilder';
import { CARD_VERBS, isCardActionData, keptInputs, ownValue } from '../cards/verbs';
import { parseField, type FieldResult, type ParseContext } from '../core/commands';
import { findField, COMMAND_FIELDS } from '../core/commands/fields';
import type { RunContext } from '../core/runner/types';
import { cleanLine } from '../core/sanitize';
import { getItem, getPerson, getProject, listProjects, PmoError } from '../core/services';
import { fieldOf, type FieldDef, type FormConfig } from './form-config';
import { inputId, inputValue, isPerson, isRequired, type FormState } from './form-state';

export interface Turn {
  parse: ParseContext;
  run: RunContext;
}

/** Free text (and dates), whose refused answer is worth showing again; numbers and choices are not. */
const textual = (def: FieldDef): boolean => def.type === 'text' || def.type === 'multiline' || def.type === 'date';

type Checked = { value: unknown } | { error: string } | { skipped: true };

const SKIP = /^(skip|none|n\/a|-)$/i;
const KEEP = /^(skip|keep( it)?|same|unchanged|no change|as is|save)[.!]*$/i;

/** Refuses a key (or any of a list of item keys) that names nothing in this workspace, listing a few projects that exist. */
async function existence(kind: 'project' | 'item', value: unknown, ctx: RunContext): Promise<string | undefined> {
  if (Array.isArray(value)) {
    for (const each of value) {
      const problem = await existence(kind, each, ctx);
      if (problem !== undefined) return problem;
    }
    return undefined;
  }
  const key = String(value);
  if (kind === 'project') {
    if (await getProject(ctx.workspaceId, key)) return undefined;
    const known = (await listProjects(ctx.workspaceId)).slice(0, 8).map((p) => p.key);
    return `there is no project ${key} in this workspace${known.length > 0 ? `; projects: ${known.join(', ')}` : ''}`;
  }
  try {
    await getItem(ctx.workspaceId, key);
    return undefined;
  } catch (err) {
    if (err instanceof PmoError && err.code === 'not_found') return err.message;
    throw err;
  }
}

/** `due=friday` typed when asked the due date: the value after this field's own key. */
function withoutOwnKey(config: FormConfig, def: FieldDef, raw: string): string {
  const pair = /^([a-z]+)\s*=\s*([\s\S]*)$/i.exec(raw.trim());
  if (pair === null) return raw.trim();
  const named = pair[1].toLowerCase() === def.name.toLowerCase() || findField(COMMAND_FIELDS[config.command], pair[1])?.[0] === def.name;
  return named ? pair[2].trim() : raw.trim();
}

async function check(config: FormConfig, def: FieldDef, raw: string, state: FormState, turn: Turn): Promise<Checked> {
  const text = withoutOwnKey(config, def, raw);
  const current = state.values[def.name];
  // Asked a field that already has a value (editing it): keep it as it is.
  if (current !== undefined && state.errors[def.name] === undefined && KEEP.test(text)) return { value: current };
  if (SKIP.test(text)) return isRequired(def, state) ? { error: `${def.label.toLowerCase()} is needed, so it cannot be skipped` } : { skipped: true };
  const result: FieldResult = config.parse
    ? config.parse(def.name, text, state.values, turn.parse)
    : parseField(config.command, def.name, text, turn.parse);
  if (result.error !== undefined) return { error: result.error };
  const problem = def.exists === undefined ? undefined : await existence(def.exists, result.value, turn.run);
  return problem === undefined ? { value: result.value } : { error: problem };
}

function record(state: FormState, field: string, checked: Checked, raw?: string): void {
  if ('error' in checked) {
    state.errors[field] = checked.error;
    // Shown again in its input (a 300-character title is corrected, not retyped); bounded, since state is stored.
    if (raw !== undefined && raw.length <= 4000) state.refused = { ...state.refused, [field]: raw };
    return;
  }
  delete state.errors[field];
  if (state.refused?.[field] !== undefined) delete state.refused[field];
  if (state.editing === field) state.editing = undefined;
  if ('skipped' in checked) {
    delete state.values[field];
    if (!state.skipped.includes(field)) state.skipped.push(field);
  } else {
    state.values[field] = checked.value;
  }
}

/**
 * People the parser knows only by id (a local `@name`, a mention that came without its name, a
 * default owner) get the actor's or the directory's name, so the form and its confirmation name them.
 */
async function namePeople(config: FormConfig, state: FormState, ctx: RunContext): Promise<void> {
  for (const def of config.fields) {
    const value = state.values[def.name];
    if (def.type !== 'person' || !isPerson(value) || value.displayName) continue;
    const { userId, displayName } = ctx.actor;
    const name = (value.platformUserId === userId && displayName) || (await getPerson(ctx.workspaceId, value.platformUserId))?.displayName;
    if (name) state.values[def.name] = { ...value, displayName: name };
  }
}

/** A typed answer to the one field asked: kept when valid, else the reason is kept to ask again. */
export async function applyAnswer(config: FormConfig, state: FormState, field: string, raw: string, turn: Turn): Promise<void> {
  // `edit rag` at any question goes back to that field (a red picked by mistake, asked its reason),
  // as it does at the confirmation; nothing is taken as this field's answer.
  const edit = /^edit\s+(.{1,40})$/i.exec(raw.trim());
  const other = edit ? fieldNamed(config, edit[1]) : undefined;
  if (other !== undefined && other !== field) {
    state.editing = other;
    return;
  }
  const def = fieldOf(config, field);
  if (def) record(state, field, await check(config, def, raw, state, turn), textual(def) ? raw.trim() : undefined);
  await namePeople(config, state, turn.run);
}

/** A person picked on the card arrives as a platform user id. */
async function pickedPerson(def: FieldDef, raw: string, ctx: RunContext): Promise<Checked | undefined> {
  if (def.type !== 'person') return undefined;
  const person = await getPerson(ctx.workspaceId, raw);
  return person ? { value: { platformUserId: person.platformUserId, ...(person.displayName ? { displayName: person.displayName } : {}) } } : undefined;
}

const EXPECTED: Record<FieldDef['type'], string> = {
  text: 'text', multiline: 'text', number: 'a number', date: 'a date', person: 'a person', choice: 'one of the choices',
};

/**
 * One card input as text. Cards send strings (a number input may come as a number); an object,
 * array or boolean is refused, never stringified: `{"$ne": null}` must not become a title.
 */
function inputText(def: FieldDef, raw: unknown): { text: string } | { error: string } {
  // The card shows every field; Web Chat leaves an empty input out of the data where Teams sends ''.
  if (raw === undefined || raw === null) return { text: '' };
  if (typeof raw === 'string') return { text: raw.trim() };
  if (def.type === 'number' && typeof raw === 'number' && Number.isFinite(raw)) return { text: String(raw) };
  return { error: `${def.label.toLowerCase()} must be ${EXPECTED[def.type]}` };
}

/**
 * A submitted form card: every field it carries is checked; valid ones are kept, the rest asked
 * again. Only the form's own fields are read, and only as the data's own keys: anything else the
 * client sent (`$where`, `__proto__`, `constructor`) is never looked at.
 */
export async function applySubmit(config: FormConfig, state: FormState, data: Record<string, unknown>, turn: Turn): Promise<void> {
  const kept = keptInputs(data);
  for (const def of config.fields) {
    const input = inputText(def, ownValue(data, inputId(def.name)));
    if ('error' in input) {
      record(state, def.name, input);
      continue;
    }
    const { text } = input;
    const current = state.values[def.name];
    if (text === '') {
      // Left empty only because the card could not hold its value: nothing was cleared.
      if (kept.includes(inputId(def.name)) && current !== undefined) continue;
      if (!isRequired(def, state)) record(state, def.name, { skipped: true });
      continue;
    }
    if (current !== undefined && state.errors[def.name] === undefined && text === inputValue(def, current)) continue;
    const checked = await check(config, def, text, state, turn);
    record(state, def.name, ('error' in checked && (await pickedPerson(def, text, turn.run))) || checked, textual(def) ? text : undefined);
  }
  await namePeople(config, state, turn.run);
}

export type Decision = { save: true } | { edit: string } | { submit: Record<string, unknown> } | { no: true } | { unclear: string };

const SAVE = /^(save|yes|y|ok|okay|confirm|sure|go ahead|do it|looks good)( it)?[.!]*$/i;
const NO = /^(no|n|nope)[.!]*$/i;
const EDIT = /^(?:edit|change|fix)\s+(.+)$/i;

/** A field by its name, label or any key the command accepts for it (`p`, `desc`). */
export function fieldNamed(config: FormConfig, name: string): string | undefined {
  const wanted = name.trim().toLowerCase();
  const direct = config.fields.find((f) => f.name.toLowerCase() === wanted || f.label.toLowerCase() === wanted);
  if (direct) return direct.name;
  const aliased = findField(COMMAND_FIELDS[config.command], wanted)?.[0];
  return aliased !== undefined && fieldOf(config, aliased) ? aliased : undefined;
}

/**
 * The field a phrase names, said the way people say it: `due`, `the due date`, `the owner to Bob`,
 * `mitigation plan` (the longest run of leading words that names one, else any word that does).
 */
export function fieldMentioned(config: FormConfig, phrase: string): string | undefined {
  const words = phrase.toLowerCase().replace(/^(the|a|an|my|its)\s+/, '').split(/\s+/).filter(Boolean);
  for (let n = Math.min(words.length, 3); n >= 1; n--) {
    const named = fieldNamed(config, words.slice(0, n).join(' '));
    if (named) return named;
  }
  for (const word of words) {
    const named = fieldNamed(config, word);
    if (named) return named;
  }
  return undefined;
}

/** What the user said to "Save this risk?". */
export function readDecision(config: FormConfig, activity: Partial<Activity>): Decision {
  const data: unknown = activity.value;
  if (isCardActionData(data)) {
    if (data.verb === CARD_VERBS.confirmSave) return { save: true };
    if (data.verb === CARD_VERBS.editField) return fieldOf(config, data.field) ? { edit: data.field } : { unclear: cleanLine(data.field).slice(0, 60) };
    if (data.verb === CARD_VERBS.submitForm && data.command === config.command) return { submit: data as Record<string, unknown> };
    return { unclear: '' };
  }
  const text = (activity.text ?? '').trim();
  if (SAVE.test(text)) return { save: true };
  if (NO.test(text)) return { no: true };
  const edit = EDIT.exec(text);
  const field = edit ? fieldMentioned(config, edit[1]) : undefined;
  if (field) return { edit: field };
  return { unclear: edit ? edit[1] : '' };
}
