// The one mention form the parser reads: `@{<platform user id>|<display name>}`. The doors (bot/teams,
// bot/slack) turn the platform's own syntax (`<at>…</at>` with its entities, `<@U…|name>`) into it.

/** A mention span: braces hold an id, then optionally `|` and a name; neither holds braces or `|` in ids. */
export const MENTION_SPAN = /@\{[^{}\n]*\}/y;
const WHOLE = /^@\{([^{}|\n]*)(?:\|([^{}\n]*))?\}$/;

/** `@{29:jane|Jane Doe}`; an empty id (`@{|Carol}`) is a mention the platform did not resolve to anyone. */
export function mentionToken(id: string, name?: string): string {
  const shown = (name ?? '').replace(/[{}|]/g, '').replace(/\s+/g, ' ').trim();
  return shown ? `@{${id}|${shown}}` : `@{${id}}`;
}

/** The id and name of a whole-value mention token; undefined when `raw` is not one. */
export function readMention(raw: string): { id: string; name?: string } | undefined {
  const m = WHOLE.exec(raw);
  if (m === null) return undefined;
  return m[2] === undefined ? { id: m[1] } : { id: m[1], name: m[2] };
}
