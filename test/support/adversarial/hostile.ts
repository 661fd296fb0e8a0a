// What the randomized wire test types and submits: injection-shaped values, controls, bidi
// overrides, emoji, lone surrogates, very long text, and values of the wrong type.
import type { Prng } from './prng';

/** Shaped like operators, prototype keys, paths or markup; none of them contains `=` or a closing quote. */
export const INJECTIONS = [
  '{"$ne": null}', '{"$gt": ""}', '$where', '__proto__', 'constructor', 'prototype', 'toString', 'a.b', '$set',
  '{"$set": {"title": "pwned"}}', '{"$regex": ".*"}', '$expr', 'hasOwnProperty', 'valueOf', 'this.constructor',
  'Object.prototype.polluted', 'sleep(5000)', 'db.risks.drop()', '; DROP TABLE risks; --', '%s%n%x', '../../etc/passwd',
  '${process.exit(1)}', '{{constructor.constructor}}', '<script>alert(1)</script>', 'javascript:alert(1)', 'R-1', 'I-2',
  '*bold* _it_ ~s~ `code`', '@here', '\\u0000', '[link](http://evil.example)', '0x7fffffff', 'NaN', 'null', 'undefined',
] as const;

/** Text that must survive untouched: astral emoji, ZWJ sequences, flags, combining marks, RTL scripts. */
export const UNICODE = [
  '🚀', '🔥🔥', '👩‍👩‍👧‍👦', '🇺🇦', 'Ünïcödé', 'مرحبا بالعالم', 'שלום', '𝕏𝕪𝕫', 'e\u0301', 'ＡＢＣ', 'straße', '日本語', 'ﷺ', 'Ω≈ç√',
] as const;

/** Characters core/sanitize drops from stored text: C0/C1 controls, DEL, bidi marks and overrides, invisibles. */
export const HIDDEN = [
  '\u0000', '\u0007', '\u001b', '\u007f', '\u009b', '\u202e', '\u202c', '\u200f', '\u200e', '\u2066', '\u2069', '\u200b', '\u2060', '\ufeff', '\u061c',
] as const;

const WORDS = ['Vendor', 'API', 'may', 'slip', 'budget', 'cut', 'rig', 'down', 'printer', 'on', 'fire', 'data', 'centre', 'move', 'late', 'audit'];
const LONE = ['\ud83d', '\ud800', '\udfff', '\udc00'];
const QUOTES = '"“”„\'‘’';

/** `qqta17qq`: marks text as typed in one workspace, so it can be looked for in every other's replies. */
export const markerOf = (code: string, n: number): string => `qq${code}${n}qq`;
export const MARKER = /qq(t[ab]|s[ab])\d+qq/g;

/** Inserts `count` characters of `pool` at code point boundaries (never inside a surrogate pair). */
export function sprinkle(r: Prng, text: string, pool: readonly string[], count: number): string {
  const points = Array.from(text);
  for (let k = 0; k < count; k++) points.splice(r.int(0, points.length), 0, r.pick(pool));
  return points.join('');
}

