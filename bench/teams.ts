// Teams turn latency over HTTP, ours next to a bare botbuilder echo bot on the same harness, and
// the bot's RSS over many Teams turns.
import express from 'express';
import { concurrently, latency, ms, post, serve, spawnBot, type BenchDatabase, type BotProcess, type Latency, type Served } from './support';

/** A Bot Connector that only says "sent": what the bot's replies cost is the bot's, not the stub's. */
export async function startConnectorSink(): Promise<Served> {
  let n = 0;
  const app = express();
  app.use(express.json({ limit: '1mb' }));
  app.post(/.*/, (_req, res) => {
    res.json({ id: `sent-${++n}` });
  });
  return serve(app);
}

let seq = 0;

/** A Teams personal-chat message as Teams posts it. */
export function teamsMessage(serviceUrl: string, tenant: string, user: string, text: string): string {
  return JSON.stringify({
    type: 'message',
    id: `bench-${++seq}`,
    text,
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date().toISOString(),
    from: { id: `29:${user}`, name: `User ${user}`, aadObjectId: `aad-${user}` },
    recipient: { id: '28:pmo-bot', name: 'PMO' },
    conversation: { id: `a:${tenant}-${user}`, conversationType: 'personal', tenantId: tenant },
    channelData: { tenant: { id: tenant } },
  });
}

const JSON_HEADERS = { 'content-type': 'application/json' };

export async function say(bot: Served, serviceUrl: string, tenant: string, user: string, text: string): Promise<number> {
  const started = process.hrtime.bigint();
  const status = await post(`${bot.url}/api/messages`, teamsMessage(serviceUrl, tenant, user, text), JSON_HEADERS);
  if (status >= 300) throw new Error(`bot answered ${status} to "${text}"`);
  return ms(started);
}

export interface TeamsResult {
  concurrency: number;
  inlineRisk: { ours: Latency; echo: Latency; ratioP99: number };
  guidedStep: { ours: Latency; echo: Latency; ratioP99: number };
}

/** How many alternations of ours and the echo bot a measurement is split into. */
const ROUNDS = 5;

/**
 * For `concurrency` conversations at once: the latency of a one-line `risk ...` (a DB-writing
 * turn) and of one guided-dialog step (answering the title after a bare `risk`).
 */
export async function benchTeams(ours: Served, echo: Served, sink: Served, concurrency: number, turns: number, tenant: string): Promise<TeamsResult> {
  const serviceUrl = `${sink.url}/`;
  const user = (w: number) => `c${concurrency}-u${w}`;
  // Set-up: a project, and each person known (the first becomes admin; the rest are members).
  await say(ours, serviceUrl, tenant, 'admin', 'project add BENCH "Bench project"');
  await concurrently(concurrency, 1, async (w) => {
    await say(ours, serviceUrl, tenant, user(w), 'help');
    await say(echo, serviceUrl, tenant, user(w), 'help');
    return undefined;
  });

  const inline = (bot: Served, round: number, n: number) =>
    concurrently(concurrency, n, (w, i) => say(bot, serviceUrl, tenant, user(w), `risk Bench risk ${w}-${round}-${i} p=3 i=4 project=BENCH`));
  const guided = (bot: Served, round: number, n: number) =>
    concurrently(concurrency, n, async (w, i) => {
      await say(bot, serviceUrl, tenant, user(w), 'risk');
      const t = await say(bot, serviceUrl, tenant, user(w), `Guided risk ${w}-${round}-${i}`);
      await say(bot, serviceUrl, tenant, user(w), 'cancel');
      return t;
    });

  // In rounds, ours then the echo bot in each, so drift on a noisy machine hits both bots alike.
  const rounds = Math.min(ROUNDS, turns);
  const samples = { oursInline: [] as number[], echoInline: [] as number[], oursGuided: [] as number[], echoGuided: [] as number[] };
  for (let round = 0; round < rounds; round++) {
    const n = Math.floor(turns / rounds) + (round < turns % rounds ? 1 : 0);
    samples.oursInline.push(...(await inline(ours, round, n)));
    samples.echoInline.push(...(await inline(echo, round, n)));
    samples.oursGuided.push(...(await guided(ours, round, n)));
    samples.echoGuided.push(...(await guided(echo, round, n)));
  }
  const oursInline = latency(samples.oursInline);
  const echoInline = latency(samples.echoInline);
  const oursGuided = latency(samples.oursGuided);
  const echoGuided = latency(samples.echoGuided);
  const ratio = (a: Latency, b: Latency) => Math.round((a.p99 / b.p99) * 10) / 10;
  return {
    concurrency,
    inlineRisk: { ours: oursInline, echo: echoInline, ratioP99: ratio(oursInline, echoInline) },
    guidedStep: { ours: oursGuided, echo: echoGuided, ratioP99: ratio(oursGuided, echoGuided) },
  };
}

