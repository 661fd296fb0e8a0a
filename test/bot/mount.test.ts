// The app as `npm start` mounts it in local mode: Teams door, local chat and the job scheduler together.
import type { Activity } from 'botbuilder';
import { useTestDatabase } from '../support/db';
import { startMounted, type MountedApp } from './mount-harness';

useTestDatabase();

let mounted: MountedApp;
let url: string;

beforeAll(async () => {
  mounted = await startMounted({}, { platform: 'local', externalId: 'default' });
  url = mounted.url;
});
afterAll(() => mounted.close());

async function chat(): Promise<(text: string) => Promise<Partial<Activity>[]>> {
  const res = await fetch(`${url}/v3/directline/conversations`, { method: 'POST' });
  const { conversationId, token } = (await res.json()) as { conversationId: string; token: string };
  const authorization = `Bearer ${token}`; // the local Direct Line takes a conversation only with its own token
  let watermark = '0';
  return async (text) => {
    await fetch(`${url}/v3/directline/conversations/${conversationId}/activities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify({ type: 'message', text, from: { id: 'local-exec', name: 'Erin Exec' } }),
    });
    const got = (await (await fetch(`${url}/v3/directline/conversations/${conversationId}/activities?watermark=${watermark}`, { headers: { authorization } })).json()) as {
      activities: Partial<Activity>[];
      watermark: string;
    };
    watermark = got.watermark;
    // Scheduled runs caught up at start-up post here too (on a Monday, the scorecard to the local PMO
    // admin, whenever the test runs): they are not answers to the commands these tests send.
    return got.activities.filter((a) => a.from?.role === 'bot' && !/^PMO (scorecard|follow-up)\b/.test(a.text ?? ''));
  };
}

describe('npm start in local mode', () => {
  it('registers the scheduler to stop with the app', () => {
    expect(mounted.stoppables.map((s) => s.name)).toContain('job-scheduler');
  });

  it('posts the digest of a seeded portfolio in the local chat on `digest`', async () => {
    const say = await chat();
    const replies = await say('digest DIGITAL');
    // The digest's card (a scheduled run caught up at start-up may post here too, e.g. Monday's scorecard).
    const card = replies.find((a) => a.attachments?.[0]?.contentType === 'application/vnd.microsoft.card.adaptive' && JSON.stringify(a.attachments[0].content).includes('DIGITAL digest'));
    expect(card).toBeDefined();
    const content = JSON.stringify(card!.attachments![0].content);
    expect(content).toContain('DIGITAL');
    expect(content).toMatch(/APOLLO/);
    expect(replies.at(-1)?.text).toBe('Posted the DIGITAL digest here.');
  });

  it('runs the reminders at once on `reminders`, and says who could not be reached and why', async () => {
    const say = await chat();
    const [summary] = await say('reminders');
    // The seeded PMs and owners have never talked to the bot, so there is nowhere to DM them yet.
    expect(summary.text).toMatch(/^Sent 0 overdue reminders\. \d+ could not be delivered: .*\(no conversation with this person yet\)/);
  });

  it('makes the local chat an exec channel, where a bare `digest` posts its portfolio', async () => {
    const say = await chat();
    expect((await say('link exec DIGITAL'))[0].text).toMatch(/now an exec channel of DIGITAL/);
    const replies = await say('digest');
    expect(replies[0].text).toMatch(/^DIGITAL digest, Week \d+/);
    expect(replies.at(-1)?.text).toBe('Posted the portfolio digest here.');
  });
});

