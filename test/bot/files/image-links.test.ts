// Signed, expiring heat map links and the route that draws them: only what this bot signed, only
// until it expires, never a data: URI on Slack.
import express from 'express';
import type { AddressInfo } from 'node:net';
import { heatMapPng, jobMessageCard, renderJobMessageForSlack } from '../../../cards/jobs';
import { nodes } from '../../cards/card-query';
import { ImageLinks, mountImages } from '../../../bot/files';
import type { JobMessage } from '../../../jobs/types';
import { explainedDigest } from '../../cards/jobs/fixtures';

const COUNTS = [[1, 0, 0, 0, 0], [0, 0, 0, 0, 0], [0, 0, 2, 0, 0], [0, 0, 0, 0, 0], [0, 0, 0, 0, 3]].flat();

describe('ImageLinks', () => {
  let now = 1_800_000_000_000;
  const links = new ImageLinks({ publicUrl: 'https://pmo.example.com', encryptionKey: Buffer.alloc(32, 7), ttlMs: 60_000, clock: () => now });

  it('signs the counts into a link under PUBLIC_URL that verifies until it expires', () => {
    const url = links.heatMapUrl(COUNTS)!;
    expect(url).toMatch(/^https:\/\/pmo\.example\.com\/images\/heat-map\/h1\.[\w-]+\.[\w-]{43}\.png$/);
    const token = url.split('/').pop()!.slice(0, -4);
    expect(links.verify(token)).toEqual({ status: 'ok', counts: COUNTS });
    now += 60_001;
    expect(links.verify(token)).toEqual({ status: 'expired' });
  });

  it('refuses a tampered token, another key’s, and malformed counts', () => {
    const token = links.token(COUNTS);
    const [v, payload, mac] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ c: [99, ...Array<number>(24).fill(0)], e: now + 1000 })).toString('base64url');
    expect(links.verify(`${v}.${forged}.${mac}`)).toEqual({ status: 'invalid' });
    expect(new ImageLinks({ encryptionKey: Buffer.alloc(32, 8), clock: () => now }).verify(token)).toEqual({ status: 'invalid' });
    expect(links.verify(`${v}.${payload}.${mac.slice(1)}A`)).toEqual({ status: 'invalid' });
  });

  it('makes no link without PUBLIC_URL', () => {
    expect(new ImageLinks({}).heatMapUrl(COUNTS)).toBeUndefined();
  });
});

describe('GET /images/heat-map/<token>.png', () => {
  const links = new ImageLinks({ publicUrl: 'http://placeholder', encryptionKey: Buffer.alloc(32, 9) });
  const app = express();
  mountImages(app, links, heatMapPng);
  let base = '';
  const server = app.listen(0, '127.0.0.1');
  beforeAll(() => new Promise<void>((resolve) => server.on('listening', () => { base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`; resolve(); })));
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('draws the signed counts as a PNG, cacheable', async () => {
    const res = await fetch(`${base}/images/heat-map/${links.token(COUNTS)}.png`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await res.arrayBuffer()).equals(heatMapPng(COUNTS))).toBe(true);
  });

  it('is a plain 404 for anything else, and 410 once expired', async () => {
    expect((await fetch(`${base}/images/heat-map/h1.abc.def.png`)).status).toBe(404);
    expect((await fetch(`${base}/images/heat-map/${links.token(COUNTS)}`)).status).toBe(404);
    const expired = new ImageLinks({ encryptionKey: Buffer.alloc(32, 9), clock: () => Date.now() - 15 * 24 * 3_600_000 });
    expect((await fetch(`${base}/images/heat-map/${expired.token(COUNTS)}.png`)).status).toBe(410);
  });
});

describe('the heat map in the Slack digest thread', () => {
  const thread = (): JobMessage => ({ kind: 'digest_thread', view: (explainedDigest() as Extract<JobMessage, { kind: 'digest' }>).view, threadOf: 'k' });

  it('is an image block by its signed URL, never a data: URI', () => {
    const links = new ImageLinks({ publicUrl: 'https://pmo.example.com' });
    const { blocks } = renderJobMessageForSlack(thread(), { heatMapUrl: (c) => links.heatMapUrl(c) });
    const images = blocks.filter((b) => b.type === 'image');
    expect(images).toHaveLength(1);
    expect(String(images[0].image_url)).toMatch(/^https:\/\/pmo\.example\.com\/images\/heat-map\//);
    expect(String(images[0].alt_text)).toMatch(/^Heat map of 3 open risks/);
    expect(JSON.stringify(blocks)).not.toContain('data:');
  });

  it('is left out without a public URL', () => {
    const { blocks } = renderJobMessageForSlack(thread());
    expect(blocks.some((b) => b.type === 'image')).toBe(false);
  });
});

describe('the heat map in the Teams digest card', () => {
  const images = (card: unknown): Record<string, unknown>[] => nodes(card).filter((n) => n.type === 'Image' && String(n.altText).startsWith('Heat map'));

  it('is an Image by the signed URL under PUBLIC_URL, and inline as a data URI without it', () => {
    const links = new ImageLinks({ publicUrl: 'https://pmo.example.com' });
    const linked = images(jobMessageCard(explainedDigest(), { heatMapUrl: (c) => links.heatMapUrl(c) }));
    expect(linked.map((n) => String(n.url).replace(/h1\..*$/, 'TOKEN'))).toEqual(['https://pmo.example.com/images/heat-map/TOKEN']);
    const inline = images(jobMessageCard(explainedDigest()));
    expect(inline).toHaveLength(1);
    expect(String(inline[0].url)).toMatch(/^data:image\/png;base64,/);
  });
});
