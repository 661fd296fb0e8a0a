import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { readExportSpec, type ExportSpec } from '../../core/runner/export-spec';

/** Links live at most this long (issue 11: ≤ 15 minutes). */
export const LINK_TTL_MS = 15 * 60_000;
/** Without PMO_ENCRYPTION_KEY links are signed with this, made once per process: they work only on the instance that made them. */
const PROCESS_KEY = randomBytes(32);
const VERSION = 'v1';
const TOKEN = /^v1\.([A-Za-z0-9_-]{1,2000})\.([A-Za-z0-9_-]{43})$/;

export type LinkVerdict = { status: 'ok'; spec: ExportSpec } | { status: 'expired' } | { status: 'invalid' };

export interface ExportLinkOptions {
  /** PMO_ENCRYPTION_KEY; the signing key is derived from it (HKDF), never the key itself. */
  encryptionKey?: Buffer;
  /** PUBLIC_URL: links are absolute only when it is set. */
  publicUrl?: string;
  /** Shorter lifetimes for tests; never longer than LINK_TTL_MS. */
  ttlMs?: number;
  /** The real clock: link lifetimes are security, not business time. */
  clock?: () => number;
}

/**
 * Short-lived signed download links for exports: `v1.<payload>.<HMAC-SHA256>`, the payload being
 * the export (its workspace and asker included), a random nonce and the expiry. The holder of a
 * link gets what the asker may export when it is opened (checked again then), in that workspace.
 */
export class ExportLinks {
  private readonly key: Buffer;
  private readonly ttlMs: number;
  private readonly clock: () => number;

  constructor(private readonly options: ExportLinkOptions = {}) {
    this.key = Buffer.from(hkdfSync('sha256', options.encryptionKey ?? PROCESS_KEY, 'pmo-assistant', 'export download links v1', 32));
    this.ttlMs = Math.min(options.ttlMs ?? LINK_TTL_MS, LINK_TTL_MS);
    this.clock = options.clock ?? Date.now;
  }

  /** Minutes a new link stays valid, for the message that carries it. */
  get minutes(): number {
    return Math.round(this.ttlMs / 60_000);
  }

  token(spec: ExportSpec): string {
    const payload = Buffer.from(JSON.stringify({ s: spec, n: randomBytes(16).toString('base64url'), e: this.clock() + this.ttlMs })).toString('base64url');
    return `${VERSION}.${payload}.${this.mac(payload)}`;
  }

  /** `/files/<token>`: relative, for a page served by this bot (the local chat). */
  path(spec: ExportSpec): string {
    return `/files/${this.token(spec)}`;
  }

  /** The absolute link under PUBLIC_URL, or undefined when it is not set. */
  url(spec: ExportSpec): string | undefined {
    return this.options.publicUrl ? `${this.options.publicUrl}${this.path(spec)}` : undefined;
  }

  /** A token's export, or why not: expired only once the signature is known good, so nothing else is told apart. */
  verify(token: string): LinkVerdict {
    const match = TOKEN.exec(token);
    if (!match) return { status: 'invalid' };
    const [, payload, mac] = match;
    // The signature's text, not its decoded bytes: base64's spare bits would let a changed token through.
    const expected = Buffer.from(this.mac(payload), 'ascii');
    const given = Buffer.from(mac, 'ascii');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { status: 'invalid' };
    let body: { s?: unknown; n?: unknown; e?: unknown };
    try {
      body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof body;
    } catch {
      return { status: 'invalid' };
    }
    const spec = readExportSpec(body?.s);
    if (!spec || typeof body.n !== 'string' || typeof body.e !== 'number') return { status: 'invalid' };
    if (body.e <= this.clock()) return { status: 'expired' };
    return { status: 'ok', spec };
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.key).update(`${VERSION}.${payload}`).digest('base64url');
  }
}
