// Local mode opened to the network (HOST set off loopback, for the chat page) still keeps its
// token-less Teams door to this machine: otherwise anyone there could make the bot post anywhere on it.
import os from 'node:os';
import { useTestDatabase } from '../support/db';
import { rawRequest } from '../support/raw-http';
import { startMounted, type MountedApp } from './mount-harness';

useTestDatabase();

const lan = Object.values(os.networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
let mounted: MountedApp;
let port: string;

beforeAll(async () => {
  if (!lan) throw new Error('this test needs a non-loopback IPv4 interface');
  mounted = await startMounted({ HOST: '0.0.0.0', PUBLIC_URL: 'https://pmo.example.test' }, { platform: 'local', externalId: 'default' }, '0.0.0.0');
  port = new URL(mounted.url).port;
});
afterAll(() => mounted.close());

const activity = JSON.stringify({
  type: 'message', id: 'exposed-1', channelId: 'emulator', text: 'help', serviceUrl: 'http://127.0.0.1:9/',
  from: { id: 'someone', name: 'Someone' }, recipient: { id: 'bot' }, conversation: { id: 'c-exposed' },
});

describe('local mode with HOST=0.0.0.0', () => {
  it('serves the chat page to the network under PUBLIC_URL’s host', async () => {
    const res = await rawRequest(`http://${lan}:${port}`, { localAddress: lan, headers: { host: 'pmo.example.test' } });
    expect(res.status).toBe(200);
  });

  it('refuses /api/messages from another address, whatever its Host', async () => {
    const res = await rawRequest(`http://${lan}:${port}`, {
      method: 'POST', path: '/api/messages', localAddress: lan, body: activity,
      headers: { host: 'pmo.example.test', 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(activity)) },
    });
    expect(res.status).toBe(403);
  });
});
