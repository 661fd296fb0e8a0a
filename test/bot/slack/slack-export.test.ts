// `export` from Slack at the wire: the three-step external upload, streamed from a file, any size;
// the signed link with PUBLIC_URL; who may export.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import pino from 'pino';
import { loadConfig } from '../../../bot/config';
import { exportLinksFor, mountExportFiles } from '../../../bot/files';
import { addProject } from '../../../core/services';
import { WorkspaceModel } from '../../../models';
import { useTestDatabase } from '../../support/db';
import { insertRisks, readCsvRecords } from '../../support/registers';
import type { SlackCall } from '../../support/slack-api-stub';
import { BOT_TOKEN, SIGNING_SECRET, useSlackBot } from '../../support/slack-harness';
import type { Where } from '../../support/slack-requests';

useTestDatabase();

const ENV = {
  SLACK_BOT_TOKEN: BOT_TOKEN,
  PUBLIC_URL: 'https://pmo.example.test',
  PMO_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64'),
};
const ADA: Where = { team: 'T1', user: 'UADA' };
const BOB: Where = { team: 'T1', user: 'UBOB' };
const PAM: Where = { team: 'T1', user: 'UPAM' };

const { stub, bot } = useSlackBot({
  users: { UADA: { name: 'Ada Admin' }, UBOB: { name: 'Bob Builder' }, UPAM: { name: 'Pam Manager' } },
  env: ENV,
  now: () => new Date('2026-11-26T10:00:00Z'),
});

async function dm(text: string, where: Where): Promise<SlackCall[]> {
  const before = stub.calls.length;
  await bot.sender.dm(text, where);
  await bot.slack.idle();
  return stub.calls.slice(before).filter((c) => c.method !== 'users.info' && c.method !== 'auth.test');
}

beforeAll(async () => {
  await dm('help', ADA); // the first to talk to the bot: PMO admin
  await dm('help', PAM);
  await dm('help', BOB);
  const ws = await WorkspaceModel.findOne({ platform: 'slack', externalId: 'T1' }).lean();
  const ada = { userId: 'UADA' };
  await addProject(ws!._id, ada, { key: 'APOLLO', name: 'Apollo launch', pmId: 'UPAM' });
  await addProject(ws!._id, ada, { key: 'ZEUS', name: 'Zeus platform' });
  await insertRisks(ws!._id, 'APOLLO', 1000, { ownerId: 'UBOB' });
  await insertRisks(ws!._id, 'ZEUS', 2, { from: 1001, ownerId: 'UBOB' });
});

