import path from 'node:path';
import type { Logger } from 'pino';
import { redactUri } from '../security/uri-secrets';
import type { EmbeddedServer } from './embedded-server';
import { FerretDbServer } from './ferretdb-server';
import { findMongod, MongodServer } from './mongod-server';

export type DatabaseSource = 'MONGODB_URI' | 'mongod' | 'ferretdb';

export interface ResolvedDatabase {
  source: DatabaseSource;
  uri: string;
  /** Safe to log: never contains credentials. */
  description: string;
  /** Present when this process started the server and must stop it. */
  server?: EmbeddedServer;
}

export interface ResolveOptions {
  /** MONGODB_URI; wins when set. */
  uri?: string;
  /** Repository root (where tools/ferretdb lives). */
  root: string;
  /** Where embedded servers keep their data (`.data/` by default). */
  dataDir: string;
  /** `auto` tries mongod then FerretDB; the others force one. */
  embedded: 'auto' | 'mongod' | 'ferretdb';
  /** Whether mongodb-memory-server may download mongod, and for how long. */
  allowDownload: boolean;
  /** Download even though an earlier download failed (its marker is under dataDir). */
  retryDownload?: boolean;
  downloadTimeoutMs: number;
  logger: Logger;
}

// Masks the password (even one holding `@`) and credential query parameters of a connection string, for logs.
export { redactUri } from '../security/uri-secrets';

/** SPEC §6: MONGODB_URI, else a real mongod, else FerretDB on SQLite, else a clear error. */
export async function resolveDatabase(opts: ResolveOptions): Promise<ResolvedDatabase> {
  const { logger } = opts;
  if (opts.uri) {
    return { source: 'MONGODB_URI', uri: opts.uri, description: `MONGODB_URI ${redactUri(opts.uri)}` };
  }
  const reasons: string[] = [];

  if (opts.embedded !== 'ferretdb') {
    try {
      const binary = await findMongod({ allowDownload: opts.allowDownload, timeoutMs: opts.downloadTimeoutMs, dataDir: opts.dataDir, retryDownload: opts.retryDownload });
      const server = await MongodServer.create({ binary, dataDir: path.join(opts.dataDir, 'mongod'), logger });
      await server.start();
      return { source: 'mongod', uri: server.uri, description: server.description, server };
    } catch (err) {
      reasons.push(`mongod: ${(err as Error).message}`);
      logger.info({ reason: (err as Error).message }, 'no real mongod available; trying FerretDB');
    }
  }

  if (opts.embedded !== 'mongod') {
    try {
      const server = await FerretDbServer.create({ root: opts.root, dataDir: path.join(opts.dataDir, 'ferretdb'), logger });
      await server.start();
      return { source: 'ferretdb', uri: server.uri, description: server.description, server };
    } catch (err) {
      reasons.push(`FerretDB: ${(err as Error).message}`);
    }
  }

  throw new Error(
    [
      'No database could be had. Fix it one of three ways:',
      '  1. set MONGODB_URI to a MongoDB 6+ deployment (Atlas, a replica set, a local mongod);',
      '  2. install mongod on PATH, or give this machine internet so mongodb-memory-server can download one;',
      '  3. install Go (https://go.dev/dl) so the embedded FerretDB launcher in tools/ferretdb can be built.',
      'What was tried:',
      ...reasons.map((r) => `  - ${r}`),
    ].join('\n'),
  );
}
