// The message action "Log in PMO register" (issue 15): declared in the manifest, valid against the v1.30 schema, offline.
import { validateManifest, type ManifestJson } from '../../manifest/manifest-schema';
import { LOG_IN_REGISTER_COMMAND } from '../../bot/teams/message-capture';
import { TEST_APP_ID, useNoNetwork } from './fixtures';
import { renderTestManifest } from './rendered';

// @microsoft/app-manifest requires strip-bom 5, which is ESM-only (see manifest.test.ts).
jest.mock('../../node_modules/@microsoft/app-manifest/node_modules/strip-bom', () => ({
  __esModule: true,
  default: (text: string) => text.replace(/^\uFEFF/, ''),
}));

interface ComposeCommand {
  id: string;
  type?: string;
  title: string;
  description?: string;
  context?: string[];
  fetchTask?: boolean;
}
interface ComposeExtension {
  botId: string;
  commands: ComposeCommand[];
}

const rendered = renderTestManifest;
const extensionsOf = (manifest: ManifestJson): ComposeExtension[] => (manifest.composeExtensions ?? []) as ComposeExtension[];

useNoNetwork();

describe('the message extension in the manifest', () => {
  it('declares one action command on messages that fetches its task module from the bot', () => {
    const [extension, ...others] = extensionsOf(rendered());
    expect(others).toEqual([]);
    expect(extension.botId).toBe(TEST_APP_ID);
    expect(extension.commands).toEqual([
      expect.objectContaining({ id: LOG_IN_REGISTER_COMMAND, type: 'action', title: 'Log in PMO register', context: ['message'], fetchTask: true }),
    ]);
    expect(extension.commands[0].description?.length ?? 0).toBeGreaterThan(0);
  });

  it('keeps the package valid against the v1.30 schema with composeExtensions', async () => {
    const manifest = rendered();
    expect(manifest.manifestVersion).toBe('1.30');
    expect(await validateManifest(manifest)).toEqual([]);
  });

  it('is caught by the schema when the command is malformed', async () => {
    const manifest = rendered();
    const [extension] = extensionsOf(manifest);
    extension.commands[0].type = 'sideways';
    extension.commands[0].title = 'x'.repeat(40);
    const errors = await validateManifest(manifest);
    expect(errors).toEqual(expect.arrayContaining([expect.stringMatching(/composeExtensions\/0\/commands\/0\/type/), expect.stringMatching(/composeExtensions\/0\/commands\/0\/title/)]));
  });
});
