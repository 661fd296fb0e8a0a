import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Activity } from 'botbuilder';
import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import { UnknownConversationError, type LocalConversations } from './conversations';
import { LOCAL_BOT, LOCAL_CHANNEL_ID } from './direct-line';

export const CONNECTOR_BASE = '/local/connector';

/** A per-process path segment of 192 random bits: only the bot, given it in its serviceUrl, knows it. */
export function newConnectorSecret(): string {
  return randomBytes(24).toString('base64url');
}

/** Answers 404 unless the path's secret is this process's, compared in constant time. */
export function secretPath(secret: string): RequestHandler {
  const expected = Buffer.from(secret);
  return (req, res, next) => {
    const given = Buffer.from(String(req.params.secret ?? ''));
    if (given.length === expected.length && timingSafeEqual(given, expected)) return next();
    res.status(404).json({ error: 'not found' });
  };
}

/** What the bot sent, as the transcript keeps it: from the bot, and without its serviceUrl (which holds the secret). */
function asBotActivity(body: unknown): Partial<Activity> {
  const { serviceUrl: _secret, ...activity } = (body ?? {}) as Partial<Activity>;
  return { ...activity, from: { ...LOCAL_BOT }, channelId: LOCAL_CHANNEL_ID };
}

const known = (handler: (req: Request, res: Response) => void): RequestHandler => (req, res, next) => {
  try {
    handler(req, res);
  } catch (err) {
    if (err instanceof UnknownConversationError) {
      res.status(404).json({ error: { code: 'BadArgument', message: 'Conversation not found.' } });
      return;
    }
    next(err);
  }
};

/**
 * The Bot Connector the bot replies through (its serviceUrl for local activities), mounted under
 * the secret path: replies, proactive messages and updated cards, to conversations the chat started.
 */
export function connectorRoutes(conversations: LocalConversations): Router {
  const router = express.Router();
  const json = express.json({ limit: '1mb' }); // cards with their chart images inline
  const reply = known((req, res) => {
    const stored = conversations.append(String(req.params.conversationId), asBotActivity(req.body));
    res.json({ id: stored.id });
  });
  router.post('/v3/conversations/:conversationId/activities/:activityId', json, reply);
  router.post('/v3/conversations/:conversationId/activities', json, reply);
  router.put('/v3/conversations/:conversationId/activities/:activityId', json, known((req, res) => {
    const activityId = String(req.params.activityId);
    const ok = conversations.replace(String(req.params.conversationId), activityId, asBotActivity(req.body));
    res.status(ok ? 200 : 404).json({ id: activityId });
  }));
  return router;
}
