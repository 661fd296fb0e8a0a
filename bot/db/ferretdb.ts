import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import type { Logger } from 'pino';

const run = promisify(execFile);

/** Where the Go launcher's source lives and where its (git-ignored) build goes. */
export function launcherPaths(root: string): { dir: string; binary: string } {
  const dir = path.join(root, 'tools', 'ferretdb');
  return { dir, binary: path.join(dir, 'bin', 'ferretdb-launcher') };
}

async function mtime(file: string): Promise<number | undefined> {
  try {
    return (await fs.stat(file)).mtimeMs;
  } catch {
    return undefined;
  }
}

/** What the launcher is built from (tools/ferretdb/build.sh: our main.go, and FerretDB with the files _patch/files.txt lists in place). */
export async function launcherSources(dir: string): Promise<string[]> {
  const listed = await fs.readFile(path.join(dir, '_patch', 'files.txt'), 'utf8').catch(() => '');
  const patched = listed.split('\n').map((line) => line.trim().split(/\s+/)[2]).filter((name): name is string => !!name);
  return ['main.go', 'go.mod', 'go.sum', 'build.sh', '_patch/files.txt', ...patched.map((name) => `_patch/${name}`)];
}

/**
 * Builds the FerretDB launcher with the machine's `go` unless a build newer than its sources is
 * already there. Builds to a temporary name and renames, so a concurrent reader never sees half a file.
 */
export async function ensureLauncherBuilt(root: string, logger: Logger): Promise<string> {
  const { dir, binary } = launcherPaths(root);
  const built = await mtime(binary);
  const sources = await Promise.all((await launcherSources(dir)).map((f) => mtime(path.join(dir, f))));
  if (sources.some((s) => s === undefined)) {
    throw new Error(`the FerretDB launcher source is missing under ${dir}`);
  }
  if (built !== undefined && sources.every((s) => (s as number) <= built)) return binary;

  try {
    await run('go', ['version']);
  } catch {
    throw new Error('`go` is not on PATH, so the FerretDB launcher cannot be built');
  }
  logger.info({ dir }, 'building the FerretDB launcher with go (first run only; takes a minute or two)');
  const started = Date.now();
  const tmp = `${binary}.${process.pid}.tmp`;
  await fs.mkdir(path.dirname(binary), { recursive: true });
  try {
    await run('bash', [path.join(dir, 'build.sh'), tmp], { cwd: dir, maxBuffer: 16 * 1024 * 1024, env: process.env });
  } catch (err) {
    await fs.rm(tmp, { force: true });
    const stderr = (err as { stderr?: string }).stderr ?? String(err);
    throw new Error(`go build of the FerretDB launcher failed:\n${stderr.trim().split('\n').slice(-15).join('\n')}`);
  }
  await fs.rename(tmp, binary);
  logger.info({ binary, seconds: Math.round((Date.now() - started) / 1000) }, 'FerretDB launcher built');
  return binary;
}

export interface FerretDbProcess {
  uri: string;
  child: ChildProcess;
  /** Stops the server: SIGTERM, then SIGKILL after a grace period. */
  stop(): Promise<void>;
}

/** Starts the launcher and resolves once it prints the URI it listens on. */
export function startFerretDb(
  binary: string,
  opts: { dataDir: string; host?: string; port?: number; timeoutMs?: number },
): Promise<FerretDbProcess> {
  const listen = `${opts.host ?? '127.0.0.1'}:${opts.port ?? 0}`;
  // -watch-stdin: the server exits when our process dies and its stdin pipe closes.
  const child = spawn(binary, ['-listen', listen, '-data', opts.dataDir, '-watch-stdin'], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`FerretDB did not start within ${opts.timeoutMs ?? 30000} ms: ${stderr.trim()}`));
    }, opts.timeoutMs ?? 30000);
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      clearTimeout(timer);
      try {
        const { uri } = JSON.parse(line) as { uri: string };
        resolve({ uri, child, stop });
      } catch {
        void stop();
        reject(new Error(`unexpected output from the FerretDB launcher: ${line}`));
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`FerretDB exited at start (code ${code}, signal ${signal}): ${stderr.trim()}`));
    });
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}
