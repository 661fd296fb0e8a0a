// User text made safe for Adaptive Card TextBlocks/facts (Markdown subset) and bounded in size.

/** Code-point limits per kind of text; together they keep every card well under Teams' 28 KB. */
export const TEXT_LIMITS = {
  headline: 200,
  rowTitle: 80,
  name: 50,
  short: 100,
  value: 200,
  longText: 1000,
  history: 80,
  input: 4000, // the longest field the parser accepts, so a re-shown form never loses text
} as const;

/** The size a card may grow to (UTF-8 bytes of its JSON), leaving room under Teams' ~28 KB for the activity. */
export const CARD_BYTE_BUDGET = 24_000;

const encoder = new TextEncoder();

/** What a piece of a card adds to the message, in UTF-8 bytes of its JSON. */
export function jsonBytes(value: unknown): number {
  return encoder.encode(JSON.stringify(value)).length;
}

/** The longest rendering, at most `max` code points of text, whose JSON fits in `bytes`. */
export function fitText(render: (max: number) => string, max: number, bytes: number): string {
  if (jsonBytes(render(max)) <= bytes) return render(max);
  let fits = 0;
  let tooBig = max;
  while (tooBig - fits > 1) {
    const mid = Math.floor((fits + tooBig) / 2);
    if (jsonBytes(render(mid)) <= bytes) fits = mid;
    else tooBig = mid;
  }
  return render(fits);
}

/**
 * Shares `bytes` among several texts: the short ones whole, the longest ones clipped evenly.
 * Returns the renderings in the original order.
 */
export function shareBytes(texts: readonly string[], bytes: number, render: (text: string, max: number) => string, max: number): string[] {
  const order = texts.map((text, index) => ({ index, size: jsonBytes(render(text, max)) })).sort((a, b) => a.size - b.size);
  const out: string[] = new Array<string>(texts.length);
  let left = bytes;
  order.forEach(({ index }, i) => {
    const share = Math.max(0, Math.floor(left / (order.length - i)));
    out[index] = fitText((m) => render(texts[index], m), max, share);
    left -= jsonBytes(out[index]);
  });
  return out;
}

const ELLIPSIS = '…';
// Control characters other than tab/newline render as garbage and bloat JSON as \u escapes.
const CONTROL = /(?![\t\n])\p{Cc}|[\u2028\u2029]/gu;
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Shortens to at most `max` code points (so the byte size stays bounded) without splitting an
 * emoji or accented letter, marking the cut with an ellipsis.
 */
export function clip(text: string, max: number): string {
  if (Array.from(text).length <= max) return text;
  let out = '';
  let count = 0;
  for (const { segment } of segmenter.segment(text)) {
    const size = Array.from(segment).length;
    if (count + size > max - 1) break;
    out += segment;
    count += size;
  }
  return out.trimEnd() + ELLIPSIS;
}

/** Escapes the Markdown that Teams renders in TextBlocks (emphasis, links, lists, {{DATE()}}). */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\*_[\]]/g, '\\$&')
    .replace(/^(\s*)([-+]|\d+\.)(?=\s|$)/gm, (_m, space: string, marker: string) =>
      marker.endsWith('.') ? `${space}${marker.slice(0, -1)}\\.` : `${space}\\${marker}`)
    .replace(/\{\{/g, '{\u200B{');
}

function clean(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROL, '');
}

/** One line of user text (titles, names, values): whitespace collapsed, trimmed, clipped, escaped. */
export function inlineText(text: string | undefined, max: number = TEXT_LIMITS.value): string {
  return escapeMarkdown(plainText(text, max));
}

/** Multi-line user text (descriptions, summaries): line breaks kept as Markdown paragraphs. */
export function blockText(text: string | undefined, max: number = TEXT_LIMITS.longText): string {
  const lines = clip(clean(text ?? '').trim(), max)
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trimEnd())
    .filter((line) => line.trim().length > 0);
  return lines.map(escapeMarkdown).join('\n\n');
}

/** Text shown without Markdown (button titles, input labels, choices, fallback): cleaned and clipped. */
export function plainText(text: string | undefined, max: number = TEXT_LIMITS.value): string {
  return clip(clean(text ?? '').replace(/\s+/g, ' ').trim(), max);
}

/** An input's prefilled value: not Markdown, so only cleaned and bounded. */
export function inputText(text: string, max: number = TEXT_LIMITS.input): string {
  return clip(clean(text), max);
}

/** The display form of an empty optional value. */
export const NONE = '—';
