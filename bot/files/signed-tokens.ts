// Signed, expiring tokens `<version>.<payload>.<HMAC-SHA256>` (base64url): what the export download
// links and the heat map image links share. The signing key is derived from PMO_ENCRYPTION_KEY with
// HKDF for one purpose each, never the key itself.
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/** Without PMO_ENCRYPTION_KEY tokens are signed with this, made once per process: they work only on the instance that made them. */
const PROCESS_KEY = randomBytes(32);

export type TokenVerdict<T> = { status: 'ok'; value: T } | { status: 'expired' } | { status: 'invalid' };

export interface SignedTokenOptions {
  /** `v1`: the token's first part, part of what is signed. */
  version: string;
  /** The HKDF info, one per kind of link, so a token of one kind is never good for another. */
  purpose: string;
  /** The longest payload accepted, in base64url characters. */
  maxPayload: number;
  encryptionKey?: Buffer;
  clock: () => number;
}

export class SignedTokens {
  private readonly key: Buffer;
  private readonly pattern: RegExp;

  constructor(private readonly options: SignedTokenOptions) {
    this.key = Buffer.from(hkdfSync('sha256', options.encryptionKey ?? PROCESS_KEY, 'pmo-assistant', options.purpose, 32));
    this.pattern = new RegExp(`^${options.version}\\.([A-Za-z0-9_-]{1,${options.maxPayload}})\\.([A-Za-z0-9_-]{43})$`);
  }

  /** `body` and its expiry (`e`, milliseconds since the epoch), signed. */
  sign(body: Record<string, unknown>, expiresAt: number): string {
    const payload = Buffer.from(JSON.stringify({ ...body, e: expiresAt })).toString('base64url');
    return `${this.options.version}.${payload}.${this.mac(payload)}`;
  }

  /**
   * The token's value as `read` makes it from the signed body (undefined: not one of ours), or why
   * not: expired only once the signature and the body are known good, so nothing else is told apart.
   */
  verify<T>(token: string, read: (body: Record<string, unknown>) => T | undefined): TokenVerdict<T> {
    const match = this.pattern.exec(token);
    if (!match) return { status: 'invalid' };
    const [, payload, mac] = match;
    // The signature's text, not its decoded bytes: base64's spare bits would let a changed token through.
    const expected = Buffer.from(this.mac(payload), 'ascii');
    const given = Buffer.from(mac, 'ascii');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { status: 'invalid' };
    let body: unknown;
    try {
      body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return { status: 'invalid' };
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return { status: 'invalid' };
    const fields = body as Record<string, unknown>;
    const value = read(fields);
    if (value === undefined || typeof fields.e !== 'number') return { status: 'invalid' };
    if (fields.e <= this.options.clock()) return { status: 'expired' };
    return { status: 'ok', value };
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.key).update(`${this.options.version}.${payload}`).digest('base64url');
  }
}