/** A title a parser must read as plain words: no `=`, no quote that could open or close a quoted value, no mention syntax. */
export function isPlainTitle(title: string): boolean {
  if (title === '' || title.length > 150 || title.includes('=') || QUOTES.includes(title[0])) return false;
  if (/[<](at>|\/at>|[@#!])/i.test(title) || /&nbsp;/i.test(title)) return false;
  return ![...title].some((ch, i) => QUOTES.includes(ch) && (i + 1 === title.length || /\s/.test(title[i + 1])));
}

export interface TypedTitle {
  /** What is sent: the visible text with hidden characters sprinkled in. */
  typed: string;
  /** What must be stored: the visible text, as typed, less what sanitisation documents it drops. */
  stored: string;
}

/**
 * A title of words, injection-shaped values and Unicode around `marker`, with hidden characters
 * in it; `loneSurrogates` adds half emoji (Teams sends them as JSON escapes; Slack's form encoding cannot).
 */
export function typedTitle(r: Prng, marker: string, loneSurrogates: boolean): TypedTitle {
  for (;;) {
    const pieces = Array.from({ length: r.int(1, 4) }, () => r.weighted<readonly string[]>([[2, WORDS], [3, INJECTIONS], [2, UNICODE]]))
      .map((pool) => r.pick(pool));
    pieces.splice(r.int(0, pieces.length), 0, marker);
    const visible = pieces.join(' ');
    if (!isPlainTitle(visible)) continue;
    let typed = sprinkle(r, visible, HIDDEN, r.int(0, 4));
    if (loneSurrogates && r.chance(0.3)) typed = sprinkle(r, typed, ['\ud83d', '\udbff'], 1); // lone highs only: two never pair
    return { typed, stored: visible };
  }
}

/** 10,000+ characters of words and hostile values, marked at both ends. */
export function longText(r: Prng, marker: string): string {
  const parts: string[] = [marker];
  let length = marker.length;
  const target = r.int(10_000, 12_500);
  while (length < target) {
    const part = r.weighted<readonly string[]>([[3, WORDS], [1, INJECTIONS], [1, UNICODE], [1, HIDDEN]]);
    const piece = r.pick(part);
    parts.push(piece);
    length += piece.length + 1;
  }
  parts.push(marker);
  return parts.join(r.chance(0.2) ? '\n' : ' ');
}

/** Free text of one of the hostile shapes, marked unless it is meant to be a bare value. */
export function junkText(r: Prng, marker: string): string {
  switch (r.int(0, 9)) {
    case 0:
      return longText(r, marker);
    case 1:
      return r.pick(INJECTIONS); // bare, as the whole message
    case 2:
      return `${marker} ${sprinkle(r, 'x'.repeat(r.int(1, 30)), ['\u0000', '\u0007', '\u001b', '\t', '\r\n', '\u2028', '\u000b', '\u0085'], r.int(3, 20))}`;
    case 3:
      return `${sprinkle(r, `${marker} ${r.pick(WORDS)} ${r.pick(UNICODE)}`, ['\u202e', '\u200f', '\u202d', '\u2067', '\u061c'], r.int(1, 6))}`;
    case 4:
      return `${marker} ${sprinkle(r, r.pick(UNICODE), LONE, r.int(1, 4))} ${r.pick(LONE)}`;
    case 5:
      return r.pick(['', ' ', '\u200b', '\u0000', '\n\n', '\u202e', '  \t ']);
    case 6:
      return `${marker} ${Array.from({ length: r.int(5, 60) }, () => r.pick(UNICODE)).join('')}`;
    case 7:
      return JSON.stringify({ verb: 'pmo.form.submit', command: 'risk', title: marker, $where: '1' });
    default:
      return `${r.pick(INJECTIONS)} ${marker} ${r.pick(INJECTIONS)}`;
  }
}

/** A value of any JSON type where a card field expects text. */
export function hostileValue(r: Prng, marker: string, depth = 0): unknown {
  switch (r.int(0, 13)) {
    case 0:
      return { $ne: null };
    case 1:
      return { $gt: '' };
    case 2:
      return [marker, r.pick(INJECTIONS)];
    case 3:
      return r.pick([42, -1, 0, 3, 3.5, 1e21, Number.MAX_SAFE_INTEGER]);
    case 4:
      return r.pick([true, false, null]);
    case 5:
      return JSON.parse(`{"__proto__": {"polluted": "${marker}", "isAdmin": true}}`);
    case 6:
      return { constructor: { prototype: { polluted: marker } } };
    case 7:
      return depth < 2 ? { nested: hostileValue(r, marker, depth + 1), $where: 'sleep(100)' } : 'deep';
    case 8:
      return longText(r, marker);
    case 9:
      return nest(r.int(20, 200), marker);
    default:
      return r.chance(0.5) ? typedTitle(r, marker, true).typed : r.pick(['3', '5', '0', '6', 'APOLLO', 'high', '2026-02-31', 'next friday', '']);
  }
}

/** `{"a": {"a": … marker}}`, `depth` deep. */
export function nest(depth: number, leaf: unknown): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}
