// `npm run bench`: every benchmark in one run on this machine; writes bench/results.json and
// bench/results.md (or both into `--out=DIR`) and prints the table. Figures are compared as ratios and
// shares measured in the same run, never as timed assertions in tests.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchFanOut, benchPlanning, PLANNING_RUNS, type FanOutResult, type PlanningResult } from './jobs';
import { parseBenchOptions, prepareOut, type Section } from './options';
import { benchSlackAck, type SlackAckResult } from './slack';
import { spawnBot, startBenchDatabase, type BenchDatabase } from './support';
import { benchMemory, benchTeams, benchTeamsRoundTrips, startConnectorSink, type MemoryResult, type TeamsResult, type TeamsRoundTrips } from './teams';

export interface Results {
  at: string;
  quick: boolean;
  machine: { cpus: number; memoryGb: number; node: string; database: string };
  teams: TeamsResult[];
  /** Database round trips of one Teams turn. */
  teamsRoundTrips?: TeamsRoundTrips;
  slack?: SlackAckResult;
  planning: PlanningResult[];
  fanOut?: FanOutResult;
  memory?: MemoryResult;
  /** Wall-clock seconds per section, in the order they ran: where the run's time goes. */
  sections: Partial<Record<Section, number>>;
  seconds: number;
}

/** A team on the embedded server: the digest planning target's size. */
const TEAM_SIZE = { projects: 30, perProject: 50 };
/**
 * Planning sizes, in order: the team, then portfolios whose round trips must stay the same (their
 * times are the embedded server's, for the record; at that size the deployment is MongoDB).
 */
const PLANNING_SIZES = (quick: boolean): { projects: number; perProject: number }[] =>
  quick ? [TEAM_SIZE, { projects: 100, perProject: 10 }] : [TEAM_SIZE, { projects: 100, perProject: 10 }, { projects: 1000, perProject: 10 }];

/** Runs one section, logs its start and duration and records the seconds it took. */
type Timed = <T>(section: Section, work: () => Promise<T>) => Promise<T>;

interface Target {
  what: string;
  target: string;
  measured: string;
  met: boolean;
}

export function targets(r: Results): Target[] {
  const out: Target[] = [];
  // At 10 the echo bot is not saturated, so the ratio is ours; at 50 both queue behind the machine.
  const at10 = r.teams.find((t) => t.concurrency === 10);
  if (at10) {
    for (const [what, turn] of [['inline risk', at10.inlineRisk], ['guided step', at10.guidedStep]] as const) {
      out.push({
        what: `Teams ${what}, p99 at 10 concurrent, ours / echo bot`,
        target: '≤ 3×',
        measured: `${turn.ratioP99}× (${turn.ours.p99} ms / ${turn.echo.p99} ms)`,
        met: turn.ratioP99 <= 3,
      });
    }
  }
  const at50 = r.teams.find((t) => t.concurrency === 50);
  if (at50) {
    out.push({
      what: 'Teams DB-writing turn (inline risk), p99 at 50 concurrent, ours / echo bot',
      target: '≤ 3×',
      measured: `${at50.inlineRisk.ratioP99}× (${at50.inlineRisk.ours.p99} ms / ${at50.inlineRisk.echo.p99} ms)`,
      met: at50.inlineRisk.ratioP99 <= 3,
    });
  }
  if (r.slack) {
    out.push({ what: `Slack ack p99, ${r.slack.concurrency} concurrent /pmo`, target: '≤ 100 ms (Slack allows 3,000)', measured: `${r.slack.ack.p99} ms`, met: r.slack.ack.p99 <= 100 });
  }
  const team = r.planning.find((p) => p.projects === TEAM_SIZE.projects && p.items === TEAM_SIZE.projects * TEAM_SIZE.perProject);
  if (team) {
    // The embedded server at the size it is for; a portfolio of 1,000 projects runs on MongoDB, where
    // the index-coverage check stands for it. Reminders and nudges are in the planning table below.
    out.push({
      what: `Digest planning, team size on the embedded server (${team.projects} projects, ${team.items.toLocaleString('en')} items)`,
      target: '≤ 300 ms',
      measured: `${team.jobs.digest.ms} ms`,
      met: team.jobs.digest.ms <= 300,
    });
  }
  if (r.planning.length > 1) {
    // Queries, not batches: each query's further batches (getMore) follow the documents it returns.
    const queries = (p: PlanningResult, job: 'digest' | 'reminders' | 'nudge') => p.jobs[job].roundTrips - (p.jobs[job].getMores ?? 0);
    const constant = (['digest', 'reminders', 'nudge'] as const).every((job) => new Set(r.planning.map((p) => queries(p, job))).size === 1);
    out.push({
      what: `Planning queries from ${r.planning[0].projects} to ${r.planning.at(-1)!.projects} projects`,
      target: 'constant',
      measured: (['digest', 'reminders', 'nudge'] as const).map((job) => `${job} ${r.planning.map((p) => queries(p, job)).join('/')}`).join(', '),
      met: constant,
    });
  }
  if (r.fanOut) {
    out.push({
      what: `Fan-out of ${r.fanOut.deliveries} deliveries, share of the rate limit`,
      target: '≥ 80%, 0 lost',
      measured: `${r.fanOut.shareOfLimit}% (${r.fanOut.achievedPerSecond}/s of ${r.fanOut.limitPerSecond}/s), ${r.fanOut.lost} lost`,
      met: r.fanOut.shareOfLimit >= 80 && r.fanOut.lost === 0,
    });
  }
  if (r.memory) {
    out.push({
      what: `RSS growth from ${r.memory.turns[0]} to ${r.memory.turns[1]} turns`,
      target: '≤ 20%',
      measured: `${r.memory.growthPct}% (${r.memory.rssMb[0]} → ${r.memory.rssMb[1]} MB; JS heap after GC ${r.memory.heapMb[0]} → ${r.memory.heapMb[1]} MB, ${r.memory.heapGrowthPct}%)`,
      met: r.memory.growthPct <= 20,
    });
  }
  return out;
}

