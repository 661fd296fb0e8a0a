import { readFileSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
export const MANIFEST_DIR = path.join(ROOT, 'manifest');

export const TEST_APP_ID = '0b1d2c3e-4f50-4a6b-8c7d-9e0f1a2b3c4d';
/** With a path and a trailing slash, the harder case for URL joining. */
export const TEST_ENV = { MicrosoftAppId: TEST_APP_ID, PUBLIC_URL: 'https://pmo.example.test/pmo/' };

export function readTemplate(): string {
  return readFileSync(path.join(MANIFEST_DIR, 'manifest.json'), 'utf8');
}

/** Fails any network access: schema validation must work offline. */
export function forbidNetwork(): jest.SpyInstance {
  return jest.spyOn(globalThis, 'fetch').mockRejectedValue(new Error('network access in a manifest test'));
}

/** For the whole file: any network access fails, and the file fails if anything tried. */
export function useNoNetwork(): void {
  let fetchSpy: jest.SpyInstance;
  beforeAll(() => {
    fetchSpy = forbidNetwork();
  });
  afterAll(() => {
    expect(fetchSpy).not.toHaveBeenCalled();
    fetchSpy.mockRestore();
  });
}
