import type { SlackEventMiddlewareArgs } from '@slack/bolt';
import type { InstallationStore } from '@slack/oauth';
import type { Logger } from 'pino';
import type { SlackDirectory } from '../directory';
import { publishHome } from '../home';
import { fromMessage, type EventEnvelope, type MessageEventLike } from '../inbound';
import type { SlackTurns } from '../turns';

type EventArgs = { body: EventEnvelope; event: unknown };

const asMessage = (event: unknown): MessageEventLike => event as MessageEventLike;

/** `@PMO Assistant risk …` in a channel: answered in the mention's thread. */
export function appMention(turns: SlackTurns) {
  return async function onAppMention({ body, event }: EventArgs): Promise<void> {
    const inbound = fromMessage(body, asMessage(event), 'mention');
    if (inbound) turns.conversation(inbound);
  };
}

/** A message in the bot's DM (Messages tab); channel messages arrive as app_mention instead. */
export function directMessage(turns: SlackTurns) {
  return async function onDirectMessage({ body, event }: EventArgs): Promise<void> {
    const message = asMessage(event);
    if (message.channel_type !== 'im') return;
    const inbound = fromMessage(body, message, 'message');
    if (inbound) turns.conversation(inbound);
  };
}

/** The Home tab opened: the person's open items and their projects' RAG, published for them alone. */
export function appHomeOpened(turns: SlackTurns, deps: { directory: SlackDirectory; now?: () => Date }) {
  return async function onAppHomeOpened({ body, event }: SlackEventMiddlewareArgs<'app_home_opened'>): Promise<void> {
    if (event.tab !== 'home' || !body.team_id) return;
    turns.dispatch(`event:${body.event_id}`, { teamId: body.team_id }, async (opened) => {
      await publishHome(opened, event.user, { directory: deps.directory, now: deps.now?.() ?? new Date() });
    });
  };
}

/** Uninstalled, or its tokens revoked: the stored installation goes (the workspace's data stays). */
export function appRemoved(turns: SlackTurns, store: InstallationStore | undefined, logger: Logger) {
  return async function onAppRemoved({ body }: EventArgs & { body: { team_id?: string } }): Promise<void> {
    const teamId = body.team_id;
    if (!teamId) return;
    turns.dispatch(`event:${(body as { event_id?: string }).event_id}`, { teamId }, async () => {
      await store?.deleteInstallation?.({ teamId, isEnterpriseInstall: false, enterpriseId: undefined });
      logger.info({ team: teamId }, 'Slack app removed from a workspace; its installation is deleted');
    }, false);
  };
}
