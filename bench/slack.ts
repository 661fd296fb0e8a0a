// Slack ack latency: signed `/pmo` commands at once, timed to the HTTP answer Slack waits for.
import { SlackApiStub } from '../test/support/slack-api-stub';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { SlackSender } from '../test/support/slack-requests';
import type { SlackLoad } from './slack-load';
import { latency, spawnBot, type BenchDatabase, type Latency } from './support';

const SIGNING_SECRET = 'bench-signing-secret-0123456789';
const BOT_TOKEN = 'xoxb-bench';

export interface SlackAckResult {
  concurrency: number;
  commands: number;
  /** As Slack sees it: from sending the signed request to the whole answer read, on its own thread. */
  ack: Latency;
  /** Inside the bot: from the request's arrival in Express to the response flushed. */
  serverAck: Latency;
  limitMs: number;
  /** Acks over Slack's 3 s (Slack would show the user an error). */
  overLimit: number;
}

export async function benchSlackAck(db: BenchDatabase, concurrency: number, rounds: number): Promise<SlackAckResult> {
  const stub = new SlackApiStub();
  const apiUrl = await stub.start();
  stub.teams.set(BOT_TOKEN, { id: 'TBENCH', name: 'Bench', botUserId: 'UBOT' });
  const slack = await spawnBot('slack', db, 'bench_slack', { SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_API_URL: apiUrl });
  const sender = new SlackSender(slack.url, SIGNING_SECRET, (id) => stub.responseUrl(id));
  try {
    const where = (w: number) => ({ team: 'TBENCH', user: `UB${w}` });
    await sender.command('project add BENCH "Bench project"', where(0));
    await slack.idle();
    const commands = ['risk Slack bench risk p=3 i=2 project=BENCH', 'list risks', 'help', 'issue Slack bench issue priority=low project=BENCH'];
    let n = 0;
    const body = (text: string, user: string) =>
      new URLSearchParams({
        token: 'unused', team_id: 'TBENCH', team_domain: 'bench', channel_id: `D${user}`, channel_name: 'directmessage', user_id: user,
        user_name: user.toLowerCase(), command: '/pmo', text, api_app_id: 'A1', is_enterprise_install: 'false',
        response_url: stub.responseUrl(`bench-${++n}`), trigger_id: `trig.bench.${n}`,
      }).toString();
    const load: SlackLoad = {
      url: slack.url,
      signingSecret: SIGNING_SECRET,
      warmup: 1,
      bursts: Array.from({ length: rounds + 1 }, (_, round) => Array.from({ length: concurrency }, (_, w) => body(commands[(round + w) % commands.length], `UB${w}`))),
    };
    const samples = await new Promise<number[]>((resolve, reject) => {
      const worker = new Worker(path.join(__dirname, 'slack-load.js'), { workerData: load });
      worker.once('message', (m: { samples?: number[]; error?: string }) => (m.samples ? resolve(m.samples) : reject(new Error(m.error))));
      worker.once('error', reject);
    });
    const server = (await slack.serverAcks()).slice(-samples.length);
    const ack = latency(samples);
    return { concurrency, commands: samples.length, ack, serverAck: latency(server), limitMs: 3000, overLimit: samples.filter((s) => s > 3000).length };
  } finally {
    await slack.close();
    await stub.stop();
  }
}
