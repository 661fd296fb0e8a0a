// Local mode answers as the PMO admin, so only this machine may use it: Host (DNS rebinding), the
// caller's address, and the Origin of a page that posts to it are all checked at the wire.
import os from 'node:os';
import { rawRequest, type RawResponse } from '../../support/raw-http';
import { startLocalBot, type LocalBot } from './harness';

/** A non-loopback address of this machine, to call from as a remote client would. */
function lanAddress(): string {
  const address = Object.values(os.networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
  if (!address) throw new Error('this test needs a non-loopback IPv4 interface');
  return address;
}

/** Every kind of local chat route: the page, the bundle, Direct Line, the connector. */
const ROUTES: [string, string][] = [
  ['GET', '/'],
  ['GET', '/webchat/webchat.js'],
  ['POST', '/v3/directline/conversations'],
  ['GET', '/v3/directline/conversations/some-id/activities?watermark=0'],
  ['POST', '/local/connector/some-secret/v3/conversations/some-id/activities'],
];

function expectRefused(res: RawResponse): void {
  expect(res.status).toBe(403);
  expect(res.headers['content-type']).toMatch(/application\/json/);
  expect(JSON.parse(res.text)).toEqual({ error: expect.stringMatching(/local/i) });
}

describe('local mode on its default address (127.0.0.1)', () => {
  let bot: LocalBot;
  beforeAll(async () => {
    bot = await startLocalBot();
  });
  afterAll(() => bot.close());

  it.each(ROUTES)('refuses %s %s under a foreign Host name (DNS rebinding)', async (method, path) => {
    expectRefused(await rawRequest(bot.url, { method, path, headers: { host: `rebind.attacker.example:${bot.port}` } }));
    expectRefused(await rawRequest(bot.url, { method, path, headers: { host: 'rebind.attacker.example' } }));
  });

  it.each(['localhost', '127.0.0.1', '[::1]'])('serves the page under the loopback Host %s, with or without a port', async (name) => {
    expect((await rawRequest(bot.url, { headers: { host: `${name}:${bot.port}` } })).status).toBe(200);
    expect((await rawRequest(bot.url, { headers: { host: name } })).status).toBe(200);
  });

  it('refuses a loopback name that only starts like one', async () => {
    expectRefused(await rawRequest(bot.url, { headers: { host: `localhost.attacker.example:${bot.port}` } }));
    expectRefused(await rawRequest(bot.url, { headers: { host: `127.0.0.1.nip.example:${bot.port}` } }));
  });

  it('refuses a request that a page on another site makes (Origin), and takes the chat page own', async () => {
    const headers = { host: `127.0.0.1:${bot.port}` };
    expectRefused(await rawRequest(bot.url, { method: 'POST', path: '/v3/directline/conversations', headers: { ...headers, origin: 'https://attacker.example' } }));
    expectRefused(await rawRequest(bot.url, { method: 'POST', path: '/v3/directline/conversations', headers: { ...headers, origin: 'null' } }));
    const own = await rawRequest(bot.url, { method: 'POST', path: '/v3/directline/conversations', headers: { ...headers, origin: `http://127.0.0.1:${bot.port}` } });
    expect(own.status).toBe(201);
  });
});

describe('local mode reached from another address', () => {
  const lan = lanAddress();

  it('refuses a caller that is not on this machine when HOST was left to its loopback default', async () => {
    // Listening everywhere (as a port forward or a container's published port would make it) while HOST says loopback.
    const bot = await startLocalBot({ listenOn: '0.0.0.0' });
    try {
      const res = await rawRequest(`http://${lan}:${bot.port}`, { localAddress: lan, headers: { host: `localhost:${bot.port}` } });
      expectRefused(res);
      expect((await rawRequest(bot.url, { headers: { host: `localhost:${bot.port}` } })).status).toBe(200);
    } finally {
      await bot.close();
    }
  });

  it('lets the network in when the operator set HOST to listen on it, and still checks Host', async () => {
    const bot = await startLocalBot({ env: { HOST: '0.0.0.0', PUBLIC_URL: 'https://pmo.example.test' } });
    try {
      const remote = (host: string): Promise<RawResponse> => rawRequest(`http://${lan}:${bot.port}`, { localAddress: lan, headers: { host } });
      expect((await remote(`localhost:${bot.port}`)).status).toBe(200);
      expect((await remote('pmo.example.test')).status).toBe(200);
      expectRefused(await remote(`rebind.attacker.example:${bot.port}`));
      // A wildcard HOST names no host: the LAN address needs PUBLIC_URL (or HOST set to it).
      expectRefused(await remote(`${lan}:${bot.port}`));
    } finally {
      await bot.close();
    }
  });

  it('takes the address HOST names as a Host', async () => {
    const bot = await startLocalBot({ env: { HOST: lan } });
    try {
      const res = await rawRequest(`http://${lan}:${bot.port}`, { localAddress: lan, headers: { host: `${lan}:${bot.port}` } });
      expect(res.status).toBe(200);
      expectRefused(await rawRequest(`http://${lan}:${bot.port}`, { localAddress: lan, headers: { host: `rebind.attacker.example:${bot.port}` } }));
    } finally {
      await bot.close();
    }
  });
});
