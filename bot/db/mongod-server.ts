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

/**
 * Finds a real mongod: on PATH, in mongodb-memory-server's cache, or downloaded by it. The download
 * is time-boxed so an offline machine falls through to FerretDB within seconds.
 */
export async function findMongod(opts: { allowDownload: boolean; timeoutMs: number }): Promise<string> {
  const onPath = await mongodOnPath();
  if (onPath) return onPath;
  const options = await DryMongoBinary.generateOptions({});
  const cached = await DryMongoBinary.locateBinary(options);
  if (cached) return cached;
  if (!opts.allowDownload) throw new Error('no mongod on PATH or in the mongodb-memory-server cache');
  const download = MongoBinary.download({ ...options, platform: process.platform, checkMD5: false });
  download.catch(() => undefined); // a late failure after the time-box must not surface as unhandled
  return withTimeout(download, opts.timeoutMs, 'downloading mongod');
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
