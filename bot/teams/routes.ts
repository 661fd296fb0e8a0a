import type { Activity, TurnContext } from 'botbuilder';
import express, { type Express } from 'express';
import { bodyErrors } from '../server';
import type { TeamsAdapter } from './adapter';
import { TokenRefused } from './token-refusal';

/**
 * The Bot Connector refuses messages over 256 KiB (MessageSizeTooBig, 262,144 bytes) and Teams
 * keeps a message under 100 KB, so no activity Teams sends is bigger; nothing bigger is buffered.
 */
export const ACTIVITY_BODY_LIMIT = '256kb';

/** The body as an activity (timestamps as dates, as botbuilder's own parser makes them), or undefined. */
function activityFrom(body: unknown): Activity | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const activity = body as Record<string, unknown>;
  if (typeof activity.type !== 'string' || !activity.type) return undefined;
  for (const [field, raw] of [['timestamp', 'rawTimestamp'], ['localTimestamp', 'rawLocalTimestamp'], ['expiration', 'rawExpiration']]) {
    const value = activity[field];
    if (typeof value === 'string') {
      activity[raw] = value;
      activity[field] = new Date(value);
    }
  }
  return activity as unknown as Activity;
}

/**
 * POST /api/messages: Bot Framework activities from Teams (or our local chat) into the bot. A bad
 * token is a 401 and anything else that fails a 500, both without the library's text or a stack.
 */
export function mountTeams(app: Express, adapter: TeamsAdapter, logic: (context: TurnContext) => Promise<void>): void {
  const { logger } = adapter;
  const handle: express.RequestHandler = async (req, res) => {
    const activity = activityFrom(req.body);
    if (!activity) {
      res.status(400).json({ error: 'not an activity' });
      return;
    }
    // With MicrosoftAppId this door is Teams' alone: another channel (Web Chat, Direct Line, the
    // emulator) is refused before its token is even looked at, however well it is signed.
    if (adapter.requiresToken && activity.channelId !== 'msteams') {
      logger.warn({ channelId: String(activity.channelId), ip: req.ip }, 'Teams: request refused, not a Teams channel');
      res.status(403).json({ error: 'forbidden' });
      return;
    }
    const authHeader = typeof req.headers.authorization === 'string' ? req.headers.authorization : '';
    let auth;
    try {
      auth = await adapter.authenticate(activity, authHeader);
    } catch (err) {
      if (err instanceof TokenRefused) {
        logger.warn({ reason: err.reason, channelId: activity.channelId, ip: req.ip }, 'Teams: request refused, bad Bot Framework token');
        res.status(401).set('WWW-Authenticate', 'Bearer').json({ error: 'unauthorized' });
      } else {
        logger.error({ err: (err as Error)?.message }, 'Teams: could not check the Bot Framework token');
        res.status(500).json({ error: 'internal_error' });
      }
      return;
    }
    try {
      const invoke = await adapter.runAuthenticated(auth, activity, logic);
      res.status(invoke?.status ?? 200);
      if (invoke?.body === undefined) res.end();
      else res.json(invoke.body);
    } catch (err) {
      logger.error({ err: (err as Error)?.message, stack: (err as Error)?.stack }, 'Teams: activity failed outside the turn');
      if (!res.headersSent) res.status(500).json({ error: 'internal_error' });
    }
  };
  app.post('/api/messages', express.json({ limit: ACTIVITY_BODY_LIMIT }), handle, bodyErrors(logger));
}
