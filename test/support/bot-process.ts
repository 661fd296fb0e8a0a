import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import mongoose from 'mongoose';

const ROOT = path.resolve(__dirname, '../..');

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The test file's own database on the test server, as a connection string a bot process can take. */
export function testDatabaseUri(): string {
  const server = process.env.PMO_TEST_MONGODB_URI;
  if (!server) throw new Error('no test database server (run through npm test)');
  const [base, query] = server.split('?');
  return `${base.replace(/\/*$/, '')}/${mongoose.connection.name}${query ? `?${query}` : ''}`;
}

/** The real bot (`bot/index.ts`, as `npm start` runs it) in a process of its own, to be killed like one. */
export class BotProcess {
  readonly output: string[] = [];
  private child?: ChildProcess;

  constructor(readonly port: number, private readonly env: Record<string, string>) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts it and waits for /readyz (fails with its output when it does not come up). */
  async start(timeoutMs = 60_000): Promise<void> {
    const child = spawn(process.execPath, ['-r', path.join(ROOT, 'test/support/ts-register.js'), path.join(ROOT, 'bot/index.ts')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...this.env, PORT: String(this.port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout?.on('data', (d: Buffer) => this.output.push(d.toString()));
    child.stderr?.on('data', (d: Buffer) => this.output.push(d.toString()));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the bot exited (${child.exitCode}):\n${this.output.join('')}`);
      const ready = await fetch(`${this.url}/readyz`).then((r) => r.ok, () => false);
      if (ready) return;
      if (Date.now() > deadline) throw new Error(`the bot did not come up:\n${this.output.join('')}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** SIGKILL: no clean stop, nothing flushed, as a crash or an OOM kill. */
  async kill(): Promise<void> {
    await this.signal('SIGKILL');
  }

  async stop(): Promise<void> {
    await this.signal('SIGTERM');
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  }
}
