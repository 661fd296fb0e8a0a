// Signed download links at the wire: GET /files/<token> as a browser sends it.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Activity } from 'botbuilder';
import express from 'express';
import pino from 'pino';
import { loadConfig } from '../../../bot/config';
import { ExportLinks, exportLinksFor, LINK_TTL_MS, mountExportFiles } from '../../../bot/files';
import { createApp } from '../../../bot/server';
import { mountTeamsBot } from '../../../bot/teams';
import type { ExportSpec } from '../../../core/runner/export-spec';
import { useTestDatabase } from '../../support/db';
import { insertRisks, readCsvRecords } from '../../support/registers';
import { TeamsFilesStub } from '../../support/teams-files-stub';
import { makeWorld, runFor, type World } from '../../core/runner/world';

useTestDatabase();

const KEY = Buffer.alloc(32, 7);
const logger = pino({ level: 'silent' });
let clock = Date.parse('2026-11-26T10:00:00Z');
const links = new ExportLinks({ encryptionKey: KEY, publicUrl: 'https://pmo.example.test', clock: () => clock });
let server: http.Server;
let base: string;
let world: World;
let spec: ExportSpec;

beforeAll(async () => {
  const app = express();
  mountExportFiles(app, { links, logger, now: () => new Date('2026-11-26T10:00:00Z') });
  server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  world = await makeWorld();
  await insertRisks(world.ws, 'APOLLO', 300);
  spec = (await runFor(world, world.admin, 'export risks', 'file')).export;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
});

const get = (token: string): Promise<Response> => fetch(`${base}/files/${token}`);
const tokenOf = (url: string | undefined): string => url!.split('/files/')[1];

/** The token with its payload rewritten, keeping the original signature. */
function rewritten(token: string, change: (payload: { s: Record<string, unknown> }) => void): string {
  const [version, payload, mac] = token.split('.');
  const body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { s: Record<string, unknown> };
  change(body);
  return [version, Buffer.from(JSON.stringify(body)).toString('base64url'), mac].join('.');
}

async function expectPlain(res: Response, status: number): Promise<void> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
  expect(res.headers.get('cache-control')).toBe('no-store');
  expect((await res.text()).trim()).toMatch(/^(Not found|Gone)$/);
}

describe('GET /files/<token>', () => {
  it('streams the export as a CSV attachment that is not cached, sniffed or framed', async () => {
    const url = links.url(spec);
    expect(url).toMatch(/^https:\/\/pmo\.example\.test\/files\/v1\.[\w-]+\.[\w-]{43}$/);
    const res = await get(tokenOf(url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="risks-all-2026-11-26.csv"');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const body = Buffer.from(await res.arrayBuffer());
    expect(res.headers.get('content-length')).toBe(String(body.length));
    expect(readCsvRecords(body.toString('utf8'))).toHaveLength(300);
  });

  it('makes every link different (a random nonce) and valid for at most 15 minutes', async () => {
    expect(links.token(spec)).not.toBe(links.token(spec));
    const greedy = new ExportLinks({ encryptionKey: KEY, ttlMs: 24 * 3_600_000, clock: () => clock });
    const token = greedy.token(spec);
    clock += LINK_TTL_MS + 1;
    try {
      await expectPlain(await get(token), 410);
    } finally {
      clock -= LINK_TTL_MS + 1;
    }
  });

  it('answers an expired link with a plain 410', async () => {
    const token = links.token(spec);
    clock += LINK_TTL_MS - 1;
    expect((await get(token)).status).toBe(200);
    clock += 2;
    try {
      await expectPlain(await get(token), 410);
    } finally {
      clock -= LINK_TTL_MS + 1;
    }
  });

  it('answers a tampered, foreign or malformed link with a plain 404', async () => {
    const token = links.token(spec);
    const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const flipped = [
      token.slice(0, -20) + (token.at(-20) === 'A' ? 'B' : 'A') + token.slice(-19),
      // The last character's lowest bit is a spare base64 bit: the signature decodes to the same bytes, and is still refused.
      token.slice(0, -1) + B64URL[B64URL.indexOf(token.at(-1)!) ^ 1],
    ];
    const otherKey = new ExportLinks({ clock: () => clock }).token(spec); // another instance without the shared key
    const richer = rewritten(token, (p) => {
      p.s.project = 'ZEUS';
    });
    for (const bad of [...flipped, otherKey, richer, 'v1.abc.def', 'nothing', `${token}x`]) await expectPlain(await get(encodeURIComponent(bad)), 404);
  });

  it('binds a link to its workspace: moved to another workspace it is a 404, and it never reads past its own', async () => {
    const other = await makeWorld();
    await insertRisks(other.ws, 'APOLLO', 2);
    const moved = rewritten(links.token(spec), (p) => {
      p.s.workspaceId = other.ws.toHexString();
    });
    await expectPlain(await get(moved), 404);
    // Signed for the other workspace by someone who is admin here but a stranger there: refused when opened.
    const stranger = links.token({ ...spec, workspaceId: other.ws.toHexString(), userId: 'u-nobody' });
    await expectPlain(await get(stranger), 404);
  });

  it('works on another instance that shares PMO_ENCRYPTION_KEY', async () => {
    const elsewhere = exportLinksFor({ security: { encryptionKey: KEY, previousKeys: [] }, publicUrl: 'https://pmo.example.test' });
    expect((await get(tokenOf(elsewhere.url(spec)))).status).toBe(200);
  });
});

describe('the local chat (no file consent there): a download link relative to the page', () => {
  it('answers export with a link that downloads the file from the bot', async () => {
    const stub = new TeamsFilesStub();
    const serviceUrl = await stub.start();
    const config = loadConfig({ PORT: '0' });
    const app = createApp({ logger, isReady: async () => true });
    mountTeamsBot(app, { config, logger, now: () => new Date('2026-11-26T10:00:00Z') });
    mountExportFiles(app, { links: exportLinksFor(config), logger });
    const bot = http.createServer(app);
    await new Promise<void>((resolve) => bot.listen(0, '127.0.0.1', () => resolve()));
    const url = `http://127.0.0.1:${(bot.address() as AddressInfo).port}`;
    try {
      const activity: Partial<Activity> = {
        type: 'message', id: 'local-1', text: 'export risks', channelId: 'emulator', serviceUrl,
        from: { id: 'local-user', name: 'You' }, recipient: { id: 'pmo-assistant', name: 'PMO Assistant' },
        conversation: { id: 'local-conversation' } as Activity['conversation'],
      };
      const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
      expect(res.status).toBeLessThan(300);
      const [reply] = stub.to('local-conversation');
      expect(reply.attachments ?? []).toEqual([]);
      const link = /\]\((\/files\/v1\.[\w-]+\.[\w-]+)\)$/.exec(reply.text ?? '')?.[1];
      expect(reply.text).toMatch(/^Download risks-all-2026-11-26\.csv \(the link works for 15 minutes\): \[risks-all-2026-11-26\.csv\]\(\/files\//);
      const file = await fetch(`${url}${link}`);
      expect(file.status).toBe(200);
      expect(readCsvRecords(Buffer.from(await file.arrayBuffer()).toString('utf8'))).toEqual([]); // the local workspace has no risks: the header alone
    } finally {
      await new Promise((r) => bot.close(r));
      await stub.stop();
    }
  });
});
