import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';

/** A manifest as parsed JSON: checked against the schema, not trusted by type. */
export type ManifestJson = Record<string, unknown>;

/** Teams' documented bot command limits (stricter than the v1.30 schema's 12 / 128 / 4000). */
export const COMMAND_LIMITS = { perList: 10, title: 32, description: 128 } as const;

const SCHEMA_URL = /^https:\/\/developer\.microsoft\.com\/(?:[a-z]{2}(?:-[a-z]{2})?\/)?json-schemas\/teams\/(v[0-9.]+|vDevPreview)\/MicrosoftTeams\.schema\.json$/i;

/**
 * The schema named by the manifest's `$schema`, read from the copy @microsoft/app-manifest ships:
 * never fetched, so packaging and tests work offline (the library would fall back to the network).
 */
export function loadBundledSchema(schemaUrl: unknown): object {
  const match = typeof schemaUrl === 'string' ? SCHEMA_URL.exec(schemaUrl) : null;
  if (!match) throw new Error(`manifest $schema must be a Teams manifest schema URL, got ${JSON.stringify(schemaUrl)}`);
  const packageDir = path.dirname(require.resolve('@microsoft/app-manifest/package.json'));
  const file = path.join(packageDir, 'build', 'json-schemas', 'teams', match[1], 'MicrosoftTeams.schema.json');
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as object;
  } catch (err) {
    throw new Error(`Teams manifest schema ${match[1]} is not bundled with @microsoft/app-manifest (${(err as Error).message})`);
  }
}

/** Schema errors plus Teams' command limits; empty when the manifest is good to upload. */
export async function validateManifest(manifest: ManifestJson): Promise<string[]> {
  const schema = loadBundledSchema(manifest.$schema);
  const schemaErrors = await AppManifestUtils.validateAgainstSchema(
    manifest as unknown as AppManifest,
    schema as Parameters<typeof AppManifestUtils.validateAgainstSchema>[1],
  );
  return [...schemaErrors.map((e) => `schema: ${e.trim()}`), ...commandLimitErrors(manifest)];
}

interface CommandList {
  scopes?: unknown;
  commands?: { title?: unknown; description?: unknown }[];
}

function commandLimitErrors(manifest: ManifestJson): string[] {
  const errors: string[] = [];
  const bots = Array.isArray(manifest.bots) ? (manifest.bots as { commandLists?: CommandList[] }[]) : [];
  for (const list of bots.flatMap((bot) => bot.commandLists ?? [])) {
    const where = `commandLists[${JSON.stringify(list.scopes)}]`;
    const commands = list.commands ?? [];
    if (commands.length > COMMAND_LIMITS.perList) {
      errors.push(`${where} has ${commands.length} commands; Teams shows at most ${COMMAND_LIMITS.perList}`);
    }
    for (const { title, description } of commands) {
      if (typeof title === 'string' && title.length > COMMAND_LIMITS.title) {
        errors.push(`${where} title "${title}" is longer than ${COMMAND_LIMITS.title} characters`);
      }
      if (typeof description === 'string' && description.length > COMMAND_LIMITS.description) {
        errors.push(`${where} "${title}" description is longer than ${COMMAND_LIMITS.description} characters`);
      }
    }
  }
  return errors;
}
