import crypto from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12; // 96 bits, GCM's native nonce size: fresh and random for every seal
const TAG_BYTES = 16;
const KEY_BYTES = 32;

export type SecretBoxErrorCode = 'malformed' | 'unknown_key' | 'not_authentic';

/** Why an envelope did not open. Its message never holds the plaintext or a key. */
export class SecretBoxError extends Error {
  constructor(readonly code: SecretBoxErrorCode, message: string, readonly keyId?: string) {
    super(message);
    this.name = 'SecretBoxError';
  }
}

export interface Opened {
  plaintext: string;
  /** The id of the key that opened it. */
  keyId: string;
  /** False when a previous key opened it: seal it again so the old key can be dropped. */
  current: boolean;
}

/** A short public name for a key (a hash of it, never the key), stored in each envelope so a read finds its key. */
export function keyIdOf(key: Buffer): string {
  return crypto.createHash('sha256').update('pmo-assistant key id\0').update(key).digest().subarray(0, 6).toString('hex');
}

const b64 = (bytes: Buffer): string => bytes.toString('base64url');

/**
 * AES-256-GCM envelopes, `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts). Each seal is bound
 * to a context string (additional authenticated data, e.g. the Slack team id) so an envelope copied
 * to another record does not open there; a changed byte anywhere fails the tag. Seals with the
 * current key, opens with the current or any previous key (rotation).
 */
export class SecretBox {
  readonly keyId: string;
  private readonly keys = new Map<string, Buffer>();

  constructor(current: Buffer, previous: readonly Buffer[] = []) {
    for (const key of [current, ...previous]) {
      if (key.length !== KEY_BYTES) throw new Error(`an encryption key must be ${KEY_BYTES} bytes (got ${key.length})`);
      const id = keyIdOf(key);
      if (!this.keys.has(id)) this.keys.set(id, Buffer.from(key));
    }
    this.keyId = keyIdOf(current);
  }

  /** True when the text is an envelope of this format (whether or not a key of ours opens it). */
  static isSealed(text: string): boolean {
    return text.startsWith(`${VERSION}.`);
  }

  /** The ids of the keys this box opens with, current first. */
  get keyIds(): string[] {
    return [...this.keys.keys()];
  }

  seal(plaintext: string, context: string): string {
    const iv = crypto.randomBytes(IV_BYTES);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.keys.get(this.keyId)!, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(aad(this.keyId, context));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, this.keyId, b64(iv), b64(cipher.getAuthTag()), b64(ciphertext)].join('.');
  }

  open(envelope: string, context: string): Opened {
    const parts = envelope.split('.');
    if (parts.length !== 5 || parts[0] !== VERSION) throw new SecretBoxError('malformed', `not a ${VERSION} envelope`);
    const [, keyId, ivText, tagText, ciphertextText] = parts;
    const key = this.keys.get(keyId);
    if (!key) throw new SecretBoxError('unknown_key', `sealed with key ${keyId}, which is not among the configured keys (${this.keyIds.join(', ')})`, keyId);
    const iv = Buffer.from(ivText, 'base64url');
    const tag = Buffer.from(tagText, 'base64url');
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SecretBoxError('malformed', 'the envelope’s nonce or tag has the wrong length', keyId);
    try {
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(aad(keyId, context));
      decipher.setAuthTag(tag);
      const plaintext = Buffer.concat([decipher.update(Buffer.from(ciphertextText, 'base64url')), decipher.final()]).toString('utf8');
      return { plaintext, keyId, current: keyId === this.keyId };
    } catch {
      throw new SecretBoxError('not_authentic', `does not authenticate with key ${keyId}: altered, or sealed for another record`, keyId);
    }
  }
}

/** The header and the caller's context are authenticated with the ciphertext. */
function aad(keyId: string, context: string): Buffer {
  return Buffer.from(`pmo-assistant:${VERSION}:${keyId}:${context}`, 'utf8');
}
