// What every command parser receives and the small helpers they share.
import type { Schema } from './fields';
import { leadingWords, readFields, type Fields, type Given } from './pairs';
import { quote } from './suggest';
import { spanText, type Token } from './tokenize';
import type { FieldError, ParseContext, ParseResult } from './types';

/** The tokens after the command word(s), the text their offsets point into, and the context. */
export interface Args {
  source: string;
  tokens: Token[];
  ctx: ParseContext;
}

export type VerbParser = (args: Args) => ParseResult;

/** No command at all: the text did not say which command or which item. */
export const unusable = (field: string, message: string): ParseResult => ({
  command: null,
  errors: [{ field, message }],
});

/** An error for tokens a command has no place for, or none. */
export function leftover(source: string, tokens: readonly Token[], after: string, usage: string): FieldError[] {
  if (tokens.length === 0) return [];
  return [{ field: '', message: `unexpected text ${quote(spanText(source, tokens))} after ${after}; use: ${usage}` }];
}

/** `add`, `exec`, `mine`…: an unquoted word, compared case-insensitively. */
export const isWord = (token: Token | undefined, word: string): boolean =>
  token !== undefined && token.kind === 'word' && !token.quoted && token.text.toLowerCase() === word;

/** One optional positional value (`link APOLLO`, `digest EMEA`) that may also be given as `field=`. */
export function oneAndPairs<T>(
  { source, tokens, ctx }: Args,
  schema: Schema<T>,
  field: keyof T & string,
  what: string,
  usage: string,
): Fields<T> {
  const { words, rest } = leadingWords(tokens);
  const [first, ...extra] = words;
  const positional: Given[] = first === undefined ? [] : [{ field, raw: first.text, shown: first.text }];
  const read = readFields(source, rest, schema, ctx, { what, positional });
  const stray = leftover(source, extra, `${what} ${first?.text ?? ''}`.trim(), usage);
  return { values: read.values, errors: [...stray, ...read.errors] };
}
