import { validateManifest, type ManifestJson } from '../../manifest/manifest-schema';
import { readTemplate, TEST_APP_ID, useNoNetwork } from './fixtures';
import { renderTestManifest } from './rendered';

// As in manifest.test.ts: @microsoft/app-manifest's strip-bom is ESM-only, which jest 29 cannot load.
jest.mock('../../node_modules/@microsoft/app-manifest/node_modules/strip-bom', () => ({
  __esModule: true,
  default: (text: string) => text.replace(/^\uFEFF/, ''),
}));

// Teams team owners count as PMO admins (SPEC §2); the bot reads a team's owners through Microsoft
// Graph with the resource-specific consent the team grants when it installs the app.
const rendered = renderTestManifest;
const clone = (manifest: ManifestJson): ManifestJson => JSON.parse(JSON.stringify(manifest)) as ManifestJson;

useNoNetwork();

describe('resource-specific consent in the manifest', () => {
  it('asks for TeamMember.Read.Group as an application permission, and still validates against the v1.30 schema', async () => {
    const manifest = rendered();
    expect(manifest.authorization).toEqual({
      permissions: { resourceSpecific: [{ name: 'TeamMember.Read.Group', type: 'Application' }] },
    });
    expect(await validateManifest(manifest)).toEqual([]);
  });

  it("names the bot's Entra app in webApplicationInfo, which RSC requires (resource must be non-empty)", () => {
    const info = rendered().webApplicationInfo as { id?: string; resource?: string };
    expect(info.id).toBe(TEST_APP_ID);
    expect(info.resource).toBe(`api://botid-${TEST_APP_ID}`);
    expect(JSON.parse(readTemplate())).toMatchObject({ webApplicationInfo: { id: '${{MicrosoftAppId}}' } });
  });

  it('fails validation for a permission type the schema does not know', async () => {
    const broken = clone(rendered());
    (broken.authorization as { permissions: { resourceSpecific: { type: string }[] } }).permissions.resourceSpecific[0].type = 'Team';
    expect(await validateManifest(broken)).toEqual(expect.arrayContaining([expect.stringMatching(/authorization\/permissions\/resourceSpecific\/0\/type/)]));
  });
});
