import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The nearest folder at or above `from` holding package.json: the same root whether a script runs
 * from source (manifest/) or compiled (dist/manifest/).
 */
export function findProjectRoot(from: string): string {
  let dir = path.resolve(from);
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No package.json at or above ${from}`);
    dir = parent;
  }
  return dir;
}
