// The fields the guided forms share, with their questions and what each accepts.
import { RAGS, ROLES, SCALE_MAX, SCALE_MIN, type ItemKind } from '../core/domain';
import { parseItemKey, type KindField } from '../core/registers';
import type { FieldDef } from './form-config';

const DATE_ALLOWED = 'a date: 2026-12-04, 4 Dec, next friday, in 2 weeks, eow, eom, or a past one such as last friday (the item is then overdue)';
const PERSON_ALLOWED = 'an @mention of the person, or me';
const KEY_ALLOWED = '2–16 letters, digits, _ or -, starting with a letter (e.g. APOLLO)';
const ITEM_KEY_ALLOWED = 'an item key such as R-12, I-3 or C-1';
const oneOf = (values: readonly string[]): string => `one of ${values.join(', ')}`;

/** Required free text, or an optional one the card offers. */
export const textField = (name: string, label: string, question: string, options: Partial<FieldDef> = {}): FieldDef => ({
  name, label, question, type: 'text', allowed: 'free text', ...options,
});

export const title = (question: string): FieldDef => textField('title', 'Title', question, { required: true, max: 200 });
export const description: FieldDef = textField('description', 'Description', 'Describe it.', { type: 'multiline', max: 4000 });

const scale = (name: string, label: string, question: string): FieldDef => ({
  name, label, question, type: 'number', required: true, min: SCALE_MIN, max: SCALE_MAX,
  allowed: `a whole number from ${SCALE_MIN} to ${SCALE_MAX}`,
});

export const person = (name: string, label: string, question: string, required = false): FieldDef => ({
  name, label, question, type: 'person', allowed: PERSON_ALLOWED, required,
});
export const owner = person('owner', 'Owner', 'Who owns it? @mention them, or say me.');

export const date = (name: string, label: string, question: string): FieldDef => ({
  name, label, question, type: 'date', allowed: DATE_ALLOWED,
});
export const due = date('due', 'Due date', 'When is it due?');

export const project: FieldDef = {
  name: 'project', label: 'Project', question: 'Which project is it for? Give its key, e.g. APOLLO.', type: 'text',
  allowed: `the key of an existing project (${KEY_ALLOWED})`, required: true, exists: 'project',
};

const choice = (name: string, label: string, question: string, choices: readonly string[], required = false): FieldDef => ({
  name, label, question: `${question} (${choices.join(', ')})`, type: 'choice', choices, allowed: oneOf(choices), required,
});
export const role = choice('role', 'Role', 'Which role do they get?', ROLES, true);
export const rag = (name: string, label: string, question: string, required = false): FieldDef => ({
  ...choice(name, label, question, RAGS, required), ...(required ? {} : { ask: true }),
});

export const longText = (name: string, label: string, question: string, options: Partial<FieldDef> = {}): FieldDef =>
  textField(name, label, question, { type: 'multiline', max: 4000, ...options });

/** A new portfolio, program or project key. */
export const containerKey = (what: string): FieldDef => ({
  name: 'key', label: 'Key', question: `What is the new ${what}'s key? (e.g. APOLLO)`, type: 'text',
  allowed: KEY_ALLOWED, required: true, max: 16,
});
export const containerName = (what: string): FieldDef => textField('title', 'Name', `What is the ${what} called?`, { required: true, max: 100 });
/** An existing portfolio or program to attach to (the runner checks it exists). */
export const parentKey = (name: 'portfolio' | 'program', required = false): FieldDef => ({
  name, label: name === 'portfolio' ? 'Portfolio' : 'Program', question: `Which ${name}? Give its key.`, type: 'text',
  allowed: `the key of an existing ${name}`, required,
});

export const itemKey = (question: string, allowed = ITEM_KEY_ALLOWED): FieldDef => ({
  name: 'key', label: 'Item', question, type: 'text', allowed, required: true, exists: 'item',
});

/** The item a form's `key` names: `R-3` → { key: 'R-3', kind: 'risk' } (the key field has already checked it). */
export function keyed(values: Record<string, unknown>): { key: string; kind: ItemKind } {
  const key = String(values.key ?? '');
  return { key, kind: parseItemKey(key)?.kind ?? 'risk' };
}

/** How a guided form asks for a register field, from its descriptor (core/registers). */
export function kindFieldDef(field: KindField): FieldDef {
  const { name, label, question } = field;
  const flags = { ...(field.required ? { required: true } : {}), ...(field.ask ? { ask: true } : {}) };
  const allowed = field.allowed ? { allowed: field.allowed } : {};
  const rule = field.value;
  switch (rule.type) {
    case 'line':
      return textField(name, label, question, { max: rule.max, ...flags, ...allowed });
    case 'text':
      return longText(name, label, question, { max: rule.max, ...flags, ...allowed });
    case 'scale':
      return { ...scale(name, label, question), ...flags };
    case 'choice':
      return { ...choice(name, label, question, rule.values), ...flags, ...allowed };
    case 'date':
      return { ...date(name, label, question), ...flags, ...allowed };
    case 'person':
      return { ...person(name, label, question), ...flags, ...allowed };
    case 'project':
      return { ...project, name, label, question, ...flags };
    case 'key':
    case 'keys':
      // An unknown key would fail at save and lose the form, so the form checks it names an item.
      return textField(name, label, question, { ...flags, ...allowed, exists: 'item' });
  }
}
