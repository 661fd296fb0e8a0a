// The HTTP server as `npm start` runs it in local mode (bot/mount.ts on bot/server.ts): malformed
// bodies and failures answer short JSON, never a stack trace; slow clients cannot hold a socket.
import { Writable } from 'node:stream';
import express from 'express';
import pino from 'pino';
import type { Stoppable } from '../../bot/app';
import { loadConfig } from '../../bot/config';
import { mountAll } from '../../bot/mount';
import { createApp, finishApp, listen, SERVER_TIMEOUTS, type HttpServer } from '../../bot/server';
import { useTestDatabase } from '../support/db';
import { openSocket, rawRequest } from '../support/raw-http';

useTestDatabase();

const logged: Record<string, unknown>[] = [];
const logSink = new Writable({
  write(chunk: Buffer, _enc, done) {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) logged.push(JSON.parse(line) as Record<string, unknown>);
    done();
  },
});

let http: HttpServer;
const stoppables: Stoppable[] = [];

beforeAll(async () => {
  const logger = pino({ level: 'info' }, logSink);
  const config = loadConfig({ PORT: '0' });
  const app = createApp({ logger, isReady: async () => true });
  mountAll(app, { onStop: (c) => stoppables.push(c) }, config, logger);
  app.get('/test/fails', () => {
    throw new Error('the widget index is corrupt');
  });
  app.post('/test/fails-later', express.json(), async () => {
    await new Promise((resolve) => setImmediate(resolve));
    throw new Error('a failure deep in the stack');
  });
  finishApp(app, logger);
  http = await listen(app, 0, '127.0.0.1', logger);
});

afterAll(async () => {
  for (const s of [...stoppables].reverse()) await s.stop();
  await http?.close(100);
});

const json = { 'content-type': 'application/json' };
const noStack = (text: string): void => {
  expect(text).not.toMatch(/<html|<pre|\bat [\w.<>]+ \(|node_modules|SyntaxError/i);
};

describe('malformed bodies', () => {
  it.each([
    ['a Bot Framework activity', '/api/messages'],
    ['a test route', '/test/fails-later'],
  ])('answer %s with a JSON 400, not a stack trace', async (_what, path) => {
    const res = await fetch(`${http.url}${path}`, { method: 'POST', headers: json, body: '{"type": "message", "text": ' });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const text = await res.text();
    noStack(text);
    expect(JSON.parse(text)).toEqual({ error: expect.any(String) });
  });

  it('answers a Direct Line activity of the local chat with a JSON 400 too', async () => {
    const started = (await (await fetch(`${http.url}/v3/directline/conversations`, { method: 'POST' })).json()) as { conversationId: string; token: string };
    const res = await fetch(`${http.url}/v3/directline/conversations/${started.conversationId}/activities`, {
      method: 'POST', headers: { ...json, authorization: `Bearer ${started.token}` }, body: '{"type":',
    });
    expect(res.status).toBe(400);
    const text = await res.text();
    noStack(text);
    expect(JSON.parse(text)).toEqual({ error: expect.any(String) });
  });

  it('answers a body over the limit with a JSON 413', async () => {
    const res = await fetch(`${http.url}/api/messages`, { method: 'POST', headers: json, body: JSON.stringify({ type: 'message', text: 'x'.repeat(3 * 1024 * 1024) }) });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: expect.any(String) });
  });
});

describe('unknown routes and failures', () => {
  it.each(['GET', 'POST', 'DELETE'])('answer %s of an unknown route with a JSON 404', async (method) => {
    const res = await fetch(`${http.url}/no/such/route`, { method });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(await res.json()).toEqual({ error: 'not found' });
  });

  it.each([
    ['thrown in a handler', 'GET', '/test/fails', 'widget index'],
    ['rejected after a body was read', 'POST', '/test/fails-later', 'deep in the stack'],
  ])('answer a failure %s with a bare JSON 500, and log it with the injected logger', async (_what, method, path, detail) => {
    const res = await fetch(`${http.url}${path}`, { method, headers: json, body: method === 'POST' ? '{}' : undefined });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: 'internal error' });
    expect(text).not.toContain(detail);
    const entry = logged.find((l) => JSON.stringify(l).includes(detail));
    expect(entry).toMatchObject({ level: 50, method, path });
  });
});

describe('slow clients', () => {
  it('sets the server to seconds, not minutes', () => {
    // Seconds, not Node's minutes (60 s for headers, 300 s for a request).
    expect(http.server.headersTimeout).toBeLessThanOrEqual(10_000);
    expect(http.server.requestTimeout).toBeLessThanOrEqual(30_000);
    expect(http.server.headersTimeout).toBe(SERVER_TIMEOUTS.headersTimeoutMs);
    expect(http.server.requestTimeout).toBe(SERVER_TIMEOUTS.requestTimeoutMs);
    expect(http.server.keepAliveTimeout).toBe(SERVER_TIMEOUTS.keepAliveTimeoutMs);
  });

  it('closes a socket whose headers or body trickle in, long before the client is done', async () => {
    const trickle = async (head: string, unit: string, count: number): Promise<{ answer: string; sent: number; total: number }> => {
      const session = await openSocket(http.url);
      await session.write(head);
      let server = false;
      void session.answer.then(() => (server = true));
      for (let i = 0; i < count && !server; i++) {
        await session.write(unit);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      const answer = await session.answer;
      await session.closed;
      return { answer, sent: session.written(), total: Buffer.byteLength(head) + unit.length * count };
    };
    // Each would take 100 s to finish; the server must not wait for them (both run at once).
    const [headers, body] = await Promise.all([
      trickle('POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1\r\n', 'X-Slow: 1\r\n', 200),
      trickle(`POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n`, ' ', 200),
    ]);
    for (const { answer, sent, total } of [headers, body]) {
      expect(answer).toMatch(/^HTTP\/1\.1 408 /);
      expect(sent).toBeLessThan(total);
    }
    // And the server still answers everyone else.
    expect((await rawRequest(http.url, { path: '/healthz' })).status).toBe(200);
  }, 60_000);
});
