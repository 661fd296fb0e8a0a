import { readdirSync } from 'node:fs';
import path from 'node:path';
import { renderManifest } from '../../manifest/build-package';
import { ACCENT_COLOR } from '../../manifest/make-icons';
import { COMMAND_LIMITS, validateManifest, type ManifestJson } from '../../manifest/manifest-schema';
import { PackageError } from '../../manifest/package-env';
import { readTemplate, TEST_APP_ID, useNoNetwork } from './fixtures';
import { renderTestManifest } from './rendered';

// @microsoft/app-manifest requires strip-bom 5, which is ESM-only: Node 20.19+ loads it, jest 29
// cannot. The packager never strips a BOM through it, so a CommonJS stand-in is enough here.
jest.mock('../../node_modules/@microsoft/app-manifest/node_modules/strip-bom', () => ({
  __esModule: true,
  default: (text: string) => text.replace(/^\uFEFF/, ''),
}));

interface Command {
  title: string;
  description?: string;
}
interface CommandList {
  scopes: string[];
  commands: Command[];
}
interface Bot {
  botId: string;
  scopes: string[];
  isNotificationOnly?: boolean;
  supportsFiles?: boolean;
  commandLists: CommandList[];
}

const botOf = (manifest: ManifestJson): Bot => (manifest.bots as Bot[])[0];
const clone = (manifest: ManifestJson): ManifestJson => JSON.parse(JSON.stringify(manifest)) as ManifestJson;

/** The command words of SPEC §3. */
const SPEC_COMMANDS = [
  'help', 'status', 'risk', 'issue', 'change', 'decision', 'action', 'list', 'show', 'update', 'close', 'escalate',
  'project', 'program', 'portfolio', 'link', 'role', 'settings', 'digest', 'reminders', 'export', 'cancel',
];
const SCOPES = ['personal', 'team', 'groupChat'];

function newestBundledTeamsSchema(): string {
  const dir = path.join(path.dirname(require.resolve('@microsoft/app-manifest/package.json')), 'build/json-schemas/teams');
  const versions = readdirSync(dir).filter((v) => /^v\d+\.\d+$/.test(v));
  const key = (v: string): number[] => v.slice(1).split('.').map(Number);
  versions.sort((a, b) => key(a)[0] - key(b)[0] || key(a)[1] - key(b)[1]);
  return versions[versions.length - 1].slice(1);
}

useNoNetwork();

describe('the packaged manifest', () => {
  it('validates against the official Teams schema, offline, with zero errors', async () => {
    expect(await validateManifest(renderTestManifest())).toEqual([]);
  });

  it('uses the newest manifest version whose schema @microsoft/app-manifest bundles', () => {
    const manifest = renderTestManifest();
    const newest = newestBundledTeamsSchema();
    expect(manifest.manifestVersion).toBe(newest);
    expect(manifest.$schema).toBe(`https://developer.microsoft.com/json-schemas/teams/v${newest}/MicrosoftTeams.schema.json`);
  });

  it('is rejected by the validation when it breaks the schema', async () => {
    const broken = clone(renderTestManifest());
    botOf(broken).botId = 'not-a-guid';
    broken.unexpected = true;
    const errors = await validateManifest(broken);
    expect(errors).toEqual(
      expect.arrayContaining([expect.stringMatching(/\/bots\/0\/botId/), expect.stringMatching(/unexpected/)]),
    );
  });

  it('fills every placeholder from the environment, appending paths to PUBLIC_URL cleanly', () => {
    const manifest = renderTestManifest();
    expect(JSON.stringify(manifest)).not.toContain('${{');
    expect(manifest.id).toBe(TEST_APP_ID);
    expect(botOf(manifest).botId).toBe(TEST_APP_ID);
    expect(manifest.version).toBe('0.1.0');
    expect(manifest.developer).toMatchObject({
      websiteUrl: 'https://pmo.example.test/pmo',
      privacyUrl: 'https://pmo.example.test/pmo/privacy',
      termsOfUseUrl: 'https://pmo.example.test/pmo/terms',
    });
    expect(manifest.validDomains).toEqual(['pmo.example.test']);
  });

  it('keeps environment values out of the committed template', () => {
    const template = JSON.parse(readTemplate()) as ManifestJson;
    expect(template.id).toBe('${{MicrosoftAppId}}');
    expect(botOf(template).botId).toBe('${{MicrosoftAppId}}');
    expect(template.version).toBe('${{APP_VERSION}}');
    expect(template.validDomains).toEqual(['${{PUBLIC_URL_DOMAIN}}']);
    expect(readTemplate()).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/i);
  });

  it('uses the accent colour the icons are drawn in', () => {
    expect(renderTestManifest().accentColor).toBe(ACCENT_COLOR);
  });
});