const commandList = (commands: Record<string, number>) =>
  Object.entries(commands)
    .map(([name, n]) => (n > 1 ? `${name} ×${n}` : name))
    .join(', ');

export function markdown(r: Results): string {
  const sections = Object.entries(r.sections).map(([name, s]) => `${name} ${s}`);
  const lines = [
    `Measured ${r.at.slice(0, 16).replace('T', ' ')} UTC on ${r.machine.cpus} cores, ${r.machine.memoryGb} GiB, Node ${r.machine.node}, ${r.machine.database}${r.quick ? ' (quick run)' : ''}; ${r.seconds} s in all.`,
    ...(sections.length > 0 ? ['', `Seconds per section: ${sections.join(', ')}; the rest of the ${r.seconds} s is starting the database (the build before the run is not counted).`] : []),
    '',
    '| benchmark | target | measured | met |',
    '|---|---|---|---|',
    ...targets(r).map((t) => `| ${t.what} | ${t.target} | ${t.measured} | ${t.met ? 'yes' : '**no**'} |`),
    // Tables of sections that did not run (`--only`) are left out, headers too.
    ...(r.teams.length > 0
      ? [
          '',
          '| Teams turn latency (ms) | p50 | p95 | p99 | echo p99 | ours / echo (p99) |',
          '|---|---|---|---|---|---|',
          ...r.teams.flatMap((t) => [
            `| inline \`risk …\`, ${t.concurrency} concurrent | ${t.inlineRisk.ours.p50} | ${t.inlineRisk.ours.p95} | ${t.inlineRisk.ours.p99} | ${t.inlineRisk.echo.p99} | ${t.inlineRisk.ratioP99}× |`,
            `| guided step, ${t.concurrency} concurrent | ${t.guidedStep.ours.p50} | ${t.guidedStep.ours.p95} | ${t.guidedStep.ours.p99} | ${t.guidedStep.echo.p99} | ${t.guidedStep.ratioP99}× |`,
          ]),
        ]
      : []),
    '',
    ...(r.teamsRoundTrips
      ? [
          `Database round trips per Teams turn, in a known conversation: inline \`risk …\` ${r.teamsRoundTrips.inlineRisk.total} (${commandList(r.teamsRoundTrips.inlineRisk.commands)}); ` +
            (r.teamsRoundTrips.formStart ? `bare \`risk\` (the form starts) ${r.teamsRoundTrips.formStart.total} (${commandList(r.teamsRoundTrips.formStart.commands)}); ` : '') +
            `guided step ${r.teamsRoundTrips.guidedStep.total} (${commandList(r.teamsRoundTrips.guidedStep.commands)}).`,
          '',
        ]
      : []),
    ...(r.planning.length > 0
      ? [
          `| planning (median ms of ${PLANNING_RUNS} runs / round trips, of which getMore) | digest | reminders | nudge |`,
          '|---|---|---|---|',
          ...r.planning.map((p) => {
            const cell = (job: 'digest' | 'reminders' | 'nudge') => `${p.jobs[job].ms} / ${p.jobs[job].roundTrips} (${p.jobs[job].getMores ?? 0})`;
            return `| ${p.projects} projects, ${p.items} items | ${cell('digest')} | ${cell('reminders')} | ${cell('nudge')} |`;
          }),
        ]
      : []),
  ];
  if (r.slack) {
    lines.push(
      '',
      `Slack: ${r.slack.commands} signed \`/pmo\` commands in bursts of ${r.slack.concurrency}, sent from a thread of their own: ack p50 ${r.slack.ack.p50} ms, p95 ${r.slack.ack.p95} ms, p99 ${r.slack.ack.p99} ms, max ${r.slack.ack.max} ms; ${r.slack.overLimit} over 3 s. ` +
        `Inside the bot (arrival to response flushed): p50 ${r.slack.serverAck.p50} ms, p99 ${r.slack.serverAck.p99} ms.`,
    );
  }
  if (r.fanOut) lines.push('', `Fan-out: ${r.fanOut.sent}/${r.fanOut.deliveries} sent in ${r.fanOut.seconds} s against a Bot Connector enforcing ${r.fanOut.limitPerSecond}/s per tenant and 7/s per conversation; it answered 429 ${r.fanOut.throttled} times; ${r.fanOut.roundTripsPerMessage} database round trips per message.`);
  return `${lines.join('\n')}\n`;
}

