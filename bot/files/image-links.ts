// Signed, expiring links to the digest's heat map image under PUBLIC_URL: Slack's image block needs
// a public URL (never a data: URI). The link carries the 25 counts themselves, signed, so the image
// is drawn on request with nothing stored, and only an image this bot signed can be drawn.
import type { Express } from 'express';
import type { HeatCounts } from '../../core/job-views';
import { SignedTokens } from './signed-tokens';

/** A digest is read for days after Monday; Slack fetches (and caches) the image when it shows it. */
export const IMAGE_LINK_TTL_MS = 14 * 24 * 3_600_000;

export type ImageVerdict = { status: 'ok'; counts: HeatCounts } | { status: 'expired' } | { status: 'invalid' };

export interface ImageLinkOptions {
  /** PMO_ENCRYPTION_KEY; the signing key is derived from it (HKDF, its own purpose), never the key itself. */
  encryptionKey?: Buffer;
  /** PUBLIC_URL: without it there are no links (Slack then shows no heat map; Teams carries it in the card). */
  publicUrl?: string;
  ttlMs?: number;
  clock?: () => number;
}

const isCounts = (value: unknown): value is HeatCounts =>
  Array.isArray(value) && value.length === 25 && value.every((n) => Number.isInteger(n) && n >= 0 && n <= 1_000_000);

export class ImageLinks {
  private readonly tokens: SignedTokens;
  private readonly ttlMs: number;
  private readonly clock: () => number;

  constructor(private readonly options: ImageLinkOptions = {}) {
    this.ttlMs = Math.min(options.ttlMs ?? IMAGE_LINK_TTL_MS, IMAGE_LINK_TTL_MS);
    this.clock = options.clock ?? Date.now;
    this.tokens = new SignedTokens({ version: 'h1', purpose: 'heat map image links v1', maxPayload: 400, encryptionKey: options.encryptionKey, clock: this.clock });
  }

  token(counts: HeatCounts): string {
    return this.tokens.sign({ c: counts }, this.clock() + this.ttlMs);
  }

  /** `PUBLIC_URL/images/heat-map/<token>.png`, or undefined without PUBLIC_URL. */
  heatMapUrl(counts: HeatCounts): string | undefined {
    return this.options.publicUrl ? `${this.options.publicUrl}/images/heat-map/${this.token(counts)}.png` : undefined;
  }

  verify(token: string): ImageVerdict {
    const verdict = this.tokens.verify(token, (body) => (isCounts(body.c) ? body.c : undefined));
    return verdict.status === 'ok' ? { status: 'ok', counts: verdict.value } : verdict;
  }
}

/**
 * GET /images/heat-map/<token>.png: the heat map a signed link names, drawn now. A bad or tampered
 * token is a plain 404, an expired one a 410. The image holds counts only, so it may be cached.
 */
export function mountImages(app: Express, links: ImageLinks, draw: (counts: HeatCounts) => Buffer): void {
  app.get('/images/heat-map/:file', (req, res) => {
    const file = String(req.params.file ?? '');
    const verdict = file.endsWith('.png') ? links.verify(file.slice(0, -4)) : ({ status: 'invalid' } as const);
    const headers = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' };
    if (verdict.status !== 'ok') {
      res.status(verdict.status === 'expired' ? 410 : 404).set({ ...headers, 'cache-control': 'no-store' }).type('text/plain').send(verdict.status === 'expired' ? 'Gone\n' : 'Not found\n');
      return;
    }
    res.status(200).set({ ...headers, 'cache-control': 'public, max-age=86400, immutable' }).type('image/png').send(draw(verdict.counts));
  });
}
