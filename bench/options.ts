// The command line of `npm run bench`, read once and checked before minutes of measuring start.
import { mkdirSync } from 'node:fs';
import path from 'node:path';

export const SECTIONS = ['teams', 'memory', 'slack', 'planning', 'fanout'] as const;
export type Section = (typeof SECTIONS)[number];

export interface BenchOptions {
  /** `--quick`: fewer turns and smaller registers, for a trial run. */
  quick: boolean;
  /** `--only=teams,memory,slack,planning,fanout`: a subset (for working on one of them); undefined = all. */
  only?: Section[];
  /** `--out=DIR`: where results.json and results.md go, absolute; created if missing. */
  out: string;
  /** `--fanout=N`: deliveries in the fan-out section; undefined = its default. */
  fanOut?: number;
}

/**
 * Reads argv (after the script name). `cwd` resolves a relative `--out`: npm runs scripts from the
 * package root but passes the caller's directory as INIT_CWD, which is where the user meant DIR.
 */
export function parseBenchOptions(argv: readonly string[], cwd: string, defaultOut: string): BenchOptions {
  const value = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const only = value('only')?.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = only?.filter((s) => !(SECTIONS as readonly string[]).includes(s)) ?? [];
  if (unknown.length > 0) throw new Error(`--only: unknown section ${unknown.join(', ')}; the sections are ${SECTIONS.join(', ')}`);
  const out = value('out');
  if (out === '') throw new Error('--out needs a directory, e.g. --out=/tmp/bench');
  const fanOut = value('fanout');
  if (fanOut !== undefined && !(Number.isInteger(Number(fanOut)) && Number(fanOut) > 0)) throw new Error(`--fanout must be a positive whole number, not ${fanOut}`);
  return {
    quick: argv.includes('--quick'),
    only: only as Section[] | undefined,
    out: out === undefined ? defaultOut : path.resolve(cwd, out),
    fanOut: fanOut === undefined ? undefined : Number(fanOut),
  };
}

/** Creates the output directory (and its parents) now, so a bad path fails before the run, not after it. */
export function prepareOut(options: BenchOptions): void {
  mkdirSync(options.out, { recursive: true });
}