describe('Slack export', () => {
  it('uploads 1,002 rows through getUploadURLExternal, a streamed POST and completeUploadExternal, with a signed link', async () => {
    const calls = await dm('export risks', ADA);
    expect(calls.map((c) => c.method)).toEqual(['files.getUploadURLExternal', 'upload', 'files.completeUploadExternal']);
    const [asked, upload, complete] = calls;
    expect(asked.args).toMatchObject({ filename: 'risks-all-2026-11-26.csv', length: String(upload.args.bytes) });
    expect(upload.args.contentLength).toBe(String(upload.args.bytes));
    const rows = readCsvRecords(String(upload.args.content));
    expect(rows).toHaveLength(1002);
    expect(rows[0]).toMatchObject({ Key: 'R-1', Owner: 'Bob Builder', Title: 'Risk 1, "quoted"' });
    expect(complete.args).toMatchObject({ channel_id: 'DUADA', files: [{ id: upload.args.fileId, title: 'risks-all-2026-11-26.csv' }] });
    const comment = String(complete.args.initial_comment);
    expect(comment).toMatch(/^Here is risks-all-2026-11-26\.csv\.\nDownload link, valid for 15 minutes: <https:\/\/pmo\.example\.test\/files\/v1\.[\w-]+\.[\w-]+\|download the CSV>$/);

    // The link, opened on any instance that shares PMO_ENCRYPTION_KEY (here a bare files route), gives the same rows.
    const config = loadConfig({ PORT: '0', SLACK_SIGNING_SECRET: SIGNING_SECRET, ...ENV });
    const app = express();
    mountExportFiles(app, { links: exportLinksFor(config), logger: pino({ level: 'silent' }) });
    const server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    try {
      const path = /<https:\/\/pmo\.example\.test(\/files\/[^|]+)\|/.exec(comment)![1];
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`);
      expect(res.status).toBe(200);
      expect(readCsvRecords(Buffer.from(await res.arrayBuffer()).toString('utf8'))).toHaveLength(1002);
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('gives a PM their own projects only, and refuses another project and a plain member', async () => {
    const [, upload] = await dm('export risks', PAM);
    expect(new Set(readCsvRecords(String(upload.args.content)).map((r) => r.Project))).toEqual(new Set(['APOLLO']));
    const refused = await dm('export risks project=ZEUS', PAM);
    expect(refused.map((c) => [c.method, c.args.text])).toEqual([['chat.postMessage', 'You can export only for your own projects (APOLLO), not ZEUS.']]);
    const member = await dm('export status', BOB);
    expect(member.map((c) => [c.method, c.args.text])).toEqual([['chat.postMessage', 'Only PMO admins, executives, and PMs for their own projects can export.']]);
  });

  it('in a channel, uploads the file there but gives the link to the asker alone', async () => {
    const before = stub.calls.length;
    const { res, responseId } = await bot.sender.command('export risks project=ZEUS', { ...ADA, channel: 'CPLAN', channelName: 'planning' });
    expect(res.status).toBe(200);
    await bot.slack.idle();
    const calls = stub.calls.slice(before);
    const complete = calls.find((c) => c.method === 'files.completeUploadExternal')!;
    expect(complete.args).toMatchObject({ channel_id: 'CPLAN', initial_comment: 'Here is risks-ZEUS-2026-11-26.csv.' });
    const link = /\/files\/v1\./;
    for (const c of calls.filter((c) => c.method === 'chat.postMessage')) expect(JSON.stringify(c.args)).not.toMatch(link);
    const privately = calls.filter((c) => c.method === 'response_url' && link.test(JSON.stringify(c.args)));
    expect(privately).toHaveLength(1);
    expect(privately[0].args).toMatchObject({ responseUrlId: responseId, response_type: 'ephemeral' });
  });

  it('inlines a small CSV only when it fits a section once escaped', async () => {
    const ws = await WorkspaceModel.findOne({ platform: 'slack', externalId: 'T1' }).lean();
    await addProject(ws!._id, { userId: 'UADA' }, { key: 'AMPS', name: 'Ampersands' });
    // Under the inline size as bytes, five times over a section's 3,000 characters once each & is &amp;.
    await insertRisks(ws!._id, 'AMPS', 7, { from: 2001, ownerId: 'UBOB', title: '&'.repeat(200) });
    stub.fail('files.getUploadURLExternal', 'not_in_channel');
    const calls = await dm('export risks project=AMPS', ADA);
    const [note] = calls.filter((c) => c.method === 'chat.postMessage');
    const sections = (note.args.blocks as { text?: { text: string } }[]).map((b) => b.text?.text ?? '');
    expect(sections.every((t) => t.length <= 3000)).toBe(true);
    expect(sections.some((t) => t.startsWith('```'))).toBe(false);
    expect(sections.some((t) => /I cannot attach files in this conversation/.test(t))).toBe(true);
    expect(sections.some((t) => /\|download the CSV>/.test(t))).toBe(true);
  });

  it('offers the link where it cannot attach the file, and inlines only a small file', async () => {
    stub.fail('files.getUploadURLExternal', 'not_in_channel');
    const calls = await dm('export risks', ADA);
    const [note] = calls.filter((c) => c.method === 'chat.postMessage');
    const blocks = JSON.stringify(note.args.blocks);
    expect(blocks).toContain('I cannot attach files in this conversation');
    expect(blocks).toMatch(/<https:\/\/pmo\.example\.test\/files\/v1\.[\w-]+\.[\w-]+\|download the CSV>/);
    expect(blocks).not.toContain('Risk 1, ');
  });
});
