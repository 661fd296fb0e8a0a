// `npm run seed -- --projects N --items M [--seed S] [--workspace local:default] [--reset]`
// `npm run seed:demo`: a small, friendly portfolio in the local chat's workspace.
import mongoose from 'mongoose';
import { loadConfig } from '../../bot/config';
import { connectDatabase } from '../../bot/db/connection';
import { resolveDatabase } from '../../bot/db/resolve';
import { createLogger } from '../../bot/logger';
import { PLATFORMS, type Platform } from '../../core/domain';
import { ensureWorkspace } from '../../core/services';
import { ensureIndexes } from '../../models';
import { generatePortfolio } from './generate';
import { hasData, resetWorkspaceData, writeSeed } from './write';

interface Args {
  projects: number;
  items: number;
  seed: number;
  platform: Platform;
  externalId: string;
  reset: boolean;
}

const USAGE = 'usage: npm run seed -- --projects N --items M [--seed S] [--workspace PLATFORM:ID] [--reset] | --demo';

export function parseArgs(argv: string[]): Args {
  const args: Args = { projects: 20, items: 10, seed: 1, platform: 'local', externalId: 'default', reset: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value. ${USAGE}`);
      return v;
    };
    const count = (name: string, max: number): number => {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`${name} must be a whole number from 1 to ${max}.`);
      return n;
    };
    switch (flag) {
      case '--projects':
        args.projects = count('--projects', 20_000);
        break;
      case '--items':
        args.items = count('--items', 200);
        break;
      case '--seed':
        args.seed = count('--seed', 2 ** 31);
        break;
      case '--workspace': {
        const [platform, ...rest] = value().split(':');
        if (!(PLATFORMS as readonly string[]).includes(platform) || rest.length === 0) {
          throw new Error(`--workspace is PLATFORM:ID with PLATFORM one of ${PLATFORMS.join(', ')} (e.g. teams:<tenant id>, slack:T0123).`);
        }
        args.platform = platform as Platform;
        args.externalId = rest.join(':');
        break;
      }
      case '--reset':
        args.reset = true;
        break;
      case '--demo':
        Object.assign(args, { projects: 6, items: 8, seed: 42, reset: true });
        break;
      default:
        throw new Error(`Unknown option ${flag}. ${USAGE}`);
    }
  }
  return args;
}

async function main(): Promise<void> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error((err as Error).message);
    process.exit(2);
  }
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const db = await resolveDatabase({ ...config.database, root: config.root, logger });
  try {
    await connectDatabase(db.uri);
    await ensureIndexes();
    const workspace = await ensureWorkspace(args.platform, args.externalId, undefined, { timeZone: config.defaultTimeZone });
    if (await hasData(workspace._id)) {
      if (!args.reset) throw new Error(`Workspace ${args.platform}:${args.externalId} already has projects; add --reset to replace its register.`);
      await resetWorkspaceData(workspace._id);
    }
    const started = Date.now();
    const data = generatePortfolio({ projects: args.projects, items: args.items, seed: args.seed, now: new Date(), timeZone: workspace.timeZone });
    const counts = await writeSeed(workspace._id, data);
    console.log(
      `Seeded ${args.platform}:${args.externalId} (seed ${args.seed}) in ${((Date.now() - started) / 1000).toFixed(1)} s: ` +
        `${counts.portfolios} portfolios, ${counts.programs} programs, ${counts.projects} projects, ${counts.people} people, ` +
        `${counts.statuses} status updates, ${counts.risks} risks, ${counts.issues} issues, ${counts.changes} changes.`,
    );
  } finally {
    await mongoose.disconnect();
    await db.server?.stop();
  }
}

if (require.main === module) {
  main().catch((err: Error) => {
    console.error(err.message);
    process.exit(1);
  });
}
