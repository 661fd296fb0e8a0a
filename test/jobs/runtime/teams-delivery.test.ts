// The scheduled jobs through the Teams sender and a local Bot Connector: DMs to people who talked to
// the bot, a post in the exec channel, and a clear failure for someone the bot has never met.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Activity } from 'botbuilder';
import { TeamsJobSender } from '../../../bot/teams/job-sender';
import { toDeliveryError } from '../../../jobs/runtime/delivery-error';
import { addPortfolio, createIssue, createRisk, ensurePerson, getItem, saveConversationRef, updateProject } from '../../../core/services';
import { planJob } from '../../../jobs/planners';
import type { JobMessage } from '../../../jobs/types';
import { useTestDatabase } from '../../support/db';
import { ConnectorStub } from '../../support/connector-stub';
import { nodes } from '../../cards/card-query';
import { at, deliveriesOf, getJobRun, resetJobs, schedulerFor, TestClock } from './support';
import { startTeamsChat, type Person, type TeamsChat } from './teams-chat';

useTestDatabase();

/** The card's Action.Submit data, found by verb (and item key). */
function buttonData(activity: Partial<Activity>, verb: string, key?: string): Record<string, unknown> {
  const found = nodes(activity.attachments?.[0]?.content).find((n) => {
    const data = n.data as Record<string, unknown> | undefined;
    return n.type === 'Action.Submit' && data?.verb === verb && (key === undefined || data.key === key);
  });
  if (!found) throw new Error(`no ${verb} button${key ? ` for ${key}` : ''} on the card`);
  return found.data as Record<string, unknown>;
}

const ADA: Person = { id: '29:ada', name: 'Ada Admin' };
const SAM: Person = { id: '29:sam', name: 'Sam PM' };
const JANE: Person = { id: '29:jane', name: 'Jane Owner' };
const EXEC_CHANNEL = '19:exec@thread.tacv2';
const MONDAY_0930 = at('09:30');

const connector = new ConnectorStub();
let serviceUrl: string;
let chat: TeamsChat;

beforeAll(async () => {
  serviceUrl = await connector.start();
  await resetJobs();
  chat = await startTeamsChat(connector, serviceUrl, 'tenant-jobs', () => MONDAY_0930);
  for (const who of [ADA, SAM, JANE]) await chat.say('help', who); // their personal chats are now known
  const { _id: ws } = await chat.workspace();
  const admin = { userId: ADA.id, isPlatformAdmin: true };
  await addPortfolio(ws, admin, { key: 'DIGITAL', name: 'Digital' });
  await chat.say('project add APOLLO "Apollo launch" portfolio=DIGITAL', ADA);
  await updateProject(ws, admin, 'APOLLO', { pmId: SAM.id });
  await chat.say('link exec DIGITAL', ADA, { channel: EXEC_CHANNEL });
  await ensurePerson(ws, '29:olly', 'Olly Quiet'); // in the directory, never talked to the bot
  const lastMonth = new Date('2026-11-02T10:00:00Z');
  await createRisk(ws, admin, { title: 'Vendor API may slip', projectKey: 'APOLLO', probability: 4, impact: 5, due: '2026-11-20', ownerId: JANE.id }, lastMonth);
  await createIssue(ws, admin, { title: 'Build server down', projectKey: 'APOLLO', due: '2026-11-25', ownerId: '29:olly' }, lastMonth);
});

afterAll(async () => {
  await chat.close();
  await connector.stop();
});

const cardOf = (a: Partial<Activity>): string => JSON.stringify(a.attachments?.[0]?.content ?? {});

