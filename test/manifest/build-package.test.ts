import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { buildTeamsPackage, runCli } from '../../manifest/build-package';
import { validateManifest, type ManifestJson } from '../../manifest/manifest-schema';
import { PackageError, readPackageEnv } from '../../manifest/package-env';
import { forbidNetwork, MANIFEST_DIR, ROOT, TEST_APP_ID, TEST_ENV } from './fixtures';

// @microsoft/app-manifest requires strip-bom 5, which is ESM-only: Node 20.19+ loads it, jest 29
// cannot. The packager never strips a BOM through it, so a CommonJS stand-in is enough here.
jest.mock('../../node_modules/@microsoft/app-manifest/node_modules/strip-bom', () => ({
  __esModule: true,
  default: (text: string) => text.replace(/^\uFEFF/, ''),
}));

const PACKAGE_VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

let outDir: string;
let outFile: string;
let fetchSpy: jest.SpyInstance;
beforeAll(() => {
  fetchSpy = forbidNetwork();
});
afterAll(() => fetchSpy.mockRestore());
beforeEach(() => {
  outDir = mkdtempSync(path.join(os.tmpdir(), 'pmo-teams-package-'));
  outFile = path.join(outDir, 'nested', 'teams-app.zip');
});
afterEach(() => rmSync(outDir, { recursive: true, force: true }));

/** The error message a build with this environment fails with. */
async function failureOf(env: Record<string, string>): Promise<string> {
  const err = await buildTeamsPackage({ root: ROOT, env, outFile }).then(
    () => new Error('expected the build to fail'),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PackageError);
  expect(existsSync(outFile)).toBe(false);
  return (err as PackageError).message;
}

describe('buildTeamsPackage', () => {
  it('zips exactly manifest.json, color.png and outline.png at the root', async () => {
    await buildTeamsPackage({ root: ROOT, env: TEST_ENV, outFile });
    const zip = await JSZip.loadAsync(readFileSync(outFile));
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse((await zip.file('manifest.json')?.async('string')) ?? '{}') as ManifestJson;
    expect(manifest.version).toBe(PACKAGE_VERSION); // APP_VERSION unset
    for (const icon of ['color.png', 'outline.png']) {
      const packed = await zip.file(icon)?.async('nodebuffer');
      expect(packed?.equals(readFileSync(path.join(MANIFEST_DIR, icon)))).toBe(true);
    }
  });

  it('packs a filled-in manifest that validates offline', async () => {
    await buildTeamsPackage({ root: ROOT, env: { ...TEST_ENV, APP_VERSION: '2.3.4' }, outFile });
    const zip = await JSZip.loadAsync(readFileSync(outFile));
    const manifest = JSON.parse((await zip.file('manifest.json')?.async('string')) ?? '{}') as ManifestJson;
    expect(manifest).toMatchObject({ id: TEST_APP_ID, version: '2.3.4' });
    expect(await validateManifest(manifest)).toEqual([]);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('builds the same bytes from the same inputs', async () => {
    const first = (await buildTeamsPackage({ root: ROOT, env: TEST_ENV, outFile }), readFileSync(outFile));
    await buildTeamsPackage({ root: ROOT, env: TEST_ENV, outFile });
    expect(readFileSync(outFile).equals(first)).toBe(true);
  });

  it('fails clearly without MicrosoftAppId, and writes nothing', async () => {
    expect(await failureOf({ PUBLIC_URL: TEST_ENV.PUBLIC_URL })).toMatch(
      /Cannot build the Teams app package:\n {2}- MicrosoftAppId is required: .*a GUID/,
    );
  });

  it.each(['not-a-guid', '0b1d2c3e4f504a6b8c7d9e0f1a2b3c4d', `${TEST_APP_ID}x`])(
    'fails clearly when MicrosoftAppId is %s',
    async (appId) => {
      expect(await failureOf({ ...TEST_ENV, MicrosoftAppId: appId })).toContain(
        `MicrosoftAppId must be a GUID like 00000000-0000-0000-0000-000000000000, got "${appId}"`,
      );
    },
  );

  it('lists every bad variable at once', async () => {
    const message = await failureOf({ MicrosoftAppId: 'x', PUBLIC_URL: 'http://pmo.example.test', APP_VERSION: '1.0' });
    expect(message.split('\n')).toEqual([
      'Cannot build the Teams app package:',
      expect.stringContaining('MicrosoftAppId must be a GUID'),
      expect.stringContaining('PUBLIC_URL must use https'),
      expect.stringContaining('APP_VERSION must be major.minor.patch'),
    ]);
  });
});

describe('readPackageEnv', () => {
  it.each([
    [{ PUBLIC_URL: '' }, /PUBLIC_URL is required/],
    [{ PUBLIC_URL: 'pmo.example.test' }, /PUBLIC_URL must be an absolute https URL/],
    [{ PUBLIC_URL: 'https://pmo.example.test/?x=1' }, /without credentials, query or fragment/],
    [{ APP_VERSION: '1.2.3-beta.1' }, /APP_VERSION must be major.minor.patch/],
  ])('rejects %p', (override, message) => {
    expect(() => readPackageEnv({ ...TEST_ENV, ...override }, '0.1.0')).toThrow(message);
  });

  it('keeps a non-default port in the valid domain', () => {
    expect(readPackageEnv({ ...TEST_ENV, PUBLIC_URL: 'https://pmo.example.test:8443' }, '0.1.0')).toMatchObject({
      PUBLIC_URL: 'https://pmo.example.test:8443',
      PUBLIC_URL_DOMAIN: 'pmo.example.test:8443',
    });
  });
});

describe('runCli', () => {
  const sink = (): { text: string; write(t: string): void } => ({
    text: '',
    write(t: string) {
      this.text += t;
    },
  });

  it('exits 1 with the problems on stderr', async () => {
    const [stdout, stderr] = [sink(), sink()];
    expect(await runCli({ root: ROOT, env: {}, outFile }, stdout, stderr)).toBe(1);
    expect(stdout.text).toBe('');
    expect(stderr.text).toMatch(/^Cannot build the Teams app package:\n {2}- MicrosoftAppId is required/);
  });

  it('exits 0 and says what it wrote', async () => {
    const [stdout, stderr] = [sink(), sink()];
    expect(await runCli({ root: ROOT, env: TEST_ENV, outFile }, stdout, stderr)).toBe(0);
    expect(stderr.text).toBe('');
    expect(stdout.text).toMatch(/^Wrote .*teams-app\.zip: Teams manifest 1\.\d+, app version /);
    expect(stdout.text).toContain(`app version ${PACKAGE_VERSION}, bot ${TEST_APP_ID}, domain pmo.example.test`);
    expect(existsSync(outFile)).toBe(true);
  });
});
