import type { Activity } from 'botbuilder';
import express, { type Request, type RequestHandler, type Router } from 'express';
import type { LocalConversations } from './conversations';

/** The bot as the local chat shows it. */
export const LOCAL_BOT = { id: 'pmo-assistant', name: 'PMO Assistant', role: 'bot' } as const;
/** The channel id local activities carry; `workspaceOf` puts every non-Teams channel in the local workspace. */
export const LOCAL_CHANNEL_ID = 'webchat';
/** Direct Line asks for a refresh at half this; the token stays the conversation's as long as it is kept. */
const TOKEN_SECONDS = 3600;

export interface DirectLineDeps {
  conversations: LocalConversations;
  /** Where the bot replies to this request's conversation (the local connector, its secret included). */
  serviceUrl(req: Request): string;
  /** Runs one activity through the bot; resolves once the bot has taken the turn. */
  turn(activity: Activity): Promise<void>;
}

const problem = (code: string, message: string) => ({ error: { code, message } });

/** The token of `Authorization: Bearer <token>`, which Web Chat (directlinejs) sends on every call. */
function bearerOf(req: Request): string {
  return /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
}

/**
 * Direct Line 3.0, the subset Web Chat uses when polling (webSocket: false). A conversation is read,
 * resumed and spoken in only with the token it was started with, checked before its body is read.
 */
export function directLineRoutes(deps: DirectLineDeps): Router {
  const { conversations } = deps;
  const router = express.Router();
  const json = express.json({ limit: '256kb' }); // a typed message or a card's inputs

  const authorized: RequestHandler = (req, res, next) => {
    const id = String(req.params.id);
    if (!conversations.has(id)) {
      res.status(404).json(problem('BadArgument', 'Conversation not found (the bot restarted?). Reload the page.'));
    } else if (!conversations.tokenFits(id, bearerOf(req))) {
      res.status(403).json(problem('TokenInvalid', 'This token is not valid for this conversation.'));
    } else {
      next();
    }
  };

  router.post('/conversations', (_req, res) => {
    const { id, token } = conversations.start();
    res.status(201).json({ conversationId: id, token, expires_in: TOKEN_SECONDS });
  });
  router.post('/tokens/refresh', (req, res) => {
    const token = bearerOf(req);
    const id = conversations.conversationOf(token);
    if (id === undefined) {
      res.status(403).json(problem('TokenInvalid', 'This token is not valid.'));
      return;
    }
    res.json({ conversationId: id, token, expires_in: TOKEN_SECONDS });
  });
  router.get('/conversations/:id', authorized, (req, res) => {
    res.json({ conversationId: String(req.params.id), token: bearerOf(req), expires_in: TOKEN_SECONDS });
  });
  router.get('/conversations/:id/activities', authorized, (req, res) => {
    res.json(conversations.since(String(req.params.id), Number(req.query.watermark ?? 0)));
  });
  router.post('/conversations/:id/activities', authorized, json, async (req, res) => {
    const conversationId = String(req.params.id);
    const posted = (req.body ?? {}) as Partial<Activity>;
    if (typeof posted.type !== 'string') {
      res.status(400).json(problem('BadArgument', 'An activity needs a type.'));
      return;
    }
    // Every value the bot reads has the type it expects: an object never becomes a person or a text.
    const sender: unknown = posted.from?.id;
    const name: unknown = posted.from?.name;
    if ((sender !== undefined && (typeof sender !== 'string' || !/^[\x21-\x7e]{1,128}$/.test(sender))) || (posted.text !== undefined && typeof posted.text !== 'string')) {
      res.status(400).json(problem('BadArgument', 'from.id and text must be short strings.'));
      return;
    }
    const from = { id: sender || 'local-user', name: typeof name === 'string' && name ? name : 'You', role: 'user' };
    const stored = conversations.append(conversationId, { ...posted, from, recipient: { ...LOCAL_BOT }, channelId: LOCAL_CHANNEL_ID });
    const activity = {
      ...stored,
      serviceUrl: deps.serviceUrl(req),
      conversation: { id: conversationId, conversationType: 'personal', isGroup: false },
    } as Activity;
    // Like Direct Line, answer once the bot has taken the turn; its replies arrive through the connector routes.
    await deps.turn(activity);
    res.json({ id: stored.id });
  });
  return router;
}
