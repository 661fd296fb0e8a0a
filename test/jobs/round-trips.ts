// Counts what goes over the wire: every database command (a find, each getMore, an update), as
// the benchmark counts round trips. Call in a beforeAll after useTestDatabase(): it reconnects the
// default connection to the same database with command monitoring on.
import mongoose from 'mongoose';

/** The driver's own housekeeping, not our queries (as bench/support.ts). */
const HOUSEKEEPING = new Set(['hello', 'isMaster', 'ismaster', 'ping', 'endSessions', 'buildInfo', 'getParameter']);

export interface Command {
  name: string;
  /** The collection a find/update/… names; '' for a getMore. */
  collection: string;
  /** The filter of a find, or of each statement of an update / findAndModify. */
  filters: unknown[];
}

export interface RoundTrips {
  /** Runs `work` and returns what it sent, in order. */
  during<T>(work: () => Promise<T>): Promise<{ result: T; commands: Command[] }>;
}

export async function monitorRoundTrips(): Promise<RoundTrips> {
  const uri = process.env.PMO_TEST_MONGODB_URI as string;
  const dbName = mongoose.connection.name;
  await mongoose.disconnect();
  await mongoose.connect(uri, { dbName, monitorCommands: true, serverSelectionTimeoutMS: 5000, autoIndex: false });
  let recording: Command[] | null = null;
  mongoose.connection.getClient().on('commandStarted', (event: { commandName: string; command: Record<string, unknown> }) => {
    if (recording === null || HOUSEKEEPING.has(event.commandName)) return;
    const target = event.command[event.commandName];
    recording.push({ name: event.commandName, collection: typeof target === 'string' ? target : '', filters: filtersOf(event.commandName, event.command) });
  });
  return {
    async during(work) {
      recording = [];
      try {
        const result = await work();
        return { result, commands: recording };
      } finally {
        recording = null;
      }
    },
  };
}

function filtersOf(name: string, command: Record<string, unknown>): unknown[] {
  if (name === 'find' || name === 'findAndModify' || name === 'count') return [command.filter ?? command.query];
  if (name === 'update') return ((command.updates as { q: unknown }[] | undefined) ?? []).map((u) => u.q);
  if (name === 'delete') return ((command.deletes as { q: unknown }[] | undefined) ?? []).map((d) => d.q);
  return [];
}

/** `find projects`, `getMore`, … in a stable order (queries sent side by side may start in any order). */
export function summary(commands: readonly Command[]): string[] {
  return commands.map((c) => `${c.name}${c.collection ? ` ${c.collection}` : ''}`).sort();
}
