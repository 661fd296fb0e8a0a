// What every benchmark shares: a throwaway embedded database with a round-trip counter, HTTP
// helpers on loopback, and percentiles.
import { spawn } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Express } from 'express';
import mongoose from 'mongoose';
import pino from 'pino';
import { resolveDatabase, type ResolvedDatabase } from '../bot/db/resolve';
import { ensureIndexes } from '../models';

export const quiet = pino({ level: 'silent' });

/** Commands that are the driver's own housekeeping, not our queries. */
const HOUSEKEEPING = new Set(['hello', 'isMaster', 'ismaster', 'ping', 'endSessions', 'buildInfo', 'getParameter']);

export interface BenchDatabase {
  db: ResolvedDatabase;
  /** Database commands (round trips) sent since the last reset. */
  roundTrips(): number;
  /** Of those, the getMores: a query's further batches, which grow with what it returns. */
  getMores(): number;
  resetRoundTrips(): void;
  /** Starts each database in a clean state. */
  use(name: string): Promise<void>;
  stop(): Promise<void>;
}

/** The embedded database the README's `npm start` uses (FerretDB unless a mongod is at hand), in a temp dir. */
export async function startBenchDatabase(): Promise<BenchDatabase> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'pmo-bench-'));
  const db = await resolveDatabase({
    root: path.resolve(__dirname, '..', '..'),
    dataDir,
    embedded: (process.env.PMO_EMBEDDED_DB as 'auto' | 'mongod' | 'ferretdb' | undefined) ?? 'auto',
    allowDownload: false,
    downloadTimeoutMs: 0,
    logger: quiet,
  });
  let commands = 0;
  let getMores = 0;
  const connect = async (name: string): Promise<void> => {
    await mongoose.disconnect();
    await mongoose.connect(db.uri, { dbName: name, monitorCommands: true, serverSelectionTimeoutMS: 5000, autoIndex: false });
    mongoose.connection.getClient().on('commandStarted', (event: { commandName: string }) => {
      if (!HOUSEKEEPING.has(event.commandName)) commands++;
      if (event.commandName === 'getMore') getMores++;
    });
    await ensureIndexes();
  };
  return {
    db,
    roundTrips: () => commands,
    getMores: () => getMores,
    resetRoundTrips: () => {
      commands = 0;
      getMores = 0;
    },
    use: connect,
    stop: async () => {
      await mongoose.disconnect();
      await db.server?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Served {
  url: string;
  close(): Promise<void>;
}

export async function serve(app: Express | http.RequestListener): Promise<Served> {
  const server = http.createServer(app as http.RequestListener);
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/** POSTs and resolves with the status once the whole response is read. */
export function post(url: string, body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export interface Latency {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function latency(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 100) / 100;
  return { n: sorted.length, p50: r(percentile(sorted, 50)), p95: r(percentile(sorted, 95)), p99: r(percentile(sorted, 99)), max: r(sorted.at(-1) ?? NaN) };
}

export function ms(since: bigint): number {
  return Number(process.hrtime.bigint() - since) / 1e6;
}

/** Runs `workers` loops at once, each `perWorker` times; collects the latencies `step` reports. */
export async function concurrently(workers: number, perWorker: number, step: (worker: number, i: number) => Promise<number | undefined>): Promise<number[]> {
  const samples: number[] = [];
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      for (let i = 0; i < perWorker; i++) {
        const t = await step(w, i);
        if (t !== undefined) samples.push(t);
      }
    }),
  );
  return samples;
}


export interface BotProcess extends Served {
  /** The bot process's RSS and JS heap in MB after a GC, and the Teams turns it has answered so far. */
  memory(): Promise<{ rssMb: number; heapMb: number; turns: number }>;
  /** Resolves once the work behind every Slack ack is done. */
  idle(): Promise<void>;
  /** Server-side ack times (ms) since the last call. */
  serverAcks(): Promise<number[]>;
  /** The database commands the bot sent since the last call, by "command collection" (a bot spawned with `countRoundTrips`). */
  roundTrips(): Promise<Record<string, number>>;
}

/** Starts bench/server.js (`ours`, `echo` or `slack`) in its own process on the bench database. */
export async function spawnBot(mode: 'ours' | 'echo' | 'slack', db: BenchDatabase, dbName: string, env: Record<string, string> = {}): Promise<BotProcess> {
  const child = spawn(process.execPath, [...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []), '--expose-gc', path.join(__dirname, 'server.js'), mode, db.db.uri, dbName], {
    env: { ...process.env, LOG_LEVEL: 'silent', ...env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => resolve((JSON.parse(line) as { url: string }).url));
    child.once('exit', (code) => reject(new Error(`bench bot (${mode}) exited with ${code} before listening`)));
  });
  const get = async <T = Record<string, number>>(route: string) => {
    const res = await fetch(`${url}${route}`);
    if (!res.ok) throw new Error(`bench bot (${mode}) answered ${res.status} to ${route}: ${await res.text()}`);
    return res.json() as Promise<T>;
  };
  return {
    url,
    memory: async () => {
      const { rss, heapUsed, turns } = await get('/bench/rss');
      const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
      return { rssMb: mb(rss), heapMb: mb(heapUsed), turns };
    },
    idle: async () => {
      await get('/bench/idle');
    },
    serverAcks: async () => (await get<{ acks: number[] }>('/bench/acks')).acks,
    roundTrips: () => get('/bench/roundtrips'),
    close: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
