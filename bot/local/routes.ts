import path from 'node:path';
import type { Activity, ActivityHandler, CloudAdapter } from 'botbuilder';
import type { Express, Request } from 'express';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { CONNECTOR_BASE, connectorRoutes, newConnectorSecret, secretPath } from './connector';
import { LocalConversations } from './conversations';
import { directLineRoutes } from './direct-line';
import { isLoopbackAddress, isWildcardHost, localOnly } from './guard';
import { CHAT_SCRIPT, CHAT_STYLE } from './page-assets';
import { CHAT_SCRIPT_PATH, CHAT_STYLE_PATH, WEBCHAT_BUNDLE_PATH, chatPage, newNonce, pagePolicy, securityHeaders } from './page';

export { LOCAL_BOT, LOCAL_CHANNEL_ID } from './direct-line';

const DIRECT_LINE = '/v3/directline';

export interface LocalChatDeps {
  adapter: CloudAdapter;
  bot: ActivityHandler;
  logger: Logger;
  /** HOST and PUBLIC_URL: who may reach the chat (see localOnly). */
  config: Pick<Config, 'host' | 'publicUrl'>;
  conversations?: LocalConversations;
}

export interface LocalChat {
  conversations: LocalConversations;
  /** The connector's path, secret included: handed to the bot in its serviceUrl, never to the browser. */
  connectorPath: string;
}

/**
 * Web Chat's full bundle (React included) from node_modules. The package's `exports` only name its
 * entry points, so the bundle is found next to the CommonJS entry.
 */
export function webChatBundlePath(): string {
  return path.join(path.dirname(require.resolve('botframework-webchat')), '..', 'dist', 'webchat.js');
}

/**
 * How the bot reaches this server: the loopback address the request came in on; from another
 * machine, the address HOST names, or loopback when HOST is a wildcard (which includes it).
 */
function selfUrl(req: Request, host: string): string {
  const local = req.socket.localAddress ?? '127.0.0.1';
  const raw = isLoopbackAddress(local) ? local.replace(/^::ffff:/, '') : isWildcardHost(host) ? '127.0.0.1' : host;
  const name = raw.includes(':') && !raw.startsWith('[') ? `[${raw}]` : raw;
  return `http://${name}:${req.socket.localPort}`;
}

/**
 * A local channel so anyone can try the bot without Teams or Slack: the chat page at `GET /`
 * (Bot Framework Web Chat, served from node_modules), a minimal Direct Line 3.0 (polling) for the
 * page, and the Bot Connector endpoints the bot replies to (its `serviceUrl`). Messages reach the
 * bot through the same CloudAdapter and PmoBot as Teams traffic, so it behaves the same. Every
 * route answers this machine only (localOnly).
 */
export function mountLocalChat(app: Express, deps: LocalChatDeps): LocalChat {
  const conversations = deps.conversations ?? new LocalConversations();
  const logger = deps.logger.child({ transport: 'local-chat' });
  const connectorPath = `${CONNECTOR_BASE}/${newConnectorSecret()}`;
  const guard = [localOnly(deps.config), securityHeaders];

  app.get('/', ...guard, (_req, res) => {
    const nonce = newNonce();
    res.type('html').set({ 'cache-control': 'no-store', 'content-security-policy': pagePolicy(nonce) }).send(chatPage(nonce));
  });
  app.get('/favicon.ico', ...guard, (_req, res) => {
    res.status(204).end();
  });
  app.use([DIRECT_LINE, '/local', '/webchat'], ...guard);
  const bundle = webChatBundlePath();
  app.get(WEBCHAT_BUNDLE_PATH, (_req, res) => {
    res.type('js').set('cache-control', 'public, max-age=3600').sendFile(bundle);
  });
  app.get(CHAT_SCRIPT_PATH, (_req, res) => {
    res.type('js').set('cache-control', 'no-cache').send(CHAT_SCRIPT);
  });
  app.get(CHAT_STYLE_PATH, (_req, res) => {
    res.type('css').set('cache-control', 'no-cache').send(CHAT_STYLE);
  });

  app.use(DIRECT_LINE, directLineRoutes({
    conversations,
    serviceUrl: (req) => `${selfUrl(req, deps.config.host)}${connectorPath}/`,
    turn: async (activity: Activity) => {
      try {
        await deps.adapter.processActivityDirect('', activity, (context) => deps.bot.run(context));
      } catch (err) {
        logger.error({ err: (err as Error).message }, 'the bot failed a local chat turn');
      }
    },
  }));
  app.use(`${CONNECTOR_BASE}/:secret`, secretPath(connectorPath.slice(CONNECTOR_BASE.length + 1)), connectorRoutes(conversations));

  logger.info('local chat at / (Web Chat over a local Direct Line), for this machine only');
  return { conversations, connectorPath };
}
