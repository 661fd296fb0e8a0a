// The manifest as the packager renders it, for the tests that check it (kept out of fixtures.ts: the
// packager loads @microsoft/app-manifest, whose ESM-only strip-bom each such test file mocks).
import { renderManifest } from '../../manifest/build-package';
import type { ManifestJson } from '../../manifest/manifest-schema';
import { readPackageEnv } from '../../manifest/package-env';
import { readTemplate, TEST_ENV } from './fixtures';

/** The manifest as the packager would zip it for TEST_ENV. */
export function renderTestManifest(): ManifestJson {
  return renderManifest(readTemplate(), { ...readPackageEnv(TEST_ENV, '0.1.0') });
}
