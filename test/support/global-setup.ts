import { mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { resolveDatabase, type ResolvedDatabase } from '../../bot/db/resolve';

declare global {
  var __PMO_TEST_DB__: { db?: ResolvedDatabase; dataDir: string } | undefined;
}

/**
 * Starts one embedded database server for the run in a throwaway data directory (test files each
 * get their own database in it). MONGODB_URI is deliberately ignored: tests never touch a real
 * deployment unless PMO_TEST_MONGODB_URI points at one.
 */
export default async function globalSetup(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'pmo-test-'));
  globalThis.__PMO_TEST_DB__ = { dataDir };
  // Where the wire-level suites log their queries' shapes (test/support/query-log.ts).
  process.env.PMO_QUERY_LOG_DIR = path.join(dataDir, 'queries');
  mkdirSync(process.env.PMO_QUERY_LOG_DIR);
  if (process.env.PMO_TEST_MONGODB_URI) return;
  const logger = pino({ level: 'info', base: undefined }, pino.destination(2));
  try {
    const db = await resolveDatabase({
      root: path.resolve(__dirname, '../..'),
      dataDir,
      embedded: (process.env.PMO_EMBEDDED_DB as 'auto' | 'mongod' | 'ferretdb' | undefined) ?? 'auto',
      allowDownload: false, // a download left running would keep jest from exiting
      downloadTimeoutMs: 0,
      logger,
    });
    globalThis.__PMO_TEST_DB__.db = db;
    process.env.PMO_TEST_MONGODB_URI = db.uri;
    console.log(`\n[test database] ${db.description}`);
  } catch (err) {
    // Recorded, not thrown: the tests that need data fail with this reason; the rest still run.
    process.env.PMO_TEST_DB_ERROR = (err as Error).message;
    console.error(`\n[test database] none available:\n${(err as Error).message}`);
  }
}
