// Exports in Teams at the wire: consent card → fileConsent/invoke → PUT into the upload session →
// file info card, in a personal chat and from a channel, against a local connector and OneDrive.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Activity, Attachment } from 'botbuilder';
import pino from 'pino';
import { loadConfig } from '../../../bot/config';
import { exportLinksFor, mountExportFiles } from '../../../bot/files';
import { createApp } from '../../../bot/server';
import { mountTeamsBot } from '../../../bot/teams';
import { FILE_CONSENT, FILE_INFO, uploadToSession } from '../../../bot/teams/file-consent';
import { addProject, ensurePerson, grantRole } from '../../../core/services';
import { ConversationRefModel, ProjectModel, WorkspaceModel } from '../../../models';
import { useTestDatabase } from '../../support/db';
import { insertRisks, readCsvRecords } from '../../support/registers';
import { TeamsFilesStub } from '../../support/teams-files-stub';

useTestDatabase();

const NOW = new Date('2026-11-26T10:00:00Z');
const PUBLIC_URL = 'https://pmo.example.test';
const stub = new TeamsFilesStub();
let serviceUrl: string;
let server: http.Server;
let botUrl: string;
let seq = 0;

const ADA = { id: '29:ada', name: 'Ada Admin' };
const BOB = { id: '29:bob', name: 'Bob Member' };
const PAM = { id: '29:pam', name: 'Pam Manager' };

beforeAll(async () => {
  serviceUrl = await stub.start();
  const logger = pino({ level: 'silent' });
  const config = loadConfig({ PORT: '0', PUBLIC_URL });
  const app = createApp({ logger, isReady: async () => true });
  mountTeamsBot(app, { config, logger, now: () => NOW });
  mountExportFiles(app, { links: exportLinksFor(config), logger, now: () => NOW });
  server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  botUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await stub.stop();
});

interface Where {
  tenant: string;
  user: { id: string; name: string };
  /** A team channel; otherwise the user's personal chat. */
  channel?: string;
}

const personalId = (where: Where): string => `a:personal-${where.tenant}-${where.user.id}`;

function activity(where: Where, extra: Partial<Activity>): Partial<Activity> {
  const conversation = where.channel
    ? { id: `${where.channel};messageid=1`, conversationType: 'channel', tenantId: where.tenant, isGroup: true }
    : { id: personalId(where), conversationType: 'personal', tenantId: where.tenant };
  return {
    id: `act-${++seq}`,
    channelId: 'msteams',
    serviceUrl,
    from: { ...where.user, aadObjectId: `aad-${where.user.id}` } as Activity['from'],
    recipient: { id: '28:pmo-bot', name: 'PMO' },
    conversation: conversation as Activity['conversation'],
    channelData: { tenant: { id: where.tenant }, ...(where.channel ? { channel: { id: where.channel }, team: { id: 'team-1', name: 'Apollo team' } } : {}) },
    ...extra,
  };
}

async function post(body: Partial<Activity>): Promise<Response> {
  return fetch(`${botUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

/** Says `text` as Teams would; returns everything the bot sent meanwhile, wherever it went. */
async function say(text: string, where: Where): Promise<{ conversationId: string; activity: Partial<Activity> }[]> {
  const before = stub.sent.length;
  const res = await post(activity(where, { type: 'message', text }));
  expect(res.status).toBeLessThan(300);
  return stub.sent.slice(before);
}

/** The user clicks Allow (or Decline) on a consent card: the fileConsent/invoke Teams sends. */
async function consent(where: Where, action: 'accept' | 'decline', context: unknown, session = `s${seq}`): Promise<{ status: number; sent: Partial<Activity>[]; session: string }> {
  const before = stub.sent.length;
  const uploadInfo = {
    name: 'risks-all-2026-11-26.csv', uploadUrl: stub.uploadUrl(session), contentUrl: `https://contoso-my.sharepoint.com/personal/ada/Documents/Applications/PMO/${session}.csv`,
    uniqueId: `unique-${session}`, fileType: 'csv',
  };
  const value = { type: 'fileUpload', action, context, ...(action === 'accept' ? { uploadInfo } : {}) };
  const res = await post(activity(where, { type: 'invoke', name: 'fileConsent/invoke', value }));
  return { status: res.status, sent: stub.sent.slice(before).map((s) => s.activity), session };
}

