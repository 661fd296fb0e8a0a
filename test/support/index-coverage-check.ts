// Reads the query logs of the wire-level suites and lists the queries no declared index serves.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import mongoose from 'mongoose';
import '../../models'; // registers every model, so each collection's indexes are known
import '../../core/registers'; // and the kinds whose schema lives beside their descriptor (actions, decisions)
import { indexSpecs, isServed, type IndexSpec } from './index-coverage';
import type { LoggedQuery } from './query-log';
import { describeShape } from './query-shapes';

/** Each model's indexes by collection name. */
export function declaredIndexes(): Map<string, IndexSpec[]> {
  const byCollection = new Map<string, IndexSpec[]>();
  for (const model of Object.values(mongoose.models)) {
    byCollection.set(model.collection.collectionName, indexSpecs(model.schema.indexes() as [Record<string, unknown>, Record<string, unknown>?][]));
  }
  return byCollection;
}

/** Deliberate whole-collection reads, each with its reason. */
const DELIBERATE_SCANS = new Map([
  // SlackInstallationStore.sweep: once per start, one row per workspace, to seal and re-key every row.
  ['slack_installations.find {}', 'start-up sweep'],
]);

/** `<query> (first seen in <test file>)` for every logged query no index serves, or whose collection has no model. */
export function uncoveredQueries(dir: string): string[] {
  const indexes = declaredIndexes();
  const failures = new Map<string, string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort()) {
    for (const line of readFileSync(path.join(dir, file), 'utf8').split('\n').filter(Boolean)) {
      const { test, query } = JSON.parse(line) as LoggedQuery;
      const name = describeShape(query);
      if (failures.has(name) || DELIBERATE_SCANS.has(name)) continue;
      const declared = indexes.get(query.collection);
      if (!declared) failures.set(name, `${name}  (no model for this collection; first seen in ${test})`);
      else if (!isServed(query, declared)) failures.set(name, `${name}  (first seen in ${test})`);
    }
  }
  return [...failures.values()].sort();
}
