// Splits a chat message into words and key=value pairs; never throws.
import { cleanText } from '../sanitize';
import { MENTION_SPAN } from './mentions';

/** A bare word or a quoted phrase. */
export interface WordToken {
  kind: 'word';
  text: string; // without the surrounding quotes
  quoted: boolean;
  start: number;
  end: number;
}

/** `key=value`, `key="quoted value"`; tolerates spaces around `=`. */
export interface PairToken {
  kind: 'pair';
  key: string; // lower case
  rawKey: string; // as typed
  value: string; // without the surrounding quotes
  quoted: boolean;
  unclosed: boolean; // an opening quote with no closing one
  start: number;
  valueStart: number;
  end: number;
}

export type Token = WordToken | PairToken;

export interface Tokens {
  source: string; // the normalised text the offsets point into
  tokens: Token[];
}

const DOUBLE_CLOSERS = '"“”';
const SINGLE_CLOSERS = '\'‘’';
const CLOSERS: Record<string, string> = {
  '"': DOUBLE_CLOSERS,
  '“': DOUBLE_CLOSERS,
  '”': DOUBLE_CLOSERS,
  '„': DOUBLE_CLOSERS,
  "'": SINGLE_CLOSERS,
  '‘': SINGLE_CLOSERS,
  '’': SINGLE_CLOSERS,
};

const ODD_SPACES = /[\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;
const KEY_AT = /[A-Za-z][A-Za-z0-9_-]*[ \t]*=/y;

/**
 * Non-breaking and other odd spaces become plain spaces; controls, bidi overrides and zero-width
 * marks go (core/sanitize); line breaks are `\n`; ends are trimmed. Every value the parser reads passes here.
 */
export function normalizeText(text: string): string {
  return cleanText(text.replace(/&nbsp;/gi, ' ').replace(ODD_SPACES, ' ')).trim();
}

const isSpace = (ch: string | undefined): boolean => ch !== undefined && /\s/.test(ch);

/** The text being read and where the last closing quotes are. */
interface Scan {
  s: string;
  lastCloser: Map<string, number>; // per quote family
}

/** End of an unquoted run; a mention `@{id|name}` is kept whole (its name may hold spaces). */
function runEnd({ s }: Scan, from: number): number {
  let i = from;
  while (i < s.length && !isSpace(s[i])) {
    MENTION_SPAN.lastIndex = i;
    const mention = s[i] === '@' ? MENTION_SPAN.exec(s) : null;
    i = mention !== null ? i + mention[0].length : i + 1;
  }
  return i;
}

/** Index of the quote closing the one at `open`: a closer followed by a space or the end. */
function closingQuote({ s, lastCloser }: Scan, open: number): number {
  const closers = CLOSERS[s[open]];
  if (closers === undefined || open >= (lastCloser.get(closers) ?? -1)) return -1;
  for (let j = open + 1; j < s.length; j += 1) {
    if (closers.includes(s[j]) && (j + 1 === s.length || isSpace(s[j + 1]))) return j;
  }
  return -1;
}

/** Where the last possible closers are: an opening quote after them needs no search (long text stays linear). */
function scanOf(s: string): Scan {
  const last = new Map<string, number>();
  for (let j = 0; j < s.length; j += 1) {
    const family = [DOUBLE_CLOSERS, SINGLE_CLOSERS].find((f) => f.includes(s[j]));
    if (family !== undefined && (j + 1 === s.length || isSpace(s[j + 1]))) last.set(family, j);
  }
  return { s, lastCloser: last };
}

interface Piece {
  text: string;
  quoted: boolean;
  unclosed: boolean;
  end: number;
}

function readPiece(scan: Scan, start: number): Piece {
  const { s } = scan;
  if (CLOSERS[s[start]] !== undefined) {
    const close = closingQuote(scan, start);
    if (close > start) return { text: s.slice(start + 1, close), quoted: true, unclosed: false, end: close + 1 };
    const end = runEnd(scan, start);
    return { text: s.slice(start, end), quoted: false, unclosed: '"“„'.includes(s[start]), end };
  }
  const end = runEnd(scan, start);
  return { text: s.slice(start, end), quoted: false, unclosed: false, end };
}

function skipSpaces(s: string, from: number): number {
  let i = from;
  while (i < s.length && isSpace(s[i])) i += 1;
  return i;
}

function keyAt(s: string, at: number): RegExpExecArray | null {
  KEY_AT.lastIndex = at;
  return KEY_AT.exec(s);
}

function readPair(scan: Scan, start: number, match: string): PairToken {
  const { s } = scan;
  const rawKey = match.slice(0, match.indexOf('=')).trim();
  let valueStart = skipSpaces(s, start + match.length);
  // `p= i=3`: an empty value, not the next pair swallowed as the value (`mitigation=a=b` is a value).
  const spaced = valueStart > start + match.length;
  const emptyValue = valueStart >= s.length || (spaced && keyAt(s, valueStart) !== null);
  if (emptyValue) valueStart = start + match.length;
  const empty: Piece = { text: '', quoted: false, unclosed: false, end: valueStart };
  const piece = emptyValue ? empty : readPiece(scan, valueStart);
  return {
    kind: 'pair',
    key: rawKey.toLowerCase(),
    rawKey,
    value: piece.text,
    quoted: piece.quoted,
    unclosed: piece.unclosed,
    start,
    valueStart,
    end: piece.end,
  };
}

/** Tokenises already trimmed or raw text; offsets refer to `normalizeText(text)`. */
export function tokenize(text: string): Tokens {
  const s = normalizeText(text);
  const scan = scanOf(s);
  const tokens: Token[] = [];
  let i = skipSpaces(s, 0);
  while (i < s.length) {
    const key = keyAt(s, i);
    if (key !== null) {
      const pair = readPair(scan, i, key[0]);
      tokens.push(pair);
      i = pair.end;
    } else {
      const piece = readPiece(scan, i);
      tokens.push({ kind: 'word', text: piece.text, quoted: piece.quoted, start: i, end: piece.end });
      i = piece.end;
    }
    i = skipSpaces(s, i);
  }
  return { source: s, tokens };
}

/** The text covered by `tokens`, as typed; a lone quoted token gives its unquoted text. */
export function spanText(source: string, tokens: readonly Token[]): string {
  if (tokens.length === 0) return '';
  const first = tokens[0];
  if (tokens.length === 1 && first.kind === 'word' && first.quoted) return first.text;
  return source.slice(first.start, tokens[tokens.length - 1].end);
}