const consentOf = (a: Partial<Activity>): Attachment | undefined => a.attachments?.find((x) => x.contentType === FILE_CONSENT);

let apolloWorkspace: string;

describe('Teams export through file consent', () => {
  const ADA_T1: Where = { tenant: 'tenant-files', user: ADA };

  beforeAll(async () => {
    await say('help', ADA_T1); // Ada is the first to talk to the bot in the tenant: its PMO admin
    const ws = await WorkspaceModel.findOne({ platform: 'teams', externalId: 'tenant-files' }).lean();
    apolloWorkspace = String(ws!._id);
    const ada = { userId: ADA.id, displayName: ADA.name };
    await ensurePerson(ws!._id, PAM.id, PAM.name);
    await ensurePerson(ws!._id, BOB.id, BOB.name);
    await addProject(ws!._id, ada, { key: 'APOLLO', name: 'Apollo launch', pmId: PAM.id });
    await addProject(ws!._id, ada, { key: 'ZEUS', name: 'Zeus platform' });
    await grantRole(ws!._id, ada, '29:newcomer', 'pmo_admin', 'Nia New');
    await insertRisks(ws!._id, 'APOLLO', 1000);
    await insertRisks(ws!._id, 'ZEUS', 3, { from: 1001 });
  });

  it('in a personal chat: consent card, upload of every row into the session, file card, invoke answered 200', async () => {
    const [offer, ...rest] = await say('export risks', ADA_T1);
    expect(rest).toEqual([]);
    expect(offer.conversationId).toBe(personalId(ADA_T1));
    const card = consentOf(offer.activity);
    expect(card).toMatchObject({ contentType: FILE_CONSENT, name: 'risks-all-2026-11-26.csv' });
    const content = card!.content as { description: string; sizeInBytes: number; acceptContext: unknown; declineContext: unknown };
    expect(content.description).toBe('Risk register, all projects: 1,003 rows, CSV');
    expect(content.sizeInBytes).toBeGreaterThan(1003 * 50);
    expect(content.declineContext).toEqual(content.acceptContext);
    // PUBLIC_URL is set: a signed link as well, in the personal chat.
    expect(offer.activity.text).toMatch(new RegExp(`\\(${PUBLIC_URL}/files/v1\\.[\\w-]+\\.[\\w-]+\\)`));

    const accepted = await consent(ADA_T1, 'accept', content.acceptContext);
    expect(accepted.status).toBe(200);
    const puts = stub.puts.filter((p) => p.session === accepted.session);
    expect(puts).toHaveLength(1);
    expect(puts[0].authorization).toBeUndefined(); // the upload URL itself grants the upload
    const bytes = stub.uploaded(accepted.session);
    expect(puts[0].contentRange).toBe(`bytes 0-${bytes.length - 1}/${bytes.length}`);
    expect(bytes.length).toBe(content.sizeInBytes);
    const rows = readCsvRecords(bytes.toString('utf8'));
    expect(rows).toHaveLength(1003);
    expect(rows.map((r) => r.Key)).toEqual(Array.from({ length: 1003 }, (_, i) => `R-${i + 1}`));

    const [shown] = accepted.sent;
    expect(shown.text).toBe('Here is risks-all-2026-11-26.csv (1,003 rows).');
    expect(shown.attachments).toEqual([{
      contentType: FILE_INFO,
      name: 'risks-all-2026-11-26.csv',
      contentUrl: `https://contoso-my.sharepoint.com/personal/ada/Documents/Applications/PMO/${accepted.session}.csv`,
      content: { uniqueId: `unique-${accepted.session}`, fileType: 'csv' },
    }]);
  });

  it('from a channel: opens a personal chat, sends the consent card there, says so in the channel; then reuses that chat', async () => {
    const pam: Where = { tenant: 'tenant-files', user: PAM, channel: '19:apollo@thread.tacv2' };
    const sent = await say('export risks', pam);
    const inChannel = sent.filter((s) => s.conversationId.startsWith('19:apollo'));
    expect(inChannel.map((s) => s.activity.text)).toEqual(['I sent you risks-my-projects-2026-11-26.csv in our personal chat.']);
    expect(inChannel.flatMap((s) => s.activity.attachments ?? [])).toEqual([]); // no card and no link in the channel
    expect(stub.created).toHaveLength(1);
    expect(stub.created[0].params).toMatchObject({ isGroup: false, members: [{ id: PAM.id }], tenantId: 'tenant-files', bot: { id: '28:pmo-bot' } });
    const opened = stub.created[0].id;
    const [offer] = sent.filter((s) => s.conversationId === opened).map((s) => s.activity);
    expect(consentOf(offer)).toMatchObject({ name: 'risks-my-projects-2026-11-26.csv' });
    expect(offer).toMatchObject({ recipient: { id: PAM.id }, conversation: { id: opened } });
    expect(await ConversationRefModel.findOne({ conversationId: opened }).lean()).toMatchObject({ kind: 'personal', userId: PAM.id });

    // Pam accepts in that personal chat: she is the PM of APOLLO only, so ZEUS's rows stay out.
    const accepted = await consent({ tenant: 'tenant-files', user: PAM }, 'accept', (consentOf(offer)!.content as { acceptContext: unknown }).acceptContext);
    expect(accepted.status).toBe(200);
    const rows = readCsvRecords(stub.uploaded(accepted.session).toString('utf8'));
    expect(rows).toHaveLength(1000);
    expect(new Set(rows.map((r) => r.Project))).toEqual(new Set(['APOLLO']));
    expect(accepted.sent[0].attachments?.[0].contentType).toBe(FILE_INFO);

    const again = await say('export status', pam);
    expect(stub.created).toHaveLength(1); // the stored personal chat, not a new one
    expect(again.filter((s) => s.conversationId === opened).map((s) => consentOf(s.activity)?.name)).toEqual(['status-my-projects-2026-11-26.csv']);
  });

  it('says plainly what to do when it cannot open a personal chat', async () => {
    stub.refuseCreate = 403;
    try {
      const nia: Where = { tenant: 'tenant-files', user: { id: '29:newcomer', name: 'Nia New' }, channel: '19:apollo@thread.tacv2' };
      const sent = await say('export issues', nia);
      expect(sent.map((s) => s.activity.text)).toEqual([
        'I could not open a personal chat with you to send the file. Open PMO Assistant from Apps in Teams, say hi there, and run the export again.',
      ]);
      expect(sent.flatMap((s) => s.activity.attachments ?? [])).toEqual([]);
    } finally {
      stub.refuseCreate = undefined;
    }
  });

  it('sends nothing on decline', async () => {
    const [offer] = await say('export changes', ADA_T1);
    const declined = await consent(ADA_T1, 'decline', (consentOf(offer.activity)!.content as { declineContext: unknown }).declineContext);
    expect(declined.status).toBe(200);
    expect(declined.sent.map((a) => a.text)).toEqual(['OK, not sent: changes-all-2026-11-26.csv.']);
    expect(stub.puts.filter((p) => p.session === declined.session)).toEqual([]);
  });

  it('answers a consent delivered twice both times, uploading once', async () => {
    const [offer] = await say('export issues', ADA_T1);
    const context = (consentOf(offer.activity)!.content as { acceptContext: unknown }).acceptContext;
    const uploadInfo = {
      name: 'issues-all-2026-11-26.csv', uploadUrl: stub.uploadUrl('twice'), contentUrl: 'https://contoso-my.sharepoint.com/twice.csv', uniqueId: 'unique-twice', fileType: 'csv',
    };
    const invoke = activity(ADA_T1, { type: 'invoke', name: 'fileConsent/invoke', value: { type: 'fileUpload', action: 'accept', context, uploadInfo } });
    expect((await post(invoke)).status).toBe(200);
    expect((await post(invoke)).status).toBe(200); // the redelivery is not run, but it is answered
    expect(new Set(stub.puts.filter((p) => p.session === 'twice').map((p) => p.contentRange)).size).toBe(stub.puts.filter((p) => p.session === 'twice').length);
    expect(stub.uploaded('twice').toString('utf8')).toMatch(/^\uFEFFKey,Title/);
  });

  it('refuses a consent from another workspace, another user, an old one or a forged one, uploading nothing', async () => {
    const [offer] = await say('export risks project=APOLLO', ADA_T1);
    const context = (consentOf(offer.activity)!.content as { acceptContext: { export: Record<string, unknown> } }).acceptContext;
    const cases: [Where, unknown, string][] = [
      [{ tenant: 'tenant-other', user: ADA }, context, 'This file offer is not valid here, so I sent nothing. Type export risks project=APOLLO for a fresh one.'],
      [{ tenant: 'tenant-files', user: BOB }, context, 'This file offer is not valid here, so I sent nothing. Type export risks project=APOLLO for a fresh one.'],
      [ADA_T1, { export: { ...context.export, requestedAt: '2026-11-24T09:00:00.000Z' } }, 'This file offer has expired. Type export risks project=APOLLO for a fresh one.'],
      [ADA_T1, { export: { ...context.export, workspaceId: { $ne: null } } }, 'I cannot read this file offer, so I sent nothing. Run the export again.'],
      [ADA_T1, { export: { ...context.export, filename: '../../etc/passwd' } }, 'I cannot read this file offer, so I sent nothing. Run the export again.'],
      [ADA_T1, 'garbage', 'I cannot read this file offer, so I sent nothing. Run the export again.'],
    ];
    for (const [where, ctx, message] of cases) {
      const answer = await consent(where, 'accept', ctx);
      expect(answer.status).toBe(200);
      expect(answer.sent.map((a) => a.text)).toEqual([message]);
      expect(stub.puts.filter((p) => p.session === answer.session)).toEqual([]);
    }
  });

  it('takes no admin rights from a consent context: a member who writes one in their own name is refused', async () => {
    const bobT1: Where = { tenant: 'tenant-files', user: BOB };
    const [offer] = await say('export risks project=APOLLO', ADA_T1);
    const { export: spec } = (consentOf(offer.activity)!.content as { acceptContext: { export: Record<string, unknown> } }).acceptContext;
    const answer = await consent(bobT1, 'accept', { export: { ...spec, userId: BOB.id, platformAdmin: true } });
    expect(answer.sent.map((a) => a.text)).toEqual(['Only PMO admins, executives, and PMs for their own projects can export.']);
    expect(stub.puts.filter((p) => p.session === answer.session)).toEqual([]);
  });

  it('re-checks permission on accept: a PM no longer PM gets a refusal, not the file', async () => {
    const pam: Where = { tenant: 'tenant-files', user: PAM };
    const [offer] = await say('export risks project=APOLLO', pam);
    const context = (consentOf(offer.activity)!.content as { acceptContext: unknown }).acceptContext;
    await ProjectModel.updateOne({ workspaceId: apolloWorkspace, key: 'APOLLO' }, { $set: { pmId: ADA.id } });
    try {
      const answer = await consent(pam, 'accept', context);
      expect(answer.sent.map((a) => a.text)).toEqual(['Only PMO admins, executives, and PMs for their own projects can export.']);
      expect(stub.puts.filter((p) => p.session === answer.session)).toEqual([]);
    } finally {
      await ProjectModel.updateOne({ workspaceId: apolloWorkspace, key: 'APOLLO' }, { $set: { pmId: PAM.id } });
    }
  });

  it('refuses export to a plain member and to a PM naming another project, in the chat', async () => {
    const [bob] = await say('export risks', { tenant: 'tenant-files', user: BOB });
    expect(bob.activity.text).toBe('Only PMO admins, executives, and PMs for their own projects can export.');
    expect(consentOf(bob.activity)).toBeUndefined();
    const [pam] = await say('export risks project=ZEUS', { tenant: 'tenant-files', user: PAM });
    expect(pam.activity.text).toBe('You can export only for your own projects (APOLLO), not ZEUS.');
  });
});

describe('uploadToSession', () => {
  it('puts a big file in order, range by range, as OneDrive upload sessions take it', async () => {
    const fs = await import('node:fs/promises');
    const os = await import('node:os');
    const path = await import('node:path');
    const file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'upload-test-')), 'big.csv');
    const content = Buffer.from('x'.repeat(200_000) + 'end');
    await fs.writeFile(file, content);
    await uploadToSession(stub.uploadUrl('chunked'), { path: file, bytes: content.length }, 64 * 1024);
    const puts = stub.puts.filter((p) => p.session === 'chunked');
    expect(puts.map((p) => p.contentRange)).toEqual([
      'bytes 0-65535/200003', 'bytes 65536-131071/200003', 'bytes 131072-196607/200003', 'bytes 196608-200002/200003',
    ]);
    expect(puts.map((p) => p.contentLength)).toEqual(['65536', '65536', '65536', '3395']);
    expect(stub.uploaded('chunked').equals(content)).toBe(true);
    await fs.rm(path.dirname(file), { recursive: true, force: true });
  });
});