describe('scheduled jobs over Bot Framework', () => {
  it('posts the digest in the exec channel and the reminders in personal chats, and their buttons work', async () => {
    const sender = new TeamsJobSender({ adapter: chat.door.adapter, appId: '' });
    const scheduler = schedulerFor(new TestClock(MONDAY_0930), sender, planJob);
    const before = connector.sent.length;
    const report = await scheduler.tick();
    const ws = (await chat.workspace())._id;
    // The PMO scorecard (default Mon 09:15) is due as well (issue 14).
    expect(report.started.sort()).toEqual([`${ws}:digest:2026-W49`, `${ws}:reminders:2026-W49`, `${ws}:scorecard:2026-W49`]);

    const sent = connector.sent.slice(before);
    const to = (conversation: string) => sent.filter((s) => s.conversationId === conversation);
    const [digest] = to(EXEC_CHANNEL); // a new post in the channel, not a reply in the thread `link exec` was typed in
    expect(digest.replyToId).toBeUndefined();
    expect(digest.activity.attachments?.[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(digest.activity.text).toMatch(/DIGITAL|Digital/);
    expect(cardOf(digest.activity)).toContain('APOLLO');
    expect(cardOf(digest.activity)).toContain('Vendor API may slip'); // the top risk by score

    const [samDm] = to(`a:personal-tenant-jobs-${SAM.id}`);
    expect(samDm.replyToId).toBeUndefined();
    expect(cardOf(samDm.activity)).toContain('Vendor API may slip');
    expect(cardOf(samDm.activity)).toContain('Build server down');
    expect(buttonData(samDm.activity, 'pmo.item.done', 'I-1')).toEqual({ verb: 'pmo.item.done', key: 'I-1' });
    const [janeDm] = to(`a:personal-tenant-jobs-${JANE.id}`);
    expect(cardOf(janeDm.activity)).toContain('Vendor API may slip');
    expect(cardOf(janeDm.activity)).not.toContain('Build server down');
    const scorecards = sent.filter((s) => String(s.activity.text).startsWith('PMO scorecard'));
    expect(sent.length - scorecards.length).toBe(3);
    expect(await getJobRun(ws, 'scorecard', '2026-W49')).toMatchObject({ status: 'done' });

    // Jane presses Snooze a week on the card she got: the button works and the history says so.
    const [snoozed] = await chat.say('', JANE, { value: buttonData(janeDm.activity, 'pmo.item.snooze', 'R-1') });
    expect(snoozed.text).toBe('Updated R-1 Vendor API may slip');
    const { item, history } = await getItem(ws, 'R-1');
    expect(item.due).toBe('2026-12-07');
    expect(history.at(-1)).toMatchObject({ field: 'due', from: '2026-11-20', to: '2026-12-07', byId: JANE.id });

    const olly = (await deliveriesOf(ws, 'reminders', '2026-W49')).find((d) => d.key.endsWith('29:olly'));
    expect(olly).toMatchObject({ status: 'failed', attempts: 1, lastError: 'no conversation with this person yet' });
    expect(await getJobRun(ws, 'reminders', '2026-W49')).toMatchObject({ status: 'done', deliveries: 2, error: '1 of 3 deliveries failed' });
    expect(await getJobRun(ws, 'digest', '2026-W49')).toMatchObject({ status: 'done', deliveries: 1, error: null });
  });
});

describe('what the Bot Connector answers', () => {
  /** A connector that answers each conversation's posts from a script, then 200. */
  async function scriptedConnector(script: Record<string, { status: number; headers?: Record<string, string> }[]>) {
    const posted: string[] = [];
    const requests: string[] = [];
    const app = express();
    app.use(express.json());
    app.post('/v3/conversations/:id/activities', (req, res) => {
      const id = String(req.params.id);
      requests.push(id);
      const next = script[id]?.shift();
      if (next) return void res.status(next.status).set(next.headers ?? {}).json({ error: { code: 'Scripted', message: `status ${next.status}` } });
      posted.push(id);
      res.status(200).json({ id: `ok-${posted.length}` });
    });
    const server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, posted, requests, close: () => new Promise((r) => server.close(r)) };
  }

  it('gets a throttled message through (Retry-After honoured) and fails a refused one without retrying it', async () => {
    const ws = await chat.workspace();
    const stub = await scriptedConnector({
      'a:dm-sam': [{ status: 429, headers: { 'Retry-After': '0' } }],
      'a:dm-jane': [{ status: 403 }],
    });
    try {
      for (const [userId, conversationId] of [['29:sam2', 'a:dm-sam'], ['29:jane2', 'a:dm-jane']]) {
        const reference = { serviceUrl: stub.url, channelId: 'msteams', conversation: { id: conversationId }, bot: { id: '28:pmo-bot' }, user: { id: userId } };
        await saveConversationRef(ws._id, { platform: 'teams', kind: 'personal', conversationId, userId, reference, serviceUrl: stub.url });
      }
      const sender = new TeamsJobSender({ adapter: chat.door.adapter, appId: '' });
      const message: JobMessage = { kind: 'nudge', view: { pmName: 'Sam', period: '2026-W49', periodEnd: '2026-12-06', projects: [], totalProjects: 0 } };
      await expect(sender.send(ws, { kind: 'user', platform: 'teams', userId: '29:sam2' }, message)).resolves.toEqual({ messageId: 'ok-1' });
      const refused = await sender.send(ws, { kind: 'user', platform: 'teams', userId: '29:jane2' }, message).catch((err: unknown) => err);
      expect(toDeliveryError(refused)).toMatchObject({ code: 'rejected', status: 403, retryable: false });
      expect(stub.requests).toEqual(['a:dm-sam', 'a:dm-sam', 'a:dm-jane']);
      expect(stub.posted).toEqual(['a:dm-sam']);
    } finally {
      await stub.close();
    }
  });
});
