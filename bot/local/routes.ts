import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Activity, CloudAdapter, ActivityHandler } from 'botbuilder';
import express, { type Express, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { LocalConversations, UnknownConversationError } from './conversations';
import { chatPage } from './page';

/** The bot as the local chat shows it. */
export const LOCAL_BOT = { id: 'pmo-assistant', name: 'PMO Assistant', role: 'bot' } as const;
/** The channel id local activities carry; `workspaceOf` puts every non-Teams channel in the local workspace. */
export const LOCAL_CHANNEL_ID = 'webchat';
const DIRECT_LINE = '/v3/directline';
const CONNECTOR = '/local/connector';
const TOKEN_SECONDS = 3600;

export interface LocalChatDeps {
  adapter: CloudAdapter;
  bot: ActivityHandler;
  logger: Logger;
  conversations?: LocalConversations;
}

/**
 * Web Chat's full bundle (React included) from node_modules. The package's `exports` only name its
 * entry points, so the bundle is found next to the CommonJS entry.
 */
export function webChatBundlePath(): string {
  return path.join(path.dirname(require.resolve('botframework-webchat')), '..', 'dist', 'webchat.js');
}

/** How this server reaches itself: the address and port the request came in on (loopback for a local browser). */
function selfUrl(req: Request): string {
  const raw = (req.socket.localAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
  const host = raw.includes(':') ? `[${raw}]` : raw;
  return `http://${host}:${req.socket.localPort}`;
}

function token(): string {
  return randomBytes(24).toString('base64url');
}

function param(req: Request, name: string): string {
  return String(req.params[name] ?? '');
}

/**
 * A local channel so anyone can try the bot without Teams or Slack: the chat page at `GET /`
 * (Bot Framework Web Chat, served from node_modules), a minimal Direct Line 3.0 (polling) for the
 * page, and the Bot Connector endpoints the bot replies to (its `serviceUrl`). Messages reach the
 * bot through the same CloudAdapter and PmoBot as Teams traffic, so it behaves the same.
 */
export function mountLocalChat(app: Express, deps: LocalChatDeps): LocalConversations {
  const conversations = deps.conversations ?? new LocalConversations();
  const logger = deps.logger.child({ transport: 'local-chat' });
  const json = express.json({ limit: '1mb' });

  const known = (handler: (req: Request, res: Response) => Promise<void> | void) => async (req: Request, res: Response) => {
    try {
      await handler(req, res);
    } catch (err) {
      if (err instanceof UnknownConversationError) {
        res.status(404).json({ error: { code: 'BadArgument', message: 'Conversation not found (the bot restarted?). Reload the page.' } });
        return;
      }
      throw err;
    }
  };

  app.get('/', (_req, res) => {
    res.type('html').set('cache-control', 'no-store').send(chatPage());
  });
  app.get('/favicon.ico', (_req, res) => {
    res.status(204).end();
  });
  const bundle = webChatBundlePath();
  app.get('/webchat/webchat.js', (_req, res) => {
    res.type('js').set('cache-control', 'public, max-age=3600').sendFile(bundle);
  });

  // Direct Line 3.0, the subset Web Chat uses when polling (webSocket: false).
  app.post(`${DIRECT_LINE}/conversations`, (_req, res) => {
    const conversationId = conversations.start();
    res.status(201).json({ conversationId, token: token(), expires_in: TOKEN_SECONDS });
  });
  app.post(`${DIRECT_LINE}/tokens/refresh`, (_req, res) => {
    res.json({ token: token(), expires_in: TOKEN_SECONDS });
  });
  app.get(`${DIRECT_LINE}/conversations/:id`, known((req, res) => {
    if (!conversations.has(param(req, 'id'))) throw new UnknownConversationError(param(req, 'id'));
    res.json({ conversationId: param(req, 'id'), token: token(), expires_in: TOKEN_SECONDS });
  }));
  app.get(`${DIRECT_LINE}/conversations/:id/activities`, known((req, res) => {
    res.json(conversations.since(param(req, 'id'), Number(req.query.watermark ?? 0)));
  }));
  app.post(`${DIRECT_LINE}/conversations/:id/activities`, json, known(async (req, res) => {
    const conversationId = param(req, 'id');
    const posted = (req.body ?? {}) as Partial<Activity>;
    if (typeof posted.type !== 'string') {
      res.status(400).json({ error: { code: 'BadArgument', message: 'An activity needs a type.' } });
      return;
    }
    const from = posted.from?.id ? { id: String(posted.from.id), name: posted.from.name ? String(posted.from.name) : 'You', role: 'user' } : { id: 'local-user', name: 'You', role: 'user' };
    const stored = conversations.append(conversationId, { ...posted, from, recipient: { ...LOCAL_BOT }, channelId: LOCAL_CHANNEL_ID });
    const activity = {
      ...stored,
      serviceUrl: `${selfUrl(req)}${CONNECTOR}/`,
      conversation: { id: conversationId, conversationType: 'personal', isGroup: false },
    } as Activity;
    try {
      // Like Direct Line, answer once the bot has taken the turn; its replies arrive through the connector routes.
      await deps.adapter.processActivityDirect('', activity, (context) => deps.bot.run(context));
    } catch (err) {
      logger.error({ err: (err as Error).message }, 'the bot failed a local chat turn');
    }
    res.json({ id: stored.id });
  }));

  // The Bot Connector the bot replies through (its serviceUrl for local activities).
  const reply = known((req, res) => {
    const conversationId = param(req, 'conversationId');
    const body = (req.body ?? {}) as Partial<Activity>;
    const stored = conversations.append(conversationId, { ...body, from: { ...LOCAL_BOT }, channelId: LOCAL_CHANNEL_ID });
    res.json({ id: stored.id });
  });
  app.post(`${CONNECTOR}/v3/conversations/:conversationId/activities/:activityId`, json, reply);
  app.post(`${CONNECTOR}/v3/conversations/:conversationId/activities`, json, reply);
  app.put(`${CONNECTOR}/v3/conversations/:conversationId/activities/:activityId`, json, known((req, res) => {
    const ok = conversations.replace(param(req, 'conversationId'), param(req, 'activityId'), req.body as Partial<Activity>);
    res.status(ok ? 200 : 404).json({ id: param(req, 'activityId') });
  }));

  logger.info('local chat at / (Web Chat over a local Direct Line)');
  return conversations;
}
