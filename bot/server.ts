import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express } from 'express';
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

export async function listen(app: Express, port: number, host: string, logger: Logger): Promise<HttpServer> {
  const server = http.createServer(app);
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
    server.closeIdleConnections();
    const timer = setTimeout(() => {
      logger.warn({ graceMs }, 'requests still running after the grace period; closing their connections');
      server.closeAllConnections();
    }, graceMs);
    timer.unref();
    await closed;
    clearTimeout(timer);
  };
  return { app, server, url, close };
}
