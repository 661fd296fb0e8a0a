import path from 'node:path';
import type { Logger } from 'pino';
import { ensureLauncherBuilt, startFerretDb, type FerretDbProcess } from './ferretdb';
import { freePort } from './free-port';
import type { EmbeddedServer } from './embedded-server';

const MAX_BACKOFF_MS = 30_000;

/**
 * FerretDB 1.24 on SQLite under `dataDir`, kept on one port for its whole life so that the
 * driver reconnects by itself after a restart. An unexpected exit is restarted with backoff;
 * a deliberate `stop()` is not.
 */
export class FerretDbServer implements EmbeddedServer {
  readonly kind = 'ferretdb' as const;
  private proc?: FerretDbProcess;
  private wanted = false;
  private backoffMs = 1000;
  private restartTimer?: NodeJS.Timeout;

  private constructor(
    private readonly binary: string,
    private readonly dataDir: string,
    private readonly port: number,
    private readonly logger: Logger,
  ) {}

  static async create(opts: { root: string; dataDir: string; logger: Logger; port?: number }): Promise<FerretDbServer> {
    const binary = await ensureLauncherBuilt(opts.root, opts.logger);
    const port = opts.port || (await freePort());
    return new FerretDbServer(binary, path.resolve(opts.dataDir), port, opts.logger);
  }

  get uri(): string {
    return `mongodb://127.0.0.1:${this.port}/`;
  }

  get description(): string {
    return `FerretDB 1.24 (SQLite) at ${this.uri}, data in ${this.dataDir}`;
  }

  get running(): boolean {
    return this.proc !== undefined;
  }

  async start(): Promise<void> {
    this.wanted = true;
    if (this.proc) return;
    const proc = await startFerretDb(this.binary, { dataDir: this.dataDir, port: this.port });
    this.proc = proc;
    this.backoffMs = 1000;
    proc.child.once('exit', (code, signal) => {
      this.proc = undefined;
      if (!this.wanted) return;
      this.logger.warn({ code, signal, retryInMs: this.backoffMs }, 'embedded FerretDB exited; restarting it');
      this.scheduleRestart();
    });
  }

  async stop(): Promise<void> {
    this.wanted = false;
    clearTimeout(this.restartTimer);
    await this.proc?.stop();
    this.proc = undefined;
  }

  private scheduleRestart(): void {
    this.restartTimer = setTimeout(() => {
      this.start().catch((err: Error) => {
        this.backoffMs = Math.min(this.backoffMs * 2, MAX_BACKOFF_MS);
        this.logger.error({ err: err.message, retryInMs: this.backoffMs }, 'embedded FerretDB restart failed');
        if (this.wanted) this.scheduleRestart();
      });
    }, this.backoffMs);
    this.restartTimer.unref();
  }
}
