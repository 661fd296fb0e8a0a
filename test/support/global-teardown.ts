import { rmSync } from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const state = globalThis.__PMO_TEST_DB__;
  if (!state) return;
  await state.db?.server?.stop();
  rmSync(state.dataDir, { recursive: true, force: true });
}
