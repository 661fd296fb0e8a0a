import { rmSync } from 'node:fs';
import { uncoveredQueries } from './index-coverage-check';

/**
 * Stops the test database, then checks the queries the wire-level suites issued: each must be
 * served by an index its model declares. One that is not fails the run, named with its test file.
 */
export default async function globalTeardown(): Promise<void> {
  const state = globalThis.__PMO_TEST_DB__;
  if (!state) return;
  await state.db?.server?.stop();
  let uncovered: string[] = [];
  try {
    uncovered = process.env.PMO_QUERY_LOG_DIR ? uncoveredQueries(process.env.PMO_QUERY_LOG_DIR) : [];
  } finally {
    rmSync(state.dataDir, { recursive: true, force: true });
  }
  if (uncovered.length > 0) {
    throw new Error(`Index coverage: ${uncovered.length} quer${uncovered.length === 1 ? 'y is' : 'ies are'} served by no declared index (test/support/index-coverage.ts):\n${uncovered.join('\n')}`);
  }
}
