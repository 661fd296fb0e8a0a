// A change request from raised to approved without leaving Teams (SPEC §3, §4), over /api/messages with a
// Bot Connector stub: the notice to the deciders, the Approve button pressed there, the requester told,
// and a member or (controlling) the PM refused, with no buttons on their card.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import type { Activity } from 'botbuilder';
import type { AdaptiveCard } from '../../../cards';
import { loadConfig } from '../../../bot/config';
import { createApp } from '../../../bot/server';
import { mountTeamsBot } from '../../../bot/teams';
import { TeamsJobSender } from '../../../bot/teams/job-sender';
import { getItem, updateProject } from '../../../core/services';
import { createScheduler } from '../../../jobs/runtime';
import { WorkspaceModel, type WorkspaceDoc } from '../../../models';
import { checkJobCard } from '../../cards/jobs/check';
import { checkCard } from '../../cards/card-checker';
import { allText, nodes } from '../../cards/card-query';
import { ConnectorStub } from '../../support/connector-stub';
import { useTestDatabase } from '../../support/db';

useTestDatabase();

const TENANT = 'tenant-approvals';
const NOW = new Date('2026-11-26T10:00:00Z');
const ADA = { id: '29:ada', name: 'Ada Admin' };
const SAM = { id: '29:sam', name: 'Sam PM' };
const JANE = { id: '29:jane', name: 'Jane Owner' };
const BOB = { id: '29:bob', name: 'Bob Member' };
type Person = typeof ADA;

const connector = new ConnectorStub();
const logger = pino({ level: 'silent' });
let serviceUrl = '';
let url = '';
let server: http.Server;
let seq = 0;

beforeAll(async () => {
  serviceUrl = await connector.start();
  // As bot/mount.ts wires them: the door's on-demand jobs go through the scheduler, whose Teams sender is the door's adapter.
  const scheduler = createScheduler({ senders: [], logger, instanceId: 'test-approvals' });
  const app = createApp({ logger, isReady: async () => true });
  const door = mountTeamsBot(app, { config: loadConfig({ PORT: '0' }), logger, now: () => NOW, jobs: scheduler.commands });
  scheduler.addSender(new TeamsJobSender({ adapter: door.adapter, appId: '' }));
  server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await connector.stop();
});

const personal = (who: Person) => `a:personal-${TENANT}-${who.id}`;

/** A message (or a card's Action.Submit `value`) from `who`'s personal chat; the replies to it. */
async function send(who: Person, text: string | undefined, value?: unknown): Promise<Partial<Activity>[]> {
  const body: Partial<Activity> = {
    type: 'message',
    id: `appr-${++seq}`,
    ...(text !== undefined ? { text } : {}),
    ...(value !== undefined ? { value } : {}),
    channelId: 'msteams',
    serviceUrl,
    from: { id: who.id, name: who.name },
    recipient: { id: '28:pmo-bot', name: 'PMO' },
    conversation: { id: personal(who), conversationType: 'personal', tenantId: TENANT } as Activity['conversation'],
    channelData: { tenant: { id: TENANT } },
  };
  const before = connector.sent.length;
  const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBeLessThan(300);
  return connector.sent.slice(before).filter((s) => s.replyToId === body.id).map((s) => s.activity);
}

/** What the bot posted on its own (not a reply) in `who`'s personal chat since `since`. */
const proactiveTo = (who: Person, since: number) =>
  connector.sent.slice(since).filter((s) => s.conversationId === personal(who) && !s.replyToId).map((s) => s.activity);

const cardOf = (a: Partial<Activity>): AdaptiveCard => a.attachments?.[0]?.content as AdaptiveCard;
const submits = (a: Partial<Activity>) => nodes(cardOf(a)).filter((n) => n.type === 'Action.Submit');
const titles = (a: Partial<Activity>) => submits(a).map((n) => n.title);
const workspace = async () => (await WorkspaceModel.findOne({ platform: 'teams', externalId: TENANT }).lean<WorkspaceDoc>())!;

