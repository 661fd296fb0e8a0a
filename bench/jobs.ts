// Job planning at portfolio scale, and fan-out against a Bot Connector that enforces Teams' limits.
import express from 'express';
import { loadConfig } from '../bot/config';
import { createTeamsAdapter } from '../bot/teams/adapter';
import { ensureWorkspace } from '../core/services';
import { createScheduler } from '../jobs/runtime';
import { planJob } from '../jobs/planners';
import type { JobName, JobPlan } from '../jobs/types';
import { TeamsJobSender } from '../bot/teams/job-sender';
import { ConversationRefModel, JobRecordModel, type WorkspaceDoc } from '../models';
import { generatePortfolio } from '../tools/seed/generate';
import { writeSeed } from '../tools/seed/write';
import { ms, quiet, serve, type BenchDatabase } from './support';

export interface PlanningResult {
  projects: number;
  items: number;
  /** Writing the synthetic portfolio: harness time, not part of any job's figure. */
  seedMs: number;
  /**
   * roundTrips counts every command; getMores, those among them that fetch a query's further
   * batches (the driver's default batches: their number grows with the documents returned).
   */
  jobs: Record<JobName, { ms: number; roundTrips: number; getMores: number; deliveries: number }>;
}

const NOW = new Date('2026-11-23T09:35:00Z'); // a Monday, after the digest's 09:30 in London
/** Timed runs of each job's planning per size; the median is the figure. */
export const PLANNING_RUNS = 5;

/** Seeds `projects` projects with `perProject` items each and times each job's planning (load + plan), the median of PLANNING_RUNS. */
export async function benchPlanning(db: BenchDatabase, projects: number, perProject = 10): Promise<PlanningResult> {
  await db.use(`bench_plan_${projects}_${perProject}`);
  const workspace = await ensureWorkspace('teams', `plan-${projects}`, 'Bench', { timeZone: 'Europe/London' });
  const seeding = process.hrtime.bigint();
  await writeSeed(workspace._id, generatePortfolio({ projects, items: perProject, seed: projects, now: NOW, timeZone: workspace.timeZone }));
  const seedMs = Math.round(ms(seeding));
  const jobs = {} as PlanningResult['jobs'];
  for (const job of ['digest', 'reminders', 'nudge'] as const) {
    await planJob(job, workspace, NOW); // warm: the first query of a collection pays for opening it
    // The median of a few runs: one run's time swings by a third on a shared machine. Every run
    // makes the same round trips; the last one's are reported.
    const times: number[] = [];
    let plan: JobPlan | undefined;
    for (let run = 0; run < PLANNING_RUNS; run++) {
      db.resetRoundTrips();
      const started = process.hrtime.bigint();
      plan = await planJob(job, workspace, NOW);
      times.push(ms(started));
    }
    const median = [...times].sort((a, b) => a - b)[Math.floor(PLANNING_RUNS / 2)];
    jobs[job] = { ms: Math.round(median), roundTrips: db.roundTrips(), getMores: db.getMores(), deliveries: plan!.deliveries.length };
  }
  return { projects, items: projects * perProject, seedMs, jobs };
}

export interface FanOutResult {
  deliveries: number;
  sent: number;
  lost: number;
  seconds: number;
  limitPerSecond: number;
  achievedPerSecond: number;
  shareOfLimit: number;
  throttled: number;
  /**
   * Database round trips of the scheduler's passes per message: the lanes' sending marks share a
   * conditional updateMany and outcomes a bulk write (up to 25 records each), plus a fixed number per
   * pass (the run, its plan, the conversation references), which for 3 messages or 1,000 stays the same.
   */
  roundTripsPerMessage: number;
}

/**
 * A Bot Connector that holds the bot to Teams' limits: 7 messages per second per conversation
 * and a per-tenant cap (50/s, the figure our limiter uses), answering 429 with Retry-After beyond.
 */
async function limitedConnector(perTenantPerSecond: number): Promise<{ url: string; accepted: () => number; throttled: () => number; close(): Promise<void> }> {
  const tenant: number[] = [];
  const perConversation = new Map<string, number[]>();
  let accepted = 0;
  let throttled = 0;
  const app = express();
  app.use(express.json({ limit: '1mb' }));
  app.post('/v3/conversations/:id/activities', (req, res) => {
    const now = Date.now();
    const recent = (list: number[]) => {
      while (list.length > 0 && now - list[0] >= 1000) list.shift();
      return list;
    };
    const conversation = recent(perConversation.get(req.params.id) ?? []);
    perConversation.set(req.params.id, conversation);
    if (recent(tenant).length >= perTenantPerSecond || conversation.length >= 7) {
      throttled++;
      res.status(429).set('retry-after', '1').json({ error: { code: 'Throttled', message: 'Too many requests' } });
      return;
    }
    tenant.push(now);
    conversation.push(now);
    accepted++;
    res.json({ id: `m-${accepted}` });
  });
  const served = await serve(app);
  return { url: served.url, accepted: () => accepted, throttled: () => throttled, close: served.close };
}

