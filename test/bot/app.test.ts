import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import mongoose from 'mongoose';
import pino from 'pino';
import { startApp, type RunningApp } from '../../bot/app';
import { loadConfig } from '../../bot/config';

// This file runs its own embedded FerretDB (not the shared test server) so it can stop and start it.
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'pmo-app-test-'));
let running: RunningApp;
let slowStarted: () => void;
const slowRequestArrived = new Promise<void>((resolve) => (slowStarted = resolve));

async function status(url: string): Promise<number> {
  try {
    return (await fetch(url)).status;
  } catch {
    return -1;
  }
}

async function eventually(url: string, expected: number, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let last = await status(url);
  while (last !== expected && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 250));
    last = await status(url);
  }
  return last;
}

beforeAll(async () => {
  const config = loadConfig(
    { PORT: '0', HOST: '127.0.0.1', PMO_DATA_DIR: dataDir, PMO_EMBEDDED_DB: 'ferretdb' },
    path.resolve(__dirname, '../..'),
  );
  running = await startApp({
    config,
    logger: pino({ level: 'silent' }),
    mount: (app) => {
      app.post('/test/echo', express.json(), (req, res) => {
        res.json(req.body);
      });
      app.get('/test/slow', (_req, res) => {
        slowStarted();
        setTimeout(() => res.status(200).send('finished'), 700);
      });
    },
  });
}, 240_000);

afterAll(async () => {
  await running?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

it('uses the embedded FerretDB under the data directory when MONGODB_URI is unset', () => {
  expect(running.db.source).toBe('ferretdb');
  expect(running.db.description).toContain(path.join(dataDir, 'ferretdb'));
});

it('answers /healthz and /readyz', async () => {
  expect(await status(`${running.http.url}/healthz`)).toBe(200);
  expect(await status(`${running.http.url}/readyz`)).toBe(200);
});

it('finishes the app after the doors are mounted: unknown routes and bad bodies get JSON, not an HTML page', async () => {
  const unknown = await fetch(`${running.http.url}/no/such/route`);
  expect(unknown.status).toBe(404);
  expect(await unknown.json()).toEqual({ error: 'not found' });
  const malformed = await fetch(`${running.http.url}/test/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":' });
  expect(malformed.status).toBe(400);
  expect(await malformed.json()).toEqual({ error: 'malformed JSON body' });
});

it('answers /readyz 503 while the database is down and 200 again once it is back, without a restart', async () => {
  const server = running.db.server!;
  await server.stop();
  expect(await eventually(`${running.http.url}/readyz`, 503, 10_000)).toBe(503);
  expect(await status(`${running.http.url}/healthz`)).toBe(200);

  await server.start();
  expect(await eventually(`${running.http.url}/readyz`, 200, 30_000)).toBe(200);
  // And the connection really works again, not just the ping.
  await mongoose.connection.db!.collection('probe').insertOne({ ok: 1 });
  expect(await mongoose.connection.db!.collection('probe').countDocuments()).toBe(1);
}, 60_000);

it('stops cleanly: finishes the request in flight, refuses new ones, closes and stops the database', async () => {
  const slow = fetch(`${running.http.url}/test/slow`).then(async (r) => [r.status, await r.text()]);
  await slowRequestArrived;
  const server = running.db.server!;
  await running.stop();
  expect(await slow).toEqual([200, 'finished']);
  expect(await status(`${running.http.url}/healthz`)).toBe(-1);
  expect(mongoose.connection.readyState).toBe(0);
  expect(server.running).toBe(false);
}, 30_000);
