// Slack's message text to the plain text the command parser reads; person mentions become `@{U…|name}`.
import { mentionToken } from '../../core/commands';

const USER_MENTION = /<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g;

/** Removes the bot's own @mention (`<@UBOT>` or `<@UBOT|pmo>`) from an app_mention's text. */
export function stripBotMention(text: string, botUserId: string | undefined): string {
  if (botUserId) return text.replace(new RegExp(`<@${botUserId}(?:\\|[^>]*)?>`, 'g'), ' ');
  return text.replace(/^\s*<@[UW][A-Z0-9]+(?:\|[^>]*)?>/, ' '); // the mention that triggered the event leads
}

/**
 * Links become their text (or URL), channels `#name`, `<!here>` `@here`, then Slack's three
 * escapes are undone; non-breaking spaces become plain ones.
 */
export function plainFromSlack(text: string): string {
  return text
    .replace(/<#[CG][A-Z0-9]+\|([^>]*)>/g, '#$1')
    .replace(/<!(here|channel|everyone)(?:\|[^>]*)?>/g, '@$1')
    .replace(/<!subteam\^[A-Z0-9]+\|([^>]*)>/g, '$1')
    .replace(/<((?:https?|mailto):[^|>]+)\|([^>]*)>/g, (_m, url: string, label: string) => (label === url.replace(/^mailto:/, '') ? label : label || url))
    .replace(/<((?:https?|mailto):[^>]+)>/g, (_m, url: string) => url.replace(/^mailto:/, ''))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\u00a0/g, ' ')
    .trim();
}

/** The user ids @mentioned in a text. */
export function mentionedUserIds(text: string): string[] {
  return [...new Set([...text.matchAll(USER_MENTION)].map((m) => m[1]))];
}

const ANY_MENTION = /<@([A-Z0-9]+)(?:\|([^>]*))?>/gi;

/**
 * Each person mention in the parser's form, with their current display name (`<@U1>` → `@{U1|Jane Doe}`);
 * without one the name Slack gave in the mention, if any.
 */
export function nameMentions(text: string, names: ReadonlyMap<string, string>): string {
  return text.replace(ANY_MENTION, (_whole, id: string, label: string | undefined) => mentionToken(id, names.get(id)?.replace(/[<>]/g, '') || label));
}
