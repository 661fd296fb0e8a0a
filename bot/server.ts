import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type ErrorRequestHandler, type Express } from 'express';
import type { Logger } from 'pino';

export interface HttpServer {
  app: Express;
  server: http.Server;
  /** Base URL it listens on, e.g. http://127.0.0.1:3978. */
  url: string;
  /** Stops accepting, lets in-flight requests finish (up to `graceMs`), then closes what is left. */
  close(graceMs?: number): Promise<void>;
}

export interface ServerDeps {
  logger: Logger;
  /** Whether the database answers right now. */
  isReady(): Promise<boolean>;
}

/**
 * How long a client may take. Teams and Slack send a whole request at once, so seconds are plenty;
 * Node's defaults (60 s for headers, 300 s for a request) let a trickling client hold a socket.
 */
export const SERVER_TIMEOUTS = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  // Longer than the 60 s idle timeout of common load balancers, so they never reuse a socket we just closed.
  keepAliveTimeoutMs: 65_000,
  // How often Node checks the two timeouts above (its default, 30 s, would let them run 30 s late).
  checkIntervalMs: 1_000,
} as const;

/** The Express app every transport mounts on: health endpoints here, /api/messages and /slack/events later. */
export function createApp(deps: ServerDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.status(200).json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const ready = await deps.isReady();
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'database unavailable' });
  });
  return app;
}

/** What a body parser's error (body-parser / raw-body `type`) tells the client: its status and one line. */
const CLIENT_ERRORS: Record<string, [number, string]> = {
  'entity.parse.failed': [400, 'malformed JSON body'],
  'entity.verify.failed': [400, 'malformed body'],
  'request.aborted': [400, 'request aborted'],
  'request.size.invalid': [400, 'body length does not match Content-Length'],
  'entity.too.large': [413, 'body too large'],
  'parameters.too.many': [413, 'too many parameters'],
  'encoding.unsupported': [415, 'unsupported content encoding'],
  'charset.unsupported': [415, 'unsupported charset'],
};

/** A body a parser refused (malformed, too large, badly encoded) as a JSON 4xx; anything else goes on. */
export function bodyErrors(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    const type = (err as { type?: unknown } | null)?.type;
    const known = typeof type === 'string' ? CLIENT_ERRORS[type] : undefined;
    if (!known || res.headersSent) return next(err);
    logger.debug({ type, method: req.method, path: req.path }, 'refused a request body');
    res.status(known[0]).json({ error: known[1] });
  };
}

/**
 * Registered after every route (startApp calls it once the doors are mounted): unknown routes get a
 * JSON 404, a bad body a JSON 4xx, anything else a bare JSON 500. Express's own handler would send
 * an HTML page with the stack trace.
 */
export function finishApp(app: Express, logger: Logger): void {
  app.use((_req, res) => {
    res.status(404).json({ error: 'not found' });
  });
  app.use(bodyErrors(logger));
  const handler: ErrorRequestHandler = (err: unknown, req, res, next) => {
    if (res.headersSent) return next(err); // Express then just closes the connection
    logger.error({ err, method: req.method, path: req.path }, 'request failed');
    res.status(500).json({ error: 'internal error' });
  };
  app.use(handler);
}

export async function listen(app: Express, port: number, host: string, logger: Logger): Promise<HttpServer> {
  const server = http.createServer(
    {
      headersTimeout: SERVER_TIMEOUTS.headersTimeoutMs,
      requestTimeout: SERVER_TIMEOUTS.requestTimeoutMs,
      connectionsCheckingInterval: SERVER_TIMEOUTS.checkIntervalMs,
    },
    app,
  );
  server.keepAliveTimeout = SERVER_TIMEOUTS.keepAliveTimeoutMs;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  const url = `http://${shownHost}:${address.port}`;

  const close = async (graceMs = 10_000): Promise<void> => {
    if (!server.listening) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // A connection whose request finishes is idle for the keep-alive timeout: close it then, not a minute later.
    server.closeIdleConnections();
    const sweep = setInterval(() => server.closeIdleConnections(), 100);
    const timer = setTimeout(() => {
      logger.warn({ graceMs }, 'requests still running after the grace period; closing their connections');
      server.closeAllConnections();
    }, graceMs);
    timer.unref();
    await closed;
    clearInterval(sweep);
    clearTimeout(timer);
  };
  return { app, server, url, close };
}
