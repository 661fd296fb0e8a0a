import { randomBytes } from 'node:crypto';
import { readExportSpec, type ExportSpec } from '../../core/runner/export-spec';
import { SignedTokens } from './signed-tokens';

/** Links live at most this long (issue 11: ≤ 15 minutes). */
export const LINK_TTL_MS = 15 * 60_000;

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
  private readonly tokens: SignedTokens;
  private readonly ttlMs: number;
  private readonly clock: () => number;

  constructor(private readonly options: ExportLinkOptions = {}) {
    this.ttlMs = Math.min(options.ttlMs ?? LINK_TTL_MS, LINK_TTL_MS);
    this.clock = options.clock ?? Date.now;
    this.tokens = new SignedTokens({ version: 'v1', purpose: 'export download links v1', maxPayload: 2000, encryptionKey: options.encryptionKey, clock: this.clock });
  }

  /** Minutes a new link stays valid, for the message that carries it. */
  get minutes(): number {
    return Math.round(this.ttlMs / 60_000);
  }

  token(spec: ExportSpec): string {
    return this.tokens.sign({ s: spec, n: randomBytes(16).toString('base64url') }, this.clock() + this.ttlMs);
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
    const verdict = this.tokens.verify(token, (body) => (typeof body.n === 'string' ? (readExportSpec(body.s) ?? undefined) : undefined));
    return verdict.status === 'ok' ? { status: 'ok', spec: verdict.value } : verdict;
  }
}
