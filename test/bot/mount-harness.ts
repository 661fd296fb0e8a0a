import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import type { Stoppable } from '../../bot/app';
import { loadConfig } from '../../bot/config';
import { mountAll } from '../../bot/mount';
import { createApp } from '../../bot/server';
import type { Platform } from '../../core/domain';
import { ensureWorkspace } from '../../core/services';
import { generatePortfolio } from '../../tools/seed/generate';
import { writeSeed } from '../../tools/seed/write';

export interface MountedApp {
  url: string;
  stoppables: Stoppable[];
  close(): Promise<void>;
}

/**
 * The app as `npm start` mounts it (bot/mount.ts) for this environment, on the test database,
 * with the demo portfolio seeded into one workspace.
 */
export async function startMounted(
  env: Record<string, string>,
  seedInto: { platform: Platform; externalId: string },
  listenOn = '127.0.0.1',
): Promise<MountedApp> {
  const logger = pino({ level: 'silent' });
  const config = loadConfig({ PORT: '0', ...env });
  const workspace = await ensureWorkspace(seedInto.platform, seedInto.externalId, 'Seeded', { timeZone: config.defaultTimeZone });
  await writeSeed(workspace._id, generatePortfolio({ projects: 6, items: 8, seed: 42, now: new Date(), timeZone: workspace.timeZone }));
  const stoppables: Stoppable[] = [];
  const app = createApp({ logger, isReady: async () => true });
  mountAll(app, { onStop: (c) => stoppables.push(c) }, config, logger);
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, listenOn, () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stoppables,
    close: async () => {
      for (const s of [...stoppables].reverse()) await s.stop();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
