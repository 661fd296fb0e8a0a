// Teams mentions at the door: each `<at>Name</at>` in the text becomes the parser's `@{id|name}`,
// resolved through the activity's mention entities (the bot's own mention is stripped before).
import type { Activity } from 'botbuilder';
import { mentionToken } from '../../core/commands';

interface MentionEntity {
  type: string;
  text?: unknown;
  mentioned?: { id?: unknown; name?: unknown };
}

interface Mention {
  text: string;
  id: string;
  name: string;
}

const squash = (s: string): string => s.replace(/\s+/g, ' ').trim().toLowerCase();
const textOf = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Teams mention entities of the message, the bot itself left out (its own mention was stripped). */
export function mentionsOf(activity: Partial<Activity>): Mention[] {
  const botId = activity.recipient?.id;
  return ((activity.entities ?? []) as MentionEntity[])
    .filter((e) => e.type === 'mention' && typeof e.mentioned?.id === 'string' && e.mentioned.id !== botId)
    .map((e) => ({ text: textOf(e.text), id: textOf(e.mentioned?.id), name: textOf(e.mentioned?.name) }));
}

/** The entity an `<at>` span names: the same text, else (clients differ in spacing and case) the same visible name. */
function find(span: string, inner: string, mentions: readonly Mention[]): Mention | undefined {
  const exact = mentions.find((m) => m.text === span);
  if (exact !== undefined) return exact;
  const want = squash(inner);
  return mentions.find((m) => squash(m.text.replace(/<\/?at>/gi, '')) === want || squash(m.name) === want);
}

/** `role <at>Jane Doe</at> pm` → `role @{29:jane|Jane Doe} pm`; a span no entity explains → `@{|Jane Doe}`. */
export function neutralMentions(text: string, mentions: readonly Mention[]): string {
  const lower = text.toLowerCase();
  let out = '';
  let from = 0;
  for (;;) {
    const open = lower.indexOf('<at>', from);
    const close = open < 0 ? -1 : lower.indexOf('</at>', open + 4);
    if (close < 0) return out + text.slice(from);
    const span = text.slice(open, close + 5);
    const inner = text.slice(open + 4, close);
    const found = find(span, inner, mentions);
    out += text.slice(from, open) + (found ? mentionToken(found.id, found.name) : mentionToken('', inner));
    from = close + 5;
  }
}
