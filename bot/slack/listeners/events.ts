import type { SlackEventMiddlewareArgs } from '@slack/bolt';
import { fromMessage, type EventEnvelope, type MessageEventLike } from '../inbound';
import type { SlackTurns } from '../turns';

type EventArgs = { body: EventEnvelope; event: unknown };

const asMessage = (event: unknown): MessageEventLike => event as MessageEventLike;

// bolt acknowledges events itself; with processBeforeResponse (receiver.ts) the 200 leaves only
// once these listeners return, so recording here still comes before it.

/** `@PMO Assistant risk …` in a channel: answered in the mention's thread. */
export function appMention(turns: SlackTurns) {
  return async function onAppMention({ body, event }: EventArgs): Promise<void> {
    const inbound = fromMessage(body, asMessage(event), 'mention');
    if (inbound) (await turns.accept({ type: 'conversation', inbound }))();
  };
}

/** A message in the bot's DM (Messages tab); channel messages arrive as app_mention instead. */
export function directMessage(turns: SlackTurns) {
  return async function onDirectMessage({ body, event }: EventArgs): Promise<void> {
    const message = asMessage(event);
    if (message.channel_type !== 'im') return;
    const inbound = fromMessage(body, message, 'message');
    if (inbound) (await turns.accept({ type: 'conversation', inbound }))();
  };
}

/** The Home tab opened: the person's open items and their projects' RAG, published for them alone. */
export function appHomeOpened(turns: SlackTurns) {
  return async function onAppHomeOpened({ body, event }: SlackEventMiddlewareArgs<'app_home_opened'>): Promise<void> {
    if (event.tab !== 'home' || !body.team_id) return;
    (await turns.accept({ type: 'home', key: `event:${body.event_id}`, teamId: body.team_id, userId: event.user }))();
  };
}

/** Uninstalled, or its tokens revoked: the stored installation goes (the workspace's data stays). */
export function appRemoved(turns: SlackTurns) {
  return async function onAppRemoved({ body }: EventArgs & { body: { team_id?: string; event_id?: string } }): Promise<void> {
    const teamId = body.team_id;
    if (!teamId || !body.event_id) return;
    (await turns.accept({ type: 'removed', key: `event:${body.event_id}`, teamId }))();
  };
}
