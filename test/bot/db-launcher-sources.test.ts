// The launcher is rebuilt when any file it is built from is newer than it: every patched FerretDB
// file listed in tools/ferretdb/_patch/files.txt counts, not only the ones known when this was written.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { launcherSources } from '../../bot/db/ferretdb';

it('watches main.go, the build files and every patched file files.txt lists', async () => {
  const dir = path.resolve(__dirname, '../../tools/ferretdb');
  const listed = readFileSync(path.join(dir, '_patch/files.txt'), 'utf8').trim().split('\n').map((line) => `_patch/${line.split(/\s+/)[2]}`);
  expect(listed).toContain('_patch/util-resource-resource.go');
  expect(await launcherSources(dir)).toEqual(['main.go', 'go.mod', 'go.sum', 'build.sh', '_patch/files.txt', ...listed]);
});
