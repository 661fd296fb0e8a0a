import path from 'node:path';
import mongoose from 'mongoose';
import { connectDatabase } from '../../bot/db/connection';
import { ensureIndexes } from '../../models';

/** FerretDB accepts database names of letters, digits, `_` and `-`, up to 63 characters. */
export function databaseNameFor(testPath: string): string {
  const base = path.basename(testPath).replace(/\.test\.ts$/, '').replace(/[^A-Za-z0-9_-]/g, '_');
  const suffix = `_${process.pid.toString(36)}${Date.now().toString(36).slice(-4)}`;
  return `t_${base}`.slice(0, 63 - suffix.length) + suffix;
}

/**
 * Connects the default mongoose connection to a fresh database of its own for this test file on
 * the embedded server that globalSetup started, and drops it afterwards. Fails (never skips) when
 * no server could be had, with the reason globalSetup recorded.
 */
export function useTestDatabase(): void {
  beforeAll(async () => {
    const uri = process.env.PMO_TEST_MONGODB_URI;
    if (!uri) {
      throw new Error(
        `No test database server: ${process.env.PMO_TEST_DB_ERROR ?? 'globalSetup did not run (use `npm test`)'}`,
      );
    }
    await connectDatabase(uri, databaseNameFor(expect.getState().testPath ?? 'unknown'));
    await ensureIndexes();
  });

  afterAll(async () => {
    if (mongoose.connection.readyState === 1) {
      await mongoose.connection.dropDatabase();
    }
    await mongoose.disconnect();
  });
}
