import mongoose, { type Connection } from 'mongoose';

/** Database name used when the connection string names none. */
export const DEFAULT_DB_NAME = 'pmo_assistant';

function dbNameFrom(uri: string): string | undefined {
  const match = /^mongodb(?:\+srv)?:\/\/[^/]+\/([^?]+)/.exec(uri);
  return match?.[1] ? decodeURIComponent(match[1]) : undefined;
}

/**
 * Connects the default mongoose connection (the models are registered on it). Short server
 * selection and heartbeat, so readiness notices a lost server within seconds and recovers by itself.
 */
export async function connectDatabase(uri: string, dbName?: string): Promise<Connection> {
  await mongoose.connect(uri, {
    dbName: dbName ?? dbNameFrom(uri) ?? DEFAULT_DB_NAME,
    serverSelectionTimeoutMS: 5000,
    heartbeatFrequencyMS: 2000,
    autoIndex: false, // indexes are built once at start-up by ensureIndexes()
  });
  return mongoose.connection;
}

/** True when the database answers a ping within `timeoutMs`. */
export async function pingDatabase(conn: Connection = mongoose.connection, timeoutMs = 1000): Promise<boolean> {
  const db = conn.db;
  if (!db) return false;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const ping = db
    .admin()
    .command({ ping: 1 }, { timeoutMS: timeoutMs })
    .then(() => true)
    .catch(() => false);
  try {
    return await Promise.race([ping, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