describe('the bot', () => {
  const bot = botOf(renderTestManifest());

  it('is conversational in personal, team and group chat scopes', () => {
    expect([...bot.scopes].sort()).toEqual([...SCOPES].sort());
    expect(bot.isNotificationOnly).toBe(false);
  });

  it('sends files (exports) through file consent in personal chats, which needs supportsFiles', () => {
    expect(bot.supportsFiles).toBe(true);
  });

  it('has exactly one command list per scope', () => {
    const listed = bot.commandLists.flatMap((list) => list.scopes).sort();
    expect(listed).toEqual([...SCOPES].sort());
  });

  it.each(SCOPES)('offers help, status, risk, issue, change, decision, action, list, show and close in %s', (scope) => {
    const list = bot.commandLists.find((l) => l.scopes.includes(scope));
    const titles = list?.commands.map((c) => c.title);
    expect(titles).toEqual(expect.arrayContaining(['help', 'status', 'risk', 'issue', 'change', 'decision', 'action', 'list', 'show', 'close']));
  });

  it("keeps every list within Teams' limits: 10 commands, 32-char titles, 128-char descriptions", () => {
    for (const list of bot.commandLists) {
      expect(list.commands.length).toBeLessThanOrEqual(COMMAND_LIMITS.perList);
      expect(new Set(list.commands.map((c) => c.title)).size).toBe(list.commands.length);
      for (const { title, description } of list.commands) {
        expect(title.length).toBeLessThanOrEqual(COMMAND_LIMITS.title);
        expect(description?.length ?? 0).toBeGreaterThan(0);
        expect(description?.length ?? 0).toBeLessThanOrEqual(COMMAND_LIMITS.description);
      }
    }
  });

  it('only names commands of SPEC §3', () => {
    const titles = bot.commandLists.flatMap((list) => list.commands.map((c) => c.title.split(' ')[0]));
    expect(titles.filter((t) => !SPEC_COMMANDS.includes(t))).toEqual([]);
  });

  it("fails validation when a list breaks Teams' command limits the schema allows", async () => {
    const manifest = clone(renderTestManifest());
    const [first] = botOf(manifest).commandLists;
    first.commands.push({ title: 'export risks issues changes status', description: 'x'.repeat(129) });
    const errors = await validateManifest(manifest);
    expect(errors).toEqual([
      expect.stringMatching(/has 11 commands; Teams shows at most 10/),
      expect.stringMatching(/title "export risks issues changes status" is longer than 32/),
      expect.stringMatching(/description is longer than 128/),
    ]);
  });
});

describe('renderManifest', () => {
  it('names placeholders nothing provides', () => {
    expect(() => renderManifest('{"id":"${{TEAMS_APP_ID}}"}', {})).toThrow(PackageError);
    expect(() => renderManifest('{"id":"${{TEAMS_APP_ID}}"}', {})).toThrow(/placeholders nothing provides: TEAMS_APP_ID/);
  });

  it('substitutes inside strings, so a value cannot break the JSON', () => {
    expect(renderManifest('{"a":["x ${{V}} y"]}', { V: '"},{' })).toEqual({ a: ['x "},{ y'] });
  });
});
