// What stored text may hold. Controls and bidi overrides hide, reorder or cut what people read
// (a U+202E makes "gnp.exe" look like "exe.png"; a NUL truncates it in some clients), so they are
// dropped wherever text enters the domain: the command parser, card values, people's names.

/** C0 controls but tab, line feed and carriage return; DEL; C1 controls. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
/** Bidi marks, embeddings, overrides and isolates ("Trojan Source"), and the Arabic letter mark. */
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
/**
 * Invisible characters: zero-width space, word joiner, invisible operators, byte-order mark,
 * interlinear annotation marks. ZWNJ and ZWJ (U+200C/D) stay: Persian, Indic scripts and emoji need them.
 */
const INVISIBLE = /[\u200B\u2060-\u2064\uFEFF\uFFF9-\uFFFB]/g;
/** Half a surrogate pair: not text at all, and not valid UTF-8 for the database. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Line breaks in every spelling: CRLF, CR, vertical tab, form feed, NEL, line and paragraph separators. */
// eslint-disable-next-line no-control-regex -- vertical tab and form feed are line breaks here
const LINE_BREAK = /\r\n?|[\u000B\u000C\u0085\u2028\u2029]/g;

/** Longer than any platform allows a display name (Teams 256, Slack 80). */
export const NAME_MAX = 256;

function dropHidden(text: string): string {
  return text.replace(CONTROLS, '').replace(BIDI, '').replace(INVISIBLE, '').replace(LONE_SURROGATE, '');
}

/** Multi-line free text (description, mitigation, summary…): tabs and line breaks stay, as `\n`. */
export function cleanText(text: string): string {
  return dropHidden(text.replace(LINE_BREAK, '\n'));
}

/** One line (titles, names): line breaks and tabs become spaces. Not trimmed. */
export function cleanLine(text: string): string {
  return dropHidden(text.replace(LINE_BREAK, '\n').replace(/[ \t]*\n[ \t]*/g, ' ').replace(/\t/g, ' '));
}

/** A display name from a platform (Teams `from.name`, Slack's profile), as one clean line of at most `max` characters. */
export function cleanName(name: unknown, max = NAME_MAX): string {
  if (typeof name !== 'string') return '';
  const line = cleanLine(name).trim();
  const chars = Array.from(line);
  return chars.length <= max ? line : chars.slice(0, max).join('').trimEnd();
}
