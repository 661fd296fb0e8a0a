import path from 'node:path';
import mongoose from 'mongoose';
import { connectDatabase } from '../../bot/db/connection';
import { ensureIndexes } from '../../models';
// As at start-up: the register descriptors define their kinds' models, so ensureIndexes builds those too.
import '../../core/registers';
import { isWireSuite, recordQueries } from './query-log';

/** FerretDB accepts database names of letters, digits, `_` and `-`, up to 63 characters. */
export function databaseNameFor(testPath: string): string {
  const base = path.basename(testPath).replace(/\.test\.ts$/, '').replace(/[^A-Za-z0-9_-]/g, '_');
  const suffix = `_${process.pid.toString(36)}${Date.now().toString(36).slice(-4)}`;
  return `t_${base}`.slice(0, 63 - suffix.length) + suffix;
}

/**
 * Connects the default mongoose connection to a fresh database of its own for this test file on
 * the embedded server that globalSetup started, and drops it afterwards. Fails (never skips) when
 * no server could be had, with the reason globalSetup recorded. In the wire-level suites it also
 * records every query's shape for the index-coverage check (test/support/query-log.ts).
 */
export function useTestDatabase(): void {
  let flushQueries = (): void => undefined;
  beforeAll(async () => {
    const uri = process.env.PMO_TEST_MONGODB_URI;
    if (!uri) {
      throw new Error(
        `No test database server: ${process.env.PMO_TEST_DB_ERROR ?? 'globalSetup did not run (use `npm test`)'}`,
      );
    }
    await connectDatabase(uri, databaseNameFor(expect.getState().testPath ?? 'unknown'));
    await ensureIndexes();
    // The wire-level suites' queries are checked for index coverage at the end of the run.
    const testPath = expect.getState().testPath ?? '';
    if (isWireSuite(testPath)) flushQueries = recordQueries(testPath);
  });

  afterAll(async () => {
    flushQueries();
    if (mongoose.connection.readyState === 1) {
      await mongoose.connection.dropDatabase();
    }
    await mongoose.disconnect();
  });
}
