import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { DryMongoBinary, MongoBinary, MongoMemoryServer } from 'mongodb-memory-server-core';
import type { Logger } from 'pino';
import type { EmbeddedServer } from './embedded-server';

const run = promisify(execFile);

async function mongodOnPath(): Promise<string | undefined> {
  try {
    const { stdout } = await run('sh', ['-c', 'command -v mongod']);
    return stdout.trim() || undefined;
  } catch {
    return undefined;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Where mongod may come from; the real ones by default, small fakes in tests. */
export interface MongodSources {
  onPath(): Promise<string | undefined>;
  cached(): Promise<string | undefined>;
  download(): Promise<string>;
}

const realSources: MongodSources = {
  onPath: mongodOnPath,
  cached: async () => DryMongoBinary.locateBinary(await DryMongoBinary.generateOptions({})),
  download: async () => MongoBinary.download({ ...(await DryMongoBinary.generateOptions({})), platform: process.platform, checkMD5: false }),
};

/** Remembers a failed download in the data dir: an offline machine pays for the attempt once, not on every start. */
export const DOWNLOAD_FAILED_FILE = 'mongod-download-failed';

export interface FindMongodOptions {
  allowDownload: boolean;
  timeoutMs: number;
  /** Where the failure marker lives; without one, nothing is remembered. */
  dataDir?: string;
  /** Try the download even after one failed (PMO_MONGOD_DOWNLOAD=retry). */
  retryDownload?: boolean;
}

async function firstLine(file: string): Promise<string | undefined> {
  try {
    return (await fs.readFile(file, 'utf8')).split('\n')[0].trim() || 'it failed';
  } catch {
    return undefined;
  }
}

/**
 * Finds a real mongod: on PATH, in mongodb-memory-server's cache, or downloaded by it. The download
 * is time-boxed so an offline machine falls through to FerretDB within seconds, and a failed one is
 * not tried again until the user asks (PMO_MONGOD_DOWNLOAD=retry, or deleting the marker).
 */
export async function findMongod(opts: FindMongodOptions, sources: MongodSources = realSources): Promise<string> {
  const onPath = await sources.onPath();
  if (onPath) return onPath;
  const cached = await sources.cached();
  if (cached) return cached;
  if (!opts.allowDownload) throw new Error('no mongod on PATH or in the mongodb-memory-server cache');
  const marker = opts.dataDir === undefined ? undefined : path.join(opts.dataDir, DOWNLOAD_FAILED_FILE);
  const askAgain = marker === undefined ? '' : `; set PMO_MONGOD_DOWNLOAD=retry or delete ${marker} to try again`;
  const failedBefore = marker === undefined || opts.retryDownload ? undefined : await firstLine(marker);
  if (failedBefore !== undefined) throw new Error(`not downloading mongod: ${failedBefore}${askAgain}`);

  const download = sources.download();
  // A download that finishes after the time-box is cached for the next start; it must not surface as unhandled.
  download.then(() => (marker === undefined ? undefined : fs.rm(marker, { force: true }))).catch(() => undefined);
  try {
    const binary = await withTimeout(download, opts.timeoutMs, 'downloading mongod');
    if (marker) await fs.rm(marker, { force: true });
    return binary;
  } catch (err) {
    if (marker === undefined) throw err;
    const reason = (err as Error).message;
    await fs.mkdir(path.dirname(marker), { recursive: true });
    await fs.writeFile(marker, `the download failed at ${new Date().toISOString()}: ${reason}\nLater starts skip it${askAgain}.\n`);
    throw new Error(`${reason} (not tried again on later starts${askAgain})`);
  }
}

/** A real mongod (wiredTiger) with its data under `dataDir`, run through mongodb-memory-server. */
export class MongodServer implements EmbeddedServer {
  readonly kind = 'mongod' as const;
  private started = false;
  private startedOnce = false;

  private constructor(
    private readonly server: MongoMemoryServer,
    private readonly binary: string,
    private readonly dataDir: string,
  ) {}

  static async create(opts: { binary: string; dataDir: string; logger: Logger }): Promise<MongodServer> {
    const dataDir = path.resolve(opts.dataDir);
    await fs.mkdir(dataDir, { recursive: true });
    const server = new MongoMemoryServer({
      instance: { dbPath: dataDir, storageEngine: 'wiredTiger', ip: '127.0.0.1' },
      binary: { systemBinary: opts.binary },
    });
    return new MongodServer(server, opts.binary, dataDir);
  }

  get uri(): string {
    return this.server.getUri();
  }

  get description(): string {
    return `mongod (${this.binary}) at ${this.uri}, data in ${this.dataDir}`;
  }

  get running(): boolean {
    return this.started;
  }

  async start(): Promise<void> {
    if (this.started) return;
    // After the first start, come back on the same port so the driver reconnects by itself.
    await this.server.start(this.startedOnce);
    this.started = true;
    this.startedOnce = true;
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    await this.server.stop({ doCleanup: false });
    this.started = false;
  }
}
