// Logging an item of any kind (risk, issue, …) and show, update, close, escalate (act on one by its key).
import { ITEM_KINDS, type ItemKind } from '../domain';
import { aKind, ESCALATABLE_KINDS } from '../registers';
import { describeKeys, LOG_FIELDS, RESOLUTION, UPDATE_FIELDS, type Schema } from './fields';
import { leadingWords, readFields, type Fields, type Given } from './pairs';
import { quote } from './suggest';
import { spanText, type Token } from './tokenize';
import type { FieldError, ItemFields, ParseContext, ParseResult, UpdateCommand } from './types';
import { USAGE } from './usage';
import { containerKey, itemKey, type ItemKeyValue } from './values';
import { leftover, unusable, type Args, type VerbParser } from './verb';

const TITLE_FIRST = 'put the title before the fields, and quote values that contain spaces';

/** Free text before the first key=value is the title. */
function titled<T>({ source, tokens, ctx }: Args, schema: Schema<T>, what: string): Fields<T> {
  const { words, rest } = leadingWords(tokens);
  const title = { field: 'title', raw: spanText(source, words), shown: 'the text before the fields' };
  const positional: Given[] = words.length === 0 ? [] : [title];
  return readFields(source, rest, schema, ctx, { what, positional, stray: TITLE_FIRST });
}

/** `risk Vendor may slip p=4 …`: logs an item of `kind`, the fields its descriptor names. */
const parseItem = (kind: ItemKind): VerbParser => (args) => {
  const { values, errors } = titled(args, LOG_FIELDS[kind], kind);
  return { command: { ...(values as ItemFields), name: kind }, errors };
};

/** One verb per register kind, the kind's name: `risk`, `issue`, `change`, `decision`, `action`. */
export const ITEM_VERBS: Readonly<Record<ItemKind, VerbParser>> = Object.fromEntries(ITEM_KINDS.map((kind) => [kind, parseItem(kind)])) as Record<ItemKind, VerbParser>;

type Keyed = { found: ItemKeyValue; rest: Token[] } | { failed: ParseResult };

/** The item key that must follow show/update/close/escalate; without it the command is unusable. */
function keyFirst(tokens: readonly Token[], verb: 'show' | 'update' | 'close' | 'escalate', only?: readonly ItemKind[]): Keyed {
  const [first, ...rest] = tokens;
  if (first === undefined || first.kind !== 'word') {
    return { failed: unusable('key', `${verb} needs an item key first; use: ${USAGE[verb]}`) };
  }
  const checked = itemKey(first.text, only);
  if (checked.error !== undefined) return { failed: unusable('key', `${verb}: ${checked.error}`) };
  return { found: checked.value, rest };
}

/** A word that reads as a project key and not as a mistyped item key (`R12`): `show APOLLO`. */
function projectWord(token: Token | undefined): string | undefined {
  if (token?.kind !== 'word' || itemKey(token.text).error === undefined || /^[a-z]{1,3}-?\d+$/i.test(token.text)) return undefined;
  const checked = containerKey('project')(token.text);
  return checked.error === undefined ? checked.value.toUpperCase() : undefined;
}

export const parseShow: VerbParser = ({ source, tokens }) => {
  const project = projectWord(tokens[0]);
  if (project !== undefined) return { command: { name: 'show', project }, errors: leftover(source, tokens.slice(1), project, USAGE.show) };
  const keyed = keyFirst(tokens, 'show');
  if ('failed' in keyed) return keyed.failed;
  const { key, kind } = keyed.found;
  return { command: { name: 'show', key, kind }, errors: leftover(source, keyed.rest, key, USAGE.show) };
};

export const parseEscalate: VerbParser = ({ source, tokens }) => {
  const keyed = keyFirst(tokens, 'escalate', ESCALATABLE_KINDS);
  if ('failed' in keyed) return keyed.failed;
  const { key } = keyed.found;
  return { command: { name: 'escalate', key }, errors: leftover(source, keyed.rest, key, USAGE.escalate) };
};

/** `close R-3 the rest is resolution text`; `resolution="…"` is understood too. */
export const parseClose: VerbParser = ({ source, tokens, ctx }) => {
  const keyed = keyFirst(tokens, 'close');
  if ('failed' in keyed) return keyed.failed;
  const { key, kind } = keyed.found;
  const [only] = keyed.rest;
  if (keyed.rest.length === 0) return { command: { name: 'close', key, kind }, errors: [] };
  const pair = keyed.rest.length === 1 && only.kind === 'pair' && only.key === 'resolution';
  const checked = RESOLUTION.check(pair ? only.value : spanText(source, keyed.rest), ctx);
  if (checked.error !== undefined) {
    return { command: { name: 'close', key, kind }, errors: [{ field: 'resolution', message: checked.error }] };
  }
  return { command: { name: 'close', key, kind, resolution: checked.value }, errors: [] };
};

type Updated = { command: UpdateCommand; errors: FieldError[] };

function updateFields(key: string, kind: ItemKind, source: string, tokens: Token[], ctx: ParseContext): Updated {
  const { values, errors } = readFields(source, tokens, UPDATE_FIELDS[kind], ctx, { what: `${key} (${aKind(kind)})` });
  return { command: { name: 'update', key, kind, fields: values as ItemFields }, errors };
}

/** `update R-3 p=4 due=friday`: which fields are allowed depends on the kind the key names. */
export const parseUpdate: VerbParser = ({ source, tokens, ctx }) => {
  const keyed = keyFirst(tokens, 'update');
  if ('failed' in keyed) return keyed.failed;
  const { key, kind } = keyed.found;
  const { words, rest } = leadingWords(keyed.rest);
  const { command, errors } = updateFields(key, kind, source, rest, ctx);
  const allowed = describeKeys(UPDATE_FIELDS[kind]);
  if (words.length > 0) {
    const stray = quote(spanText(source, words));
    errors.unshift({ field: '', message: `update ${key} takes field=value after the key, not ${stray}; fields: ${allowed}` });
  } else if (rest.length === 0) {
    const message = `update ${key} needs at least one field=value to change; fields: ${allowed}`;
    errors.push({ field: 'fields', message });
  }
  return { command, errors };
};
