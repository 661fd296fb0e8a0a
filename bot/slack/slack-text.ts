// Slack's message text to the plain text the command parser reads; person mentions stay `<@U…>`.

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

/** Puts each mentioned person's current display name in their mention (`<@U1|Jane Doe>`), for the parser. */
export function nameMentions(text: string, names: ReadonlyMap<string, string>): string {
  return text.replace(USER_MENTION, (whole, id: string) => {
    const name = names.get(id)?.replace(/[<>|]/g, '').trim();
    return name ? `<@${id}|${name}>` : whole;
  });
}
