// The app as `npm start` mounts it with Slack configured: the Slack door, no local chat, and the
// scheduler delivering digests through Slack.
import { PersonModel, WorkspaceModel } from '../../models';
import { useTestDatabase } from '../support/db';
import { SlackApiStub } from '../support/slack-api-stub';
import { SlackSender } from '../support/slack-requests';
import { startMounted, type MountedApp } from './mount-harness';

useTestDatabase();

const SECRET = 'mount-test-signing-secret';
const TOKEN = 'xoxb-mount-test';
const stub = new SlackApiStub();
let mounted: MountedApp;
let url: string;
let sender: SlackSender;

beforeAll(async () => {
  const apiUrl = await stub.start();
  stub.teams.set(TOKEN, { id: 'TMOUNT', name: 'Mount team', botUserId: 'UBOT' });
  mounted = await startMounted({ SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: TOKEN, SLACK_API_URL: apiUrl }, { platform: 'slack', externalId: 'TMOUNT' });
  url = mounted.url;
  sender = new SlackSender(url, SECRET, (id) => stub.responseUrl(id));
});
afterAll(async () => {
  await mounted.close();
  await stub.stop();
});

async function until<T>(find: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error('timed out waiting for the bot');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('npm start with Slack configured', () => {
  it('serves no local chat page', async () => {
    expect((await fetch(`${url}/`)).status).toBe(404);
  });

  it('has no Teams door: an anonymous activity to /api/messages is not taken, and nothing is written', async () => {
    const workspaces = await WorkspaceModel.countDocuments({});
    const res = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message', id: 'anon-1', channelId: 'webchat', text: 'role @me pmo_admin', serviceUrl: 'http://127.0.0.1:9/',
        from: { id: 'intruder', name: 'Intruder' }, recipient: { id: 'bot' }, conversation: { id: 'c-anon' },
      }),
    });
    expect(res.status).toBe(404);
    expect(await WorkspaceModel.countDocuments({})).toBe(workspaces);
    expect(await PersonModel.countDocuments({ platformUserId: 'intruder' })).toBe(0);
  });

  it('posts a digest asked for with /pmo through Slack, delivered by the scheduler’s Slack sender', async () => {
    const before = stub.calls.length;
    const { res } = await sender.command('digest DIGITAL', { team: 'TMOUNT', user: 'UADMIN', channel: 'CEXEC', channelName: 'exec' });
    expect(res.status).toBe(200);
    const post = await until(() => stub.callsTo('chat.postMessage', before).find((c) => JSON.stringify(c.args.blocks ?? '').includes('DIGITAL')));
    expect(post.args.channel).toBe('CEXEC');
    expect(post.token).toBe(TOKEN);
    expect(String(post.args.text)).toMatch(/^DIGITAL digest/);
  });
});