/** Teams latency next to the echo bot: a warm-up, the round trips of a turn, then 1, 10 and 50 conversations at once. */
async function teamsLatency(db: BenchDatabase, quick: boolean, log: (m: string) => void, results: Results): Promise<TeamsResult[]> {
  const sink = await startConnectorSink();
  const ours = await spawnBot('ours', db, 'bench_teams');
  const echo = await spawnBot('echo', db, 'bench_echo');
  try {
    // Round trips are counted by a bot process of their own: the driver's command monitoring that
    // counts them is work a production bot never does, so the bot whose latency is measured runs without it.
    const counter = await spawnBot('ours', db, 'bench_teams_round_trips', { BENCH_ROUND_TRIPS: '1' });
    try {
      results.teamsRoundTrips = await benchTeamsRoundTrips(counter, sink, 'tenant-round-trips');
    } finally {
      await counter.close();
    }
    log('warming up');
    await benchTeams(ours, echo, sink, 4, 5, 'warmup');
    log(`round trips per turn: inline risk ${results.teamsRoundTrips.inlineRisk.total}, guided step ${results.teamsRoundTrips.guidedStep.total}`);
    const out: TeamsResult[] = [];
    // Turns per conversation: the target's rows get 1,000 (10 concurrent) and 600 (50) samples of each
    // turn kind, so a p99 is the 10th and 6th largest, not the largest few: with half that, the same
    // build's ratio swung between 2.4× and 3.2× from run to run on a quiet machine.
    const turns: Record<number, number> = { 1: 100, 10: 100, 50: 12 };
    for (const concurrency of [1, 10, 50]) {
      log(`Teams turns at ${concurrency} concurrent`);
      out.push(await benchTeams(ours, echo, sink, concurrency, quick ? 4 : turns[concurrency], `tenant-c${concurrency}`));
    }
    return out;
  } finally {
    await Promise.all([ours.close(), echo.close(), sink.close()]);
  }
}

async function main(): Promise<void> {
  // `--out=DIR` writes the results elsewhere (a trial run that leaves the committed ones alone); see options.ts.
  const options = parseBenchOptions(process.argv.slice(2), process.env.INIT_CWD ?? process.cwd(), path.resolve(__dirname, '..', '..', 'bench'));
  prepareOut(options);
  const { quick, only, out } = options;
  const wanted = (section: Section) => !only || only.includes(section);
  const started = Date.now();
  const log = (msg: string) => console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0)}s] ${msg}`);
  const db = await startBenchDatabase();
  const files = { json: path.join(out, 'results.json'), md: path.join(out, 'results.md') };
  const save = () => {
    results.seconds = Math.round((Date.now() - started) / 1000);
    writeFileSync(files.json, `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(files.md, markdown(results));
  };
  const results: Results = {
    at: new Date().toISOString(),
    quick,
    machine: { cpus: os.cpus().length, memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, database: db.db.description },
    teams: [],
    planning: [],
    sections: {},
    seconds: 0,
  };
  const timed: Timed = async (section, work) => {
    const sectionStarted = Date.now();
    log(`${section}: start`);
    try {
      return await work();
    } finally {
      results.sections[section] = Math.round((Date.now() - sectionStarted) / 1000);
      log(`${section}: ${results.sections[section]} s`);
      save();
    }
  };
  try {
    if (wanted('teams')) results.teams = await timed('teams', () => teamsLatency(db, quick, log, results));

    if (wanted('memory')) results.memory = await timed('memory', () => benchMemory(db, 1_000, quick ? 2_000 : 10_000, log));

    if (wanted('slack')) results.slack = await timed('slack', () => benchSlackAck(db, 50, quick ? 2 : 6));

    if (wanted('planning')) {
      await timed('planning', async () => {
        for (const { projects, perProject } of PLANNING_SIZES(quick)) {
          const step = Date.now();
          const planned = await benchPlanning(db, projects, perProject);
          results.planning.push(planned);
          log(`planning for ${projects} projects: ${Math.round((Date.now() - step) / 1000)} s, of which seeding ${Math.round(planned.seedMs / 1000)} s`);
          save();
        }
      });
    }

    if (wanted('fanout')) {
      const count = options.fanOut ?? (quick ? 200 : 1000);
      results.fanOut = await timed('fanout', () => benchFanOut(db, count));
    }
  } finally {
    await db.stop();
  }
  save();
  console.log(`\n${markdown(results)}`);
  log(`done: ${files.json}, ${files.md}`);
}

if (require.main === module) {
  main().catch((err: Error) => {
    console.error(err.stack ?? err.message);
    process.exit(1);
  });
}
