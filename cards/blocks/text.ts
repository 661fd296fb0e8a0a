// User text made safe for Slack: mrkdwn escaped by Slack's rules and clipped to Block Kit's limits.
import { inputText, plainText } from '../text';
import type { Mrkdwn, PlainText } from './types';

const ELLIPSIS = '…';
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
// A lone surrogate is not valid Unicode; Slack would reject or mangle it.
const LONE_SURROGATE = /\p{Cs}/gu;

/** Slack's three mrkdwn escapes: user text can then never become a link, a mention or `<!channel>`. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const asIs = (text: string): string => text;

/**
 * At most `max` UTF-16 code units of `render(text)` (Slack counts characters; code units never
 * undercount them), cut between graphemes so no emoji or surrogate pair is split, marked with '…'.
 */
export function clipUnits(text: string, max: number, render: (text: string) => string = asIs): string {
  const whole = render(text);
  if (whole.length <= max) return whole;
  let out = '';
  for (const { segment } of segmenter.segment(text)) {
    const piece = render(segment);
    if (out.length + piece.length > max - ELLIPSIS.length) break;
    out += piece;
  }
  return out.trimEnd() + ELLIPSIS;
}

const wellFormed = (text: string): string => text.replace(LONE_SURROGATE, '\uFFFD');

/** One line of user text (whitespace collapsed, control characters dropped) without markup. */
export function plainLine(text: string | undefined, max: number): string {
  return clipUnits(wellFormed(plainText(text, Infinity)), max);
}

/** One line of user text for mrkdwn: escaped, then clipped so the escaped form fits `max`. */
export function mrkdwnLine(text: string | undefined, max: number): string {
  return clipUnits(wellFormed(plainText(text, Infinity)), max, escapeMrkdwn);
}

/** Multi-line user text for mrkdwn: line breaks kept, runs of blank lines folded into one. */
export function mrkdwnBlock(text: string | undefined, max: number): string {
  const lines = wellFormed(inputText(text ?? '', Infinity))
    .trim()
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trimEnd());
  const folded = lines.filter((line, i) => line !== '' || lines[i - 1] !== '');
  return clipUnits(folded.join('\n'), max, escapeMrkdwn);
}

/** An input's prefilled value: kept whole (cleaned), since an input submits whatever it holds. */
export function inputValue(text: string): string {
  return wellFormed(inputText(text, Infinity));
}

export function plain(text: string): PlainText {
  return { type: 'plain_text', text };
}

export function mrkdwn(text: string): Mrkdwn {
  return { type: 'mrkdwn', text };
}

/** `*Label*\nvalue`, the way a section field or a headed paragraph reads. */
export function labelled(label: string, body: string): string {
  return `*${escapeMrkdwn(label)}*\n${body}`;
}

/**
 * A time Slack shows in each reader's own time zone and locale, like Teams' {{DATE()}}; the text
 * after `|` is what clients that cannot render it show.
 */
export function slackDate(at: string): string | undefined {
  const time = Date.parse(at);
  if (Number.isNaN(time)) return undefined;
  const iso = new Date(time).toISOString().replace(/:\d{2}\.\d{3}Z$/, 'Z').replace('T', ' ');
  return `<!date^${Math.floor(time / 1000)}^{date_short} {time}|${iso}>`;
}
