// tools/build-if-changed.js on a two-file project of its own: tsc runs when an input changed, and only then.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

jest.setTimeout(60_000); // each build starts tsc in a process of its own

const REPO = path.resolve(__dirname, '../..');
const SCRIPT = path.join(REPO, 'tools', 'build-if-changed.js');

// Without TypeScript's lib files each tsc run takes a fraction of a second; these are the globals it needs.
const GLOBALS = ['Boolean', 'CallableFunction', 'Function', 'IArguments', 'NewableFunction', 'Number', 'Object', 'RegExp', 'String'];
const settings = (extra: object = {}) => ({
  compilerOptions: { target: 'ES2022', module: 'commonjs', strict: true, outDir: 'dist', rootDir: '.', types: [], noLib: true, ...extra },
  include: ['src'],
});

let project: string;
const file = (name: string) => path.join(project, name);
const write = (name: string, text: string) => writeFileSync(file(name), text);
const read = (name: string) => readFileSync(file(name), 'utf8');
const stamp = () => (existsSync(file('dist/.build-stamp.json')) ? read('dist/.build-stamp.json') : undefined);

/** Runs the script on the project; `said` is what it printed (tsc's errors go to stdout, its own lines to stderr). */
function build(): { status: number | null; said: string } {
  const result = spawnSync(process.execPath, [SCRIPT, project], { encoding: 'utf8' });
  return { status: result.status, said: `${result.stdout}${result.stderr}` };
}

beforeAll(() => {
  project = mkdtempSync(path.join(os.tmpdir(), 'pmo-build-'));
  symlinkSync(path.join(REPO, 'node_modules'), file('node_modules'), 'dir');
  mkdirSync(file('src'));
  write('package.json', '{ "name": "tiny", "private": true }\n');
  write('tsconfig.json', JSON.stringify(settings()));
  write('tsconfig.build.json', JSON.stringify({ extends: './tsconfig.json', compilerOptions: { incremental: true, tsBuildInfoFile: './dist/.tsbuildinfo' }, include: ['src'] }));
  // A declaration file is a source that compiles to nothing.
  write('src/globals.d.ts', 'interface Array<T> { length: number; [n: number]: T }\n' + GLOBALS.map((name) => `interface ${name} {}`).join('\n'));
  write('src/a.ts', "import { b } from './b';\nexport const a: number = b + 1;\n");
  write('src/b.ts', 'export const b: number = 1;\n');
});
afterAll(() => rmSync(project, { recursive: true, force: true }));

describe('build-if-changed', () => {
  it('says what it does on the first build, then builds', () => {
    const first = build();
    expect(first).toMatchObject({ status: 0 });
    expect(first.said).toMatch(/^Building PMO Assistant \(first start/);
    expect(read('dist/src/a.js')).toContain('b_1.b + 1');
    expect(stamp()).toBeDefined();
  });

  it('skips tsc, silently, when nothing changed, even if a source was only touched', () => {
    const before = stamp();
    expect(build()).toEqual({ status: 0, said: '' });
    utimesSync(file('src/b.ts'), new Date(), new Date(Date.now() + 60_000));
    expect(build()).toEqual({ status: 0, said: '' });
    expect(stamp()).toBe(before); // written by a build only
  });

  it('rebuilds when a source changes, naming it', () => {
    write('src/b.ts', 'export const b: number = 2;\n');
    const changed = build();
    expect(changed).toMatchObject({ status: 0 });
    expect(changed.said).toMatch(/^Rebuilding PMO Assistant \(changed: src\/b\.ts\)/);
    expect(read('dist/src/b.js')).toContain('exports.b = 2');
  });

  it('rebuilds when a source is renamed or deleted, and removes what it compiled to', () => {
    write('src/c.ts', 'export const c = 3;\n');
    expect(build().status).toBe(0);
    renameSync(file('src/c.ts'), file('src/d.ts'));
    expect(build().said).toMatch(/changed: src\/c\.ts, src\/d\.ts/);
    expect(existsSync(file('dist/src/c.js'))).toBe(false);
    expect(existsSync(file('dist/src/c.js.map'))).toBe(false);
    expect(existsSync(file('dist/src/d.js'))).toBe(true);
    rmSync(file('src/d.ts'));
    expect(build().said).toMatch(/changed: src\/d\.ts/);
    expect(existsSync(file('dist/src/d.js'))).toBe(false);
  });

  it('rebuilds when the build settings or the lockfile change', () => {
    write('tsconfig.json', JSON.stringify(settings({ removeComments: true })));
    expect(build().said).toMatch(/changed: tsconfig\.json/);
    write('package-lock.json', '{}\n');
    expect(build().said).toMatch(/changed: package-lock\.json/);
    expect(build().said).toBe('');
  });

  it('rebuilds what was deleted from dist/', () => {
    rmSync(file('dist/src/a.js'));
    expect(build()).toMatchObject({ status: 0, said: expect.stringMatching(/^Rebuilding PMO Assistant/) });
    expect(read('dist/src/a.js')).toContain('b_1.b + 1');
  });

  it('after a failed build, builds again on the next run even once the source is back as it was', () => {
    const good = read('src/b.ts');
    write('src/b.ts', "export const b: number = 'two';\n");
    const failed = build();
    expect(failed.status).not.toBe(0);
    expect(failed.said).toMatch(/TS2322[\s\S]*The TypeScript build failed/);
    expect(stamp()).toBeUndefined();

    write('src/b.ts', good); // tsc emitted the broken b.js anyway: the next run must not trust dist/
    const next = build();
    expect(next).toMatchObject({ status: 0, said: expect.stringMatching(/the last build failed or was interrupted/) });
    expect(read('dist/src/b.js')).toContain('exports.b = 2');
    expect(build().said).toBe('');
  });
});