/** 1,000 reminders to 1,000 people in one tenant through the real scheduler, sender and delivery records. */
export async function benchFanOut(db: BenchDatabase, count: number): Promise<FanOutResult> {
  await db.use('bench_fanout');
  const limit = 50;
  const connector = await limitedConnector(limit);
  try {
    const workspace = await ensureWorkspace('teams', 'fanout', 'Fan-out', { timeZone: 'UTC' });
    const users = Array.from({ length: count }, (_, i) => `29:fan-${i}`);
    // Each person's reference as saveConversationRef stores it, written together: its upsert one at
    // a time made FerretDB scan the growing collection for each, 80 s of set-up for 1,000 people.
    await ConversationRefModel.insertMany(
      users.map((userId) => {
        const conversation = { id: `a:fan-${userId}`, conversationType: 'personal', tenantId: 'fanout' };
        return {
          workspaceId: workspace._id, platform: 'teams', kind: 'personal', conversationId: conversation.id, userId, channelId: null, serviceUrl: `${connector.url}/`,
          reference: { channelId: 'msteams', serviceUrl: `${connector.url}/`, conversation, bot: { id: '28:bot', name: 'PMO' }, user: { id: userId } },
        };
      }),
    );
    const adapter = createTeamsAdapter(loadConfig({ PORT: '0' }).teams, quiet);
    const plan = async (job: JobName, ws: WorkspaceDoc): Promise<JobPlan> => ({
      job,
      period: '2026-W48',
      deliveries:
        job !== 'reminders' || ws._id.toString() !== workspace._id.toString()
          ? []
          : users.map((userId, i) => ({
              key: `reminders:owner:${userId}`,
              recipient: { kind: 'user' as const, platform: 'teams' as const, userId },
              message: {
                kind: 'owner_reminder' as const,
                view: { recipientName: `Person ${i}`, role: 'owner' as const, projects: [], items: [], totalItems: 0, moreCommands: [], today: '2026-11-23', snoozedDue: '2026-11-30', earliestDue: '2026-11-24', zone: 'UTC' },
              },
            })),
    });
    // The run is due at once (Monday 09:00:30 UTC) and time then runs on for real: the limits are real seconds.
    const t0 = Date.now();
    const clock = { now: () => new Date(Date.parse('2026-11-23T09:00:30Z') + (Date.now() - t0)), sleep: (wait: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, wait))) };
    const scheduler = createScheduler({
      // A one-line message: this measures pacing and delivery, not card rendering.
      senders: [new TeamsJobSender({ adapter, appId: '', render: (m) => ({ type: 'message', text: `Overdue reminder (${m.kind})` }) })],
      logger: quiet,
      instanceId: 'bench',
      cron: false,
      clock,
      plan,
    });
    const started = process.hrtime.bigint();
    const tick = async (): Promise<number> => {
      db.resetRoundTrips();
      await scheduler.tick();
      return db.roundTrips();
    };
    let roundTrips = await tick();
    // A pass ends when every message is sent or waiting for a later pass; drive passes until done.
    for (let i = 0; i < 20; i++) {
      const pending = await JobRecordModel.countDocuments({ workspaceId: workspace._id, type: 'delivery', status: { $in: ['pending', 'sending'] } });
      if (pending === 0) break;
      roundTrips += await tick();
    }
    const seconds = ms(started) / 1000;
    await scheduler.stop();
    const sent = await JobRecordModel.countDocuments({ workspaceId: workspace._id, type: 'delivery', status: 'sent' });
    const achieved = connector.accepted() / seconds;
    return {
      deliveries: count,
      sent,
      lost: count - sent,
      seconds: Math.round(seconds * 10) / 10,
      limitPerSecond: limit,
      achievedPerSecond: Math.round(achieved * 10) / 10,
      shareOfLimit: Math.round((achieved / limit) * 1000) / 10,
      throttled: connector.throttled(),
      roundTripsPerMessage: Math.round((roundTrips / count) * 100) / 100,
    };
  } finally {
    await connector.close();
  }
}
