// Every acknowledged Slack request is carried out exactly once, even when the bot process is killed right after acking.
import { ensureWorkspace } from '../../../core/services';
import { ProjectModel, RiskModel, InboundRequestModel } from '../../../models';
import { BotProcess, freePort, testDatabaseUri } from '../../support/bot-process';
import { useTestDatabase } from '../../support/db';
import { SlackApiStub } from '../../support/slack-api-stub';
import { SlackSender } from '../../support/slack-requests';

useTestDatabase();
jest.setTimeout(180_000);

const SECRET = 'crash-test-signing-secret-0123456789';
const TOKEN = 'xoxb-crash-test';
const stub = new SlackApiStub();
let env: Record<string, string>;
const bots: BotProcess[] = [];

beforeAll(async () => {
  const apiUrl = await stub.start();
  stub.teams.set(TOKEN, { id: 'TCRASH', name: 'Crash team', botUserId: 'UBOT' });
  const workspace = await ensureWorkspace('slack', 'TCRASH', 'Crash team', { timeZone: 'UTC' });
  await ProjectModel.create({ workspaceId: workspace._id, key: 'APOLLO', name: 'Apollo', channels: [], active: true });
  env = { MONGODB_URI: testDatabaseUri(), SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: TOKEN, SLACK_API_URL: apiUrl };
});
afterAll(async () => {
  for (const bot of bots) await bot.kill();
  await stub.stop();
});

async function until(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${bots.map((b) => b.output.join('')).join('\n---\n')}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('a crash right after Slack was answered', () => {
  it('saves 30 of 30 signed /pmo risk commands exactly once after SIGKILL and a restart on the same database', async () => {
    const first = new BotProcess(await freePort(), env);
    bots.push(first);
    await first.start();
    // Replies hang, so the first process is killed with risks saved but their requests unfinished, and others not begun.
    stub.delay('response_url', 90_000);
    const sender = new SlackSender(first.url, SECRET, (id) => stub.responseUrl(id));
    const sent = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        sender.command(`risk Crash risk ${i + 1} p=3 i=4 project=APOLLO`, { team: 'TCRASH', user: `U${i % 3}`, channel: 'CGENERAL' }),
      ),
    );
    expect(sent.map((s) => s.res.status)).toEqual(Array(30).fill(200));
    await until('some risks to be saved', async () => (await RiskModel.countDocuments({ title: /^Crash risk/ })) >= 5, 30_000);
    await first.kill();
    const savedBeforeCrash = await RiskModel.countDocuments({ title: /^Crash risk/ });
    expect(await InboundRequestModel.countDocuments({ platform: 'slack', state: 'pending' })).toBeGreaterThan(0);

    stub.delay('response_url', 0);
    const second = new BotProcess(await freePort(), env);
    bots.push(second);
    await second.start();
    await until('every request to be finished', async () => (await InboundRequestModel.countDocuments({ platform: 'slack', state: { $ne: 'done' } })) === 0, 120_000);

    const risks = await RiskModel.find({ title: /^Crash risk/ }).lean();
    expect(risks).toHaveLength(30);
    expect(new Set(risks.map((r) => r.title)).size).toBe(30);
    expect(new Set(risks.map((r) => r.key)).size).toBe(30);
    expect(savedBeforeCrash).toBeLessThan(30);
    // Whoever's request the second process carried out hears back from it (the first one's replies hung until it died).
    const answered = new Set(stub.callsTo('response_url').map((c) => c.args.responseUrlId));
    const retried = await InboundRequestModel.find({ platform: 'slack', attempts: { $gte: 2 } }).lean();
    expect(retried.length).toBeGreaterThan(0);
    for (const request of retried) {
      const { responseId } = sent.find((s) => request._id.endsWith(`:command:${s.triggerId}`))!;
      expect(answered.has(responseId)).toBe(true);
    }
  });
});
