import mongoose from 'mongoose';
import type { Express } from 'express';
import type { Logger } from 'pino';
import { ensureIndexes } from '../models';
import type { Config } from './config';
import { connectDatabase, pingDatabase } from './db/connection';
import { resolveDatabase, type ResolvedDatabase } from './db/resolve';
import { createApp, finishApp, listen, type HttpServer } from './server';

/** Something with a clean stop, registered in start order and stopped in reverse (e.g. schedules). */
export interface Stoppable {
  name: string;
  stop(): Promise<void>;
}

export interface RunningApp {
  http: HttpServer;
  db: ResolvedDatabase;
  /** Registers a component (a scheduler, the Slack socket) to stop before the database closes. */
  onStop(component: Stoppable): void;
  stop(): Promise<void>;
}

export interface StartOptions {
  config: Config;
  logger: Logger;
  /** Mounts the transports (Teams, Slack) before the server starts listening. */
  mount?: (app: Express, running: Pick<RunningApp, 'db' | 'onStop'>) => void | Promise<void>;
}

/** The composition root: database first, then HTTP; stop() undoes it in reverse. */
export async function startApp({ config, logger, mount }: StartOptions): Promise<RunningApp> {
  const db = await resolveDatabase({ ...config.database, root: config.root, logger });
  logger.info({ source: db.source, database: db.description }, `database: ${db.description}`);
  const components: Stoppable[] = [];
  const onStop = (c: Stoppable): void => {
    components.push(c);
  };

  try {
    await connectDatabase(db.uri);
    await ensureIndexes();
    const app = createApp({ logger, isReady: () => pingDatabase() });
    await mount?.(app, { db, onStop });
    finishApp(app, logger); // after every route: JSON 404s and errors
    const http = await listen(app, config.port, config.host, logger);
    logger.info({ url: http.url }, `listening on ${http.url}`);

    let stopping: Promise<void> | undefined;
    const stop = (): Promise<void> => {
      stopping ??= (async () => {
        await http.close();
        for (const c of [...components].reverse()) {
          await c.stop().catch((err: Error) => logger.error({ err: err.message, component: c.name }, 'stop failed'));
        }
        await mongoose.disconnect();
        await db.server?.stop();
        logger.info('stopped');
      })();
      return stopping;
    };
    return { http, db, onStop, stop };
  } catch (err) {
    await mongoose.disconnect().catch(() => undefined);
    await db.server?.stop();
    throw err;
  }
}
