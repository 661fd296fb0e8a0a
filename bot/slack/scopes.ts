// The bot scopes the app asks for, least privilege; manifest/slack-manifest.yml lists the same (a test holds them equal).

export const SLACK_BOT_SCOPES = [
  'commands', // the /pmo slash command and the "Log in PMO register" message shortcut
  'chat:write', // replies, confirmations, digests and reminders in DMs and the channels the bot is in
  'app_mentions:read', // @PMO Assistant in a channel (the app_mention event)
  'im:history', // messages sent to the bot in its DM (the message.im event)
  'users:read', // display names, and whether someone is a workspace admin/owner (SPEC §2: they count as PMO admins)
  'files:write', // `export`: the register as a CSV file
] as const;

/** Events the app subscribes to; none needs a scope beyond the list above. */
export const SLACK_BOT_EVENTS = ['app_mention', 'message.im', 'app_home_opened', 'app_uninstalled', 'tokens_revoked'] as const;