describe('Teams: a change request raised, noticed, approved and told, under the controlling policy', () => {
  let notice: Partial<Activity>;

  beforeAll(async () => {
    for (const who of [ADA, SAM, JANE, BOB]) await send(who, 'help'); // Ada first: the workspace's first PMO admin
    await send(ADA, 'project add APOLLO "Apollo launch"');
    await updateProject((await workspace())._id, { userId: ADA.id }, 'APOLLO', { pmId: SAM.id });
    // Controlling is the default (SPEC §4): settings says so, and who decides.
    const [set] = await send(ADA, 'settings');
    expect(set.text).toContain('PMO policy: controlling');
    expect(set.text).toContain('Change requests decided by: a PMO admin');
  });

  it('raising it sends the PMO admin a notice with the change and Approve/Reject; the requester is told who decides', async () => {
    const before = connector.sent.length;
    const [saved] = await send(JANE, 'change Add SSO to the portal project=APOLLO');
    expect(saved.text).toBe('Saved C-1 Add SSO to the portal');
    expect(allText(cardOf(saved))).toContain('Sent to Ada Admin to decide.');
    expect(titles(saved)).toEqual(['Update', 'Close']); // Jane raised it and owns it, but does not decide it
    const sent = proactiveTo(ADA, before);
    expect(sent).toHaveLength(1);
    notice = sent[0];
    expect(checkJobCard(cardOf(notice))).toEqual([]);
    expect(allText(cardOf(notice))).toEqual(expect.stringContaining('C-1 needs your decision'));
    expect(allText(cardOf(notice))).toContain('C-1 Add SSO to the portal (APOLLO)');
    expect(titles(notice)).toEqual(['Approve', 'Reject']);
    expect([SAM, BOB].flatMap((who) => proactiveTo(who, before))).toEqual([]); // the PM does not decide under controlling
  });

  it('a member sees no Approve/Reject and is refused when typing it; so is the PM under controlling', async () => {
    const [shown] = await send(BOB, 'show C-1');
    expect(titles(shown)).not.toContain('Approve');
    const [refused] = await send(BOB, 'approve C-1');
    expect(refused.text).toBe("Only a PMO admin can approve or reject C-1 (this workspace's PMO policy is controlling).");
    const [pmShown] = await send(SAM, 'show C-1');
    expect(titles(pmShown)).toEqual(['Update', 'Close']);
    const [pm] = await send(SAM, 'reject C-1 too big');
    expect(pm.text).toBe("Only a PMO admin can approve or reject C-1 (this workspace's PMO policy is controlling).");
    // A forwarded notice's button is refused the same way.
    const [pressed] = await send(BOB, undefined, submits(notice)[0].data);
    expect(pressed.text).toBe("Only a PMO admin can approve or reject C-1 (this workspace's PMO policy is controlling).");
    expect((await getItem((await workspace())._id, 'C-1')).item).toMatchObject({ decision: 'pending' });
  });

  it('the admin’s card has Approve/Reject; pressing Approve on the notice decides it, records it and tells Jane', async () => {
    const [shown] = await send(ADA, 'show C-1');
    expect(titles(shown).slice(0, 2)).toEqual(['Approve', 'Reject']);
    expect(checkCard(cardOf(shown))).toEqual([]);
    const before = connector.sent.length;
    const [approved] = await send(ADA, undefined, submits(notice)[0].data);
    expect(approved.text).toBe('Approved C-1 Add SSO to the portal');
    expect(checkCard(cardOf(approved))).toEqual([]);
    expect(allText(cardOf(approved))).toContain('Jane Owner (who raised it) was told.');
    expect(titles(approved)).not.toContain('Approve');
    const told = proactiveTo(JANE, before);
    expect(told).toHaveLength(1);
    expect(checkJobCard(cardOf(told[0]))).toEqual([]);
    expect(allText(cardOf(told[0]))).toEqual(expect.stringContaining('C-1 was approved'));
    expect(allText(cardOf(told[0]))).toContain('Approved by Ada Admin on 2026-11-26.');
    expect(titles(told[0])).toEqual([]);
    const { item, history } = await getItem((await workspace())._id, 'C-1');
    expect(item).toMatchObject({ decision: 'approved', decidedById: ADA.id, decidedAt: NOW });
    expect(history.at(-1)).toMatchObject({ byId: ADA.id, at: NOW, field: 'decision', from: 'pending', to: 'approved' });
  });

  it('Reject pressed afterwards says who decided it and when; nothing changes', async () => {
    const [again] = await send(ADA, undefined, submits(notice)[1].data);
    expect(again.text).toBe('C-1 is already approved (by Ada Admin on 2026-11-26); nothing changed.');
    expect((await getItem((await workspace())._id, 'C-1')).item).toMatchObject({ decision: 'approved' });
  });

  it('typed with a comment, reject records why and tells the requester', async () => {
    await send(JANE, 'change Second screen project=APOLLO');
    const before = connector.sent.length;
    const [rejected] = await send(ADA, 'reject C-2 Not in this release');
    expect(rejected.text).toBe('Rejected C-2 Second screen');
    const told = proactiveTo(JANE, before);
    expect(allText(cardOf(told[0]))).toContain('Comment: Not in this release');
    const { history } = await getItem((await workspace())._id, 'C-2');
    expect(history.at(-1)).toMatchObject({ byId: ADA.id, to: 'rejected', note: 'Not in this release' });
  });
});
