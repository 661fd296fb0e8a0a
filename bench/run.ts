// `npm run bench`: every benchmark in one run on this machine; writes bench/results.json and
// bench/results.md and prints the table. Figures are ratios and shares measured in the same run.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { rssMb, startBenchDatabase } from './support';
import { benchTeams, say, startConnectorSink, startEchoBot, startOurBot, type TeamsResult } from './teams';


interface Results {
  at: string;
  machine: { cpus: number; memoryGb: number; node: string; database: string };
  teams: TeamsResult[];
  memory?: { rssAfter1k: number; rssAfter10k: number; growthPct: number };
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const started = Date.now();
  const log = (msg: string) => console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0)}s] ${msg}`);
  const db = await startBenchDatabase();
  const results: Results = {
    at: new Date().toISOString(),
    machine: { cpus: os.cpus().length, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, database: db.db.description },
    teams: [],
  };
  try {
    await db.use('bench_teams');
    const sink = await startConnectorSink();
    const ours = await startOurBot();
    const echo = await startEchoBot();
    try {
      log('warming up');
      await benchTeams(ours, echo, sink, 4, 5, 'warmup');
      for (const concurrency of [1, 50]) {
        log(`Teams turns at ${concurrency} concurrent`);
        results.teams.push(await benchTeams(ours, echo, sink, concurrency, quick ? 4 : concurrency === 1 ? 100 : 8, `tenant-c${concurrency}`));
      }

      log('memory over 10,000 turns');
      const tenant = 'tenant-memory';
      const turnsTo = async (count: number, done: number) => {
        const workers = 20;
        let n = done;
        await Promise.all(
          Array.from({ length: workers }, async (_, w) => {
            while (n < count) {
              const i = n++;
              await say(ours, `${sink.url}/`, tenant, `m${w}`, i % 4 === 0 ? `risk Memory risk ${i} p=2 i=2 project=MEM` : i % 4 === 1 ? 'list risks' : i % 4 === 2 ? 'risk' : 'cancel');
            }
          }),
        );
      };
      await say(ours, `${sink.url}/`, tenant, 'admin', 'project add MEM "Memory"');
      const total = quick ? 2_000 : 10_000;
      await turnsTo(1_000, 0);
      const after1k = rssMb();
      await turnsTo(total, 1_000);
      const after10k = rssMb();
      results.memory = { rssAfter1k: after1k, rssAfter10k: after10k, growthPct: Math.round(((after10k - after1k) / after1k) * 1000) / 10 };
    } finally {
      await Promise.all([ours.close(), echo.close(), sink.close()]);
    }
  } finally {
    await db.stop();
  }

  const out = path.resolve(__dirname, '..', '..', 'bench');
  writeFileSync(path.join(out, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log(JSON.stringify(results, null, 2));
  log('done');
}

main().catch((err: Error) => {
  console.error(err.stack ?? err.message);
  process.exit(1);
});
