// A bot under test in its own process, as in production: the load generator and the platform
// stubs in the parent never share its event loop, and its RSS is its own.
//   node --expose-gc dist/bench/server.js <ours|echo|slack> <mongodb uri> <db name>
// Prints one JSON line {"url": ...} once listening. GET /bench/rss answers the RSS and JS heap after a GC and
// the Teams turns served so far; GET /bench/idle answers once the Slack work behind every ack is done;
// GET /bench/roundtrips answers the database commands sent since the last call, by command and collection
// (only with BENCH_ROUND_TRIPS=1: command monitoring costs the driver work production never does, so
// the process whose latency is measured runs without it).
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import express, { type Express } from 'express';
import mongoose from 'mongoose';
import { loadConfig } from '../bot/config';
import { createApp } from '../bot/server';
import { mountSlackApp, type SlackMount } from '../bot/slack';
import { mountTeamsBot } from '../bot/teams';
import { ensureIndexes } from '../models';
import { quiet, serve } from './support';

function echoApp(): Express {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const bot = new ActivityHandler();
  bot.onMessage(async (context, next) => {
    await context.sendActivity(`echo: ${context.activity.text}`);
    await next();
  });
  const app = express();
  app.post('/api/messages', express.json({ limit: '1mb' }), async (req, res) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
  return app;
}

const serverAcks: number[] = [];
/** Teams activities this process has answered, whoever sent them: what the memory figures count. */
let turns = 0;

/** The driver's own housekeeping, not our queries. */
const HOUSEKEEPING = new Set(['hello', 'isMaster', 'ismaster', 'ping', 'endSessions', 'buildInfo', 'getParameter']);
/** Whether this process counts its database commands (BENCH_ROUND_TRIPS=1). */
const counting = process.env.BENCH_ROUND_TRIPS === '1';
/** Database commands since the last GET /bench/roundtrips, as "command collection" → count: what a turn costs. */
let roundTrips = new Map<string, number>();

/** Counts every command the driver sends (each one a round trip; a getMore too), which mongoose's debug hook would miss. */
function countRoundTrips(): void {
  mongoose.connection.getClient().on('commandStarted', (event: { commandName: string; command: Record<string, unknown> }) => {
    if (HOUSEKEEPING.has(event.commandName)) return;
    const collection = event.command[event.commandName];
    const name = `${event.commandName} ${typeof collection === 'string' ? collection : ''}`.trim();
    roundTrips.set(name, (roundTrips.get(name) ?? 0) + 1);
  });
}

async function main(): Promise<void> {
  const [mode, uri, dbName] = process.argv.slice(2);
  let app: Express;
  let slack: SlackMount | undefined;
  if (mode === 'echo') {
    app = echoApp();
  } else {
    await mongoose.connect(uri, { dbName, serverSelectionTimeoutMS: 5000, autoIndex: false, monitorCommands: counting });
    await ensureIndexes();
    if (counting) countRoundTrips();
    const config = loadConfig({ ...process.env, PORT: '0' } as Record<string, string>);
    app = createApp({ logger: quiet, isReady: async () => true });
    // Server-side ack time: from the request's arrival to its response being flushed.
    app.use('/slack/events', (_req, res, next) => {
      const started = process.hrtime.bigint();
      res.on('finish', () => serverAcks.push(Number(process.hrtime.bigint() - started) / 1e6));
      next();
    });
    app.use('/api/messages', (_req, res, next) => {
      res.on('finish', () => turns++);
      next();
    });
    if (mode === 'slack') slack = mountSlackApp(app, { config, logger: quiet });
    else mountTeamsBot(app, { config, logger: quiet });
  }
  app.get('/bench/rss', (_req, res) => {
    global.gc?.();
    const { rss, heapUsed } = process.memoryUsage();
    res.json({ rss, heapUsed, turns });
  });
  app.get('/bench/acks', (_req, res) => {
    res.json({ acks: serverAcks.splice(0) });
  });
  app.get('/bench/roundtrips', (_req, res) => {
    if (!counting) {
      res.status(409).json({ error: 'this bot was started without BENCH_ROUND_TRIPS=1' });
      return;
    }
    res.json(Object.fromEntries(roundTrips));
    roundTrips = new Map();
  });
  app.get('/bench/idle', async (_req, res) => {
    await slack?.idle();
    res.json({ idle: true });
  });
  const served = await serve(app);
  process.stdout.write(`${JSON.stringify({ url: served.url })}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => process.exit(0)); // the parent went away
  process.on('SIGTERM', () => process.exit(0)); // a normal exit, so `BENCH_CPU_PROF` profiles get written
}

main().catch((err: Error) => {
  process.stderr.write(`${err.stack ?? err.message}\n`);
  process.exit(1);
});
