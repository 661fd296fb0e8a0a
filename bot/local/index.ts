import type { Config } from '../config';

export { mountLocalChat, LOCAL_BOT, LOCAL_CHANNEL_ID, type LocalChat, type LocalChatDeps } from './routes';
export { LocalConversations } from './conversations';
export { isLoopbackHost, localOnly, loopbackCallerOnly } from './guard';

/** Local mode (SPEC §5): no Teams or Slack credentials, so the local chat is the way in. */
export function isLocalMode(config: Config): boolean {
  return !config.teams.appId && !config.slack.botToken && !config.slack.clientId;
}
