import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { checkIcons, COLOR_ICON, OUTLINE_ICON } from './icon-check';
import { validateManifest, type ManifestJson } from './manifest-schema';
import { PackageError, readPackageEnv, type PackageValues } from './package-env';
import { findProjectRoot } from './paths';

/**
 * Builds dist/teams-app.zip (manifest.json, color.png, outline.png at the root) from manifest/,
 * filling `${{NAME}}` placeholders from the environment. Run by `npm run package:teams`.
 */

type Env = Record<string, string | undefined>;

export interface BuildOptions {
  /** Project root: manifest/ and package.json are read from it. */
  root: string;
  env: Env;
  /** Default `<root>/dist/teams-app.zip`. */
  outFile?: string;
}

export interface BuiltPackage {
  outFile: string;
  manifest: ManifestJson;
  values: PackageValues;
}

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
// Fixed entry dates make the zip reproducible: same inputs, same bytes.
const ZIP_DATE = new Date(Date.UTC(2020, 0, 1));

/** Parses the template and fills placeholders inside string values (so no value can break JSON). */
export function renderManifest(template: string, values: Readonly<Record<string, string>>): ManifestJson {
  const missing = new Set<string>();
  const fill = (node: unknown): unknown => {
    if (typeof node === 'string') {
      return node.replace(PLACEHOLDER, (whole, name: string) => {
        if (Object.hasOwn(values, name)) return values[name];
        missing.add(name);
        return whole;
      });
    }
    if (Array.isArray(node)) return node.map(fill);
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, fill(value)]));
    }
    return node;
  };
  const manifest = fill(JSON.parse(template)) as ManifestJson;
  if (missing.size > 0) {
    throw new PackageError([`manifest.json uses placeholders nothing provides: ${[...missing].join(', ')}`]);
  }
  return manifest;
}

function iconReferenceProblems(manifest: ManifestJson): string[] {
  const icons = manifest.icons as { color?: unknown; outline?: unknown } | undefined;
  const expected = { color: COLOR_ICON.file, outline: OUTLINE_ICON.file };
  return (['color', 'outline'] as const)
    .filter((kind) => icons?.[kind] !== expected[kind])
    .map((kind) => `manifest.json icons.${kind} must be "${expected[kind]}" (the file packaged at the zip root)`);
}

/** Validates everything, then writes the zip; throws a PackageError listing every problem. */
export async function buildTeamsPackage({ root, env, outFile }: BuildOptions): Promise<BuiltPackage> {
  const manifestDir = path.join(root, 'manifest');
  const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
  const values = readPackageEnv(env, version);
  const manifest = renderManifest(readFileSync(path.join(manifestDir, 'manifest.json'), 'utf8'), { ...values });

  const problems = [
    ...(await validateManifest(manifest)),
    ...iconReferenceProblems(manifest),
    ...checkIcons(manifestDir),
  ];
  if (problems.length > 0) throw new PackageError(problems);

  const zip = new JSZip();
  zip.file('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`, { date: ZIP_DATE });
  for (const icon of [COLOR_ICON.file, OUTLINE_ICON.file]) {
    zip.file(icon, readFileSync(path.join(manifestDir, icon)), { date: ZIP_DATE });
  }
  const target = outFile ?? path.join(root, 'dist', 'teams-app.zip');
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return { outFile: target, manifest, values };
}

interface Output {
  write(text: string): unknown;
}

/** The command line: exit code 0 with one line on stdout, or 1 with the problems on stderr. */
export async function runCli(options: BuildOptions, stdout: Output, stderr: Output): Promise<number> {
  const { root } = options;
  try {
    const built = await buildTeamsPackage(options);
    const { manifestVersion } = built.manifest as { manifestVersion?: string };
    stdout.write(
      `Wrote ${path.relative(root, built.outFile)}: Teams manifest ${manifestVersion}, app version ` +
        `${built.values.APP_VERSION}, bot ${built.values.MicrosoftAppId}, domain ${built.values.PUBLIC_URL_DOMAIN}\n`,
    );
    return 0;
  } catch (err) {
    // A PackageError is the user's to fix (message only); anything else is a bug (stack).
    const text = err instanceof PackageError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err);
    stderr.write(`${text}\n`);
    return 1;
  }
}

if (require.main === module) {
  const options = { root: findProjectRoot(__dirname), env: process.env };
  void runCli(options, process.stdout, process.stderr).then((code) => {
    process.exitCode = code;
  });
}
