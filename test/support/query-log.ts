// Records the shape of every query a test file issues (mongoose's debug hook) to a file of its own,
// for the index-coverage check at the end of the run (test/support/global-teardown.ts).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import mongoose from 'mongoose';
import { describeShape, shapesOf, type QueryShape } from './query-shapes';

/** The wire-level suites, whose queries must all be served by a declared index. */
export function isWireSuite(testPath: string): boolean {
  return testPath.split(path.sep).join('/').includes('/test/bot/');
}

const ROOT = path.resolve(__dirname, '../..');
const TEST_DIR = path.join(ROOT, 'test') + path.sep;

/**
 * Whether the query was issued by the test itself (an assertion reading the database) rather than
 * by the bot: the nearest of our own frames, past mongoose and the driver, is in test/.
 */
function issuedByTest(): boolean {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 60;
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = limit;
  for (const line of stack.split('\n').slice(1)) {
    const file = /\(?((?:\/|[A-Za-z]:\\)[^():]+):\d+:\d+\)?$/.exec(line.trim())?.[1];
    if (!file || !file.startsWith(ROOT) || file.includes(`${path.sep}node_modules${path.sep}`) || file === __filename) continue;
    return file.startsWith(TEST_DIR);
  }
  return false;
}

/** One per line: `{ test, query }` with the query's shape. */
export interface LoggedQuery {
  test: string;
  query: QueryShape;
}

/** Installs the hook for this test file; returns what writes the log once the file is done. */
export function recordQueries(testPath: string): () => void {
  const dir = process.env.PMO_QUERY_LOG_DIR;
  if (!dir) return () => undefined;
  const seen = new Map<string, QueryShape>();
  mongoose.set('debug', (collection: string, method: string, ...args: unknown[]) => {
    if (issuedByTest()) return;
    for (const query of shapesOf(collection, method, args)) seen.set(describeShape(query), query);
  });
  const test = path.relative(process.cwd(), testPath);
  return () => {
    mongoose.set('debug', false);
    const lines = [...seen.values()].map((query) => JSON.stringify({ test, query } satisfies LoggedQuery));
    const file = path.join(dir, `${path.basename(testPath)}-${process.pid}.jsonl`);
    writeFileSync(file, lines.map((l) => `${l}\n`).join(''));
  };
}
