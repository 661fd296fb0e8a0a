import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { redactUri, resolveDatabase } from '../../bot/db/resolve';

const logger = pino({ level: 'silent' });
const emptyRoot = mkdtempSync(path.join(os.tmpdir(), 'pmo-noroot-'));
afterAll(() => rmSync(emptyRoot, { recursive: true, force: true }));

const base = { root: emptyRoot, dataDir: path.join(emptyRoot, '.data'), allowDownload: false, downloadTimeoutMs: 0, logger };

it('lets MONGODB_URI win and never shows its password', async () => {
  const db = await resolveDatabase({ ...base, embedded: 'auto', uri: 'mongodb+srv://pmo:s3cret@cluster0.example.net/pmo' });
  expect(db.source).toBe('MONGODB_URI');
  expect(db.server).toBeUndefined();
  expect(db.description).toBe('MONGODB_URI mongodb+srv://pmo:***@cluster0.example.net/pmo');
});

it('redacts only the password of a connection string', () => {
  expect(redactUri('mongodb://u:p@h1:1,h2:2/db?replicaSet=rs')).toBe('mongodb://u:***@h1:1,h2:2/db?replicaSet=rs');
  expect(redactUri('mongodb://127.0.0.1:27017/')).toBe('mongodb://127.0.0.1:27017/');
});

it('names the three ways to fix it when nothing can be had', async () => {
  const attempt = resolveDatabase({ ...base, embedded: 'ferretdb' });
  await expect(attempt).rejects.toThrow(/set MONGODB_URI/);
  await expect(attempt).rejects.toThrow(/install mongod on PATH/);
  await expect(attempt).rejects.toThrow(/install Go/);
  await expect(attempt).rejects.toThrow(/FerretDB: the FerretDB launcher source is missing/);
});
