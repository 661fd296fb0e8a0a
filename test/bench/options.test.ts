import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseBenchOptions, prepareOut } from '../../bench/options';

const DEFAULT_OUT = '/repo/bench';

describe('npm run bench options', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'pmo-bench-options-'));
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('creates --out=DIR, parents included, before the run starts', () => {
    const options = parseBenchOptions(['--quick', '--out=trial/one'], tmp, DEFAULT_OUT);
    expect(options.out).toBe(path.join(tmp, 'trial', 'one'));
    expect(existsSync(options.out)).toBe(false);
    prepareOut(options);
    expect(statSync(options.out).isDirectory()).toBe(true);
    prepareOut(options); // an existing directory is fine
  });

  it('resolves a relative DIR against the caller’s directory and keeps an absolute one', () => {
    expect(parseBenchOptions(['--out=r'], '/home/me/work', DEFAULT_OUT).out).toBe('/home/me/work/r');
    expect(parseBenchOptions(['--out=/tmp/b'], '/home/me/work', DEFAULT_OUT).out).toBe('/tmp/b');
    expect(parseBenchOptions([], '/home/me/work', DEFAULT_OUT).out).toBe(DEFAULT_OUT);
  });

  it('reads --quick, --only and --fanout, and refuses what it cannot use', () => {
    expect(parseBenchOptions(['--only=slack,planning', '--fanout=300'], tmp, DEFAULT_OUT)).toEqual({ quick: false, only: ['slack', 'planning'], out: DEFAULT_OUT, fanOut: 300 });
    expect(parseBenchOptions(['--quick'], tmp, DEFAULT_OUT)).toEqual({ quick: true, only: undefined, out: DEFAULT_OUT, fanOut: undefined });
    expect(() => parseBenchOptions(['--only=slak'], tmp, DEFAULT_OUT)).toThrow(/unknown section slak/);
    expect(() => parseBenchOptions(['--out='], tmp, DEFAULT_OUT)).toThrow(/--out needs a directory/);
    expect(() => parseBenchOptions(['--fanout=lots'], tmp, DEFAULT_OUT)).toThrow(/--fanout must be/);
  });

  it('fails at once when DIR cannot be a directory', () => {
    writeFileSync(path.join(tmp, 'a-file'), '');
    expect(() => prepareOut(parseBenchOptions(['--out=a-file/results'], tmp, DEFAULT_OUT))).toThrow(/ENOTDIR|EEXIST/);
  });
});
