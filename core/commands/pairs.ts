// Reads `key=value …` into a command's fields: unknown and duplicate keys, stray words, per-field checks.
import { describeKeys, specsOf, type Schema } from './fields';
import { didYouMean, quote } from './suggest';
import { spanText, type PairToken, type Token, type WordToken } from './tokenize';
import type { FieldError, ParseContext } from './types';

/** A raw value for a field, from `key=value` or from a position (the title before the fields). */
export interface Given {
  field: string;
  raw: string;
  shown: string; // how the user gave it, for duplicate messages: `p=3`, `the title`
  key?: string; // the key as typed, when given as key=value
  unclosed?: boolean;
}

export interface Fields<T> {
  values: Partial<T>;
  errors: FieldError[];
}

/** Splits off the words before the first key=value. */
export function leadingWords(tokens: readonly Token[]): { words: WordToken[]; rest: Token[] } {
  const cut = tokens.findIndex((t) => t.kind === 'pair');
  const end = cut < 0 ? tokens.length : cut;
  return { words: tokens.slice(0, end) as WordToken[], rest: tokens.slice(end) };
}

function specFor<T>(schema: Schema<T>, key: string): keyof T | undefined {
  return (Object.keys(schema) as (keyof T)[]).find((field) => schema[field].keys.includes(key));
}

export interface ReadOptions {
  what: string; // names the command in messages: 'risk', 'R-3 (a risk)'
  positional?: Given[]; // values the caller took from positions (the title before the fields)
  stray?: string; // advice when words follow a complete value
}

const STRAY_ADVICE = 'quote values that contain spaces, e.g. key="two words"';

const fromPair = (token: PairToken, field: string): Given => ({
  field,
  raw: token.value,
  shown: `${token.rawKey}=${token.value}`,
  key: token.rawKey,
  unclosed: token.unclosed,
});

/** Turns pairs (and the stray words between them) into raw values, reporting what cannot be placed. */
export function collectPairs<T>(
  source: string,
  tokens: readonly Token[],
  schema: Schema<T>,
  options: ReadOptions,
): { given: Given[]; errors: FieldError[] } {
  const advice = options.stray ?? STRAY_ADVICE;
  const given: Given[] = [];
  const errors: FieldError[] = [];
  let previous: PairToken | undefined;
  let i = 0;
  while (i < tokens.length) {
    const token = tokens[i];
    let end = i + 1;
    while (end < tokens.length && tokens[end].kind === 'word') end += 1;
    const words = tokens.slice(i + 1, end);
    if (token.kind === 'word') {
      const stray = spanText(source, tokens.slice(i, end));
      const after = previous === undefined ? '' : ` after ${previous.rawKey}=${previous.value}`;
      errors.push({ field: '', message: `unexpected text ${quote(stray)}${after}; ${advice}` });
    } else {
      const field = specFor(schema, token.key);
      if (field === undefined) {
        // The words after an unknown key are its value: one error, not two.
        const keys = specsOf(schema).flatMap((s) => s.keys);
        const hint = didYouMean(token.key, keys);
        const message = `${options.what} has no field ${quote(token.rawKey)}${hint}; it takes ${describeKeys(schema)}`;
        errors.push({ field: token.key, message });
      } else if (schema[field].multiword && !token.quoted && words.length > 0) {
        const raw = source.slice(token.valueStart, words[words.length - 1].end);
        given.push({ ...fromPair(token, String(field)), raw, shown: `${token.rawKey}=${raw}` });
      } else {
        given.push(fromPair(token, String(field)));
        if (words.length > 0) {
          const stray = quote(spanText(source, words));
          errors.push({ field: '', message: `unexpected text ${stray} after ${token.rawKey}=${token.value}; ${advice}` });
        }
      }
      previous = token;
    }
    i = end;
  }
  return { given, errors };
}

/** `p: probability must be …`: names the key as typed when the message does not start with it. */
function withKey(key: string | undefined, message: string): string {
  const first = message.split(/[\s:]/, 1)[0].toLowerCase();
  return key === undefined || first === key.toLowerCase() ? message : `${key}: ${message}`;
}

/** Checks each given value; a field given twice is dropped with an error so a dialog re-asks it. */
export function checkFields<T>(given: readonly Given[], schema: Schema<T>, ctx: ParseContext): Fields<T> {
  const values: Partial<T> = {};
  const errors: FieldError[] = [];
  const byField = new Map<string, Given[]>();
  for (const g of given) byField.set(g.field, [...(byField.get(g.field) ?? []), g]);
  for (const [field, all] of byField) {
    const spec = schema[field as keyof T];
    if (all.length > 1) {
      const ways = all.map((g) => g.shown).join(', ');
      errors.push({ field, message: `${field} is given more than once (${ways}); give it once` });
      continue;
    }
    const [one] = all;
    if (one.unclosed === true) {
      errors.push({ field, message: `${field}: the quote in ${one.shown} is never closed` });
      continue;
    }
    const checked = spec.check(one.raw, ctx);
    if (checked.error !== undefined) errors.push({ field, message: withKey(one.key, checked.error) });
    else values[field as keyof T] = checked.value;
  }
  return { values, errors };
}

/** `key=value …` after any positional words the caller has already taken. */
export function readFields<T>(
  source: string,
  tokens: readonly Token[],
  schema: Schema<T>,
  ctx: ParseContext,
  options: ReadOptions,
): Fields<T> {
  const collected = collectPairs(source, tokens, schema, options);
  const checked = checkFields([...(options.positional ?? []), ...collected.given], schema, ctx);
  return { values: checked.values, errors: [...collected.errors, ...checked.errors] };
}