/** The database commands of one turn, by "command collection", and their total. */
export interface TurnRoundTrips {
  total: number;
  commands: Record<string, number>;
}

export interface TeamsRoundTrips {
  inlineRisk: TurnRoundTrips;
  /** A bare `risk`: the form starts and draws its first card. */
  formStart?: TurnRoundTrips;
  guidedStep: TurnRoundTrips;
}

const turnRoundTrips = (commands: Record<string, number>): TurnRoundTrips => ({ total: Object.values(commands).reduce((a, b) => a + b, 0), commands });

/**
 * The round trips of one inline `risk …`, a bare `risk` (the form's start) and one guided step (the
 * title after it), one turn at a time in a conversation already known: what every later turn of a
 * chat pays.
 */
export async function benchTeamsRoundTrips(ours: BotProcess, sink: Served, tenant: string): Promise<TeamsRoundTrips> {
  const serviceUrl = `${sink.url}/`;
  await say(ours, serviceUrl, tenant, 'admin', 'project add RT "Round trips"');
  await say(ours, serviceUrl, tenant, 'rt', 'help');
  await say(ours, serviceUrl, tenant, 'rt', 'risk Warm-up risk p=3 i=4 project=RT');
  await ours.roundTrips();
  await say(ours, serviceUrl, tenant, 'rt', 'risk Counted risk p=3 i=4 project=RT');
  const inlineRisk = turnRoundTrips(await ours.roundTrips());
  await say(ours, serviceUrl, tenant, 'rt', 'risk');
  const formStart = turnRoundTrips(await ours.roundTrips());
  await say(ours, serviceUrl, tenant, 'rt', 'Counted guided risk');
  const guidedStep = turnRoundTrips(await ours.roundTrips());
  await say(ours, serviceUrl, tenant, 'rt', 'cancel');
  return { inlineRisk, formStart, guidedStep };
}

export interface MemoryResult {
  /** Turns the bot process had answered at each reading, counted by the process itself. */
  turns: [number, number];
  rssMb: [number, number];
  growthPct: number;
  /**
   * The JS heap in use after a GC at the same readings. RSS also holds memory V8 and the allocator
   * keep from start-up and do not give back at once; the live heap is where a per-turn leak shows.
   */
  heapMb: [number, number];
  heapGrowthPct: number;
}

/**
 * The RSS of a bot process of its own, after a GC, once it has answered `first` and then `total`
 * turns. Its turns exercise the whole path (dialog state, services, cards: help, a list, a card, a
 * guided dialog started and cancelled) without growing the register, so what grows is the process
 * and not the data it reads. It has a database of its own: FerretDB scans whole collections, and
 * beside the Teams section's risks each list and card cost FerretDB three to four times as much.
 */
export async function benchMemory(db: BenchDatabase, first: number, total: number, log: (m: string) => void): Promise<MemoryResult> {
  const sink = await startConnectorSink();
  const bot = await spawnBot('ours', db, 'bench_memory');
  try {
    const serviceUrl = `${sink.url}/`;
    const tenant = 'tenant-memory';
    await say(bot, serviceUrl, tenant, 'admin', 'project add MEM "Memory"');
    await say(bot, serviceUrl, tenant, 'admin', 'risk Memory risk p=2 i=2 project=MEM');
    const script = ['help', 'list risks', 'show R-1', 'risk', 'cancel'];
    let n = (await bot.memory()).turns;
    // 20 conversations at once, each sending its next turn when its last one is answered.
    const turnsTo = (count: number) =>
      Promise.all(
        Array.from({ length: 20 }, async (_, w) => {
          while (n < count) await say(bot, serviceUrl, tenant, `m${w}`, script[n++ % script.length]);
        }),
      );
    await turnsTo(first);
    const atFirst = await bot.memory();
    log(`memory: RSS ${atFirst.rssMb} MB, heap ${atFirst.heapMb} MB after ${atFirst.turns} turns`);
    await turnsTo(total);
    const atTotal = await bot.memory();
    log(`memory: RSS ${atTotal.rssMb} MB, heap ${atTotal.heapMb} MB after ${atTotal.turns} turns`);
    return {
      turns: [atFirst.turns, atTotal.turns],
      rssMb: [atFirst.rssMb, atTotal.rssMb],
      growthPct: Math.round(((atTotal.rssMb - atFirst.rssMb) / atFirst.rssMb) * 1000) / 10,
      heapMb: [atFirst.heapMb, atTotal.heapMb],
      heapGrowthPct: Math.round(((atTotal.heapMb - atFirst.heapMb) / atFirst.heapMb) * 1000) / 10,
    };
  } finally {
    await Promise.all([bot.close(), sink.close()]);
  }
}
