import crypto from 'node:crypto';
import { keyIdOf, SecretBox, SecretBoxError } from '../../../bot/security/secret-box';

const KEY = crypto.randomBytes(32);
const OLD = crypto.randomBytes(32);
const SECRET = '{"bot":{"token":"xoxb-1-2-abc"},"incomingWebhook":{"url":"https://hooks.slack.com/services/T/B/x"}}';

function failure(fn: () => unknown): SecretBoxError {
  try {
    fn();
  } catch (err) {
    if (err instanceof SecretBoxError) return err;
    throw err;
  }
  throw new Error('it opened');
}

/** The envelope with one base64url part changed by a single bit. */
function flip(envelope: string, part: number): string {
  const parts = envelope.split('.');
  const bytes = Buffer.from(parts[part], 'base64url');
  bytes[bytes.length - 1] ^= 1;
  parts[part] = bytes.toString('base64url');
  return parts.join('.');
}

describe('SecretBox', () => {
  const box = new SecretBox(KEY);

  it('round-trips through a versioned envelope that names its key by a hash, never the key', () => {
    const sealed = box.seal(SECRET, 'team:T1');
    expect(sealed).toMatch(new RegExp(`^v1\\.${keyIdOf(KEY)}\\.[\\w-]{16}\\.[\\w-]{22}\\.[\\w-]+$`));
    expect(sealed).not.toContain('xoxb');
    for (const form of [KEY.toString('base64'), KEY.toString('base64url'), KEY.toString('hex')]) expect(sealed).not.toContain(form.slice(0, 12));
    expect(box.open(sealed, 'team:T1')).toEqual({ plaintext: SECRET, keyId: keyIdOf(KEY), current: true });
  });

  it('uses a fresh random nonce for every seal', () => {
    const nonces = new Set(Array.from({ length: 50 }, () => box.seal(SECRET, 'team:T1').split('.')[2]));
    expect(nonces.size).toBe(50);
  });

  it.each([
    ['the nonce', 2],
    ['the tag', 3],
    ['the ciphertext', 4],
  ])('detects a changed bit in %s', (_what, part) => {
    expect(failure(() => box.open(flip(box.seal(SECRET, 'team:T1'), part), 'team:T1')).code).toBe('not_authentic');
  });

  it('does not open for another context (an envelope copied to another team’s record)', () => {
    const err = failure(() => box.open(box.seal(SECRET, 'team:T1'), 'team:T2'));
    expect(err.code).toBe('not_authentic');
    expect(err.message).not.toContain('xoxb');
  });

  it('refuses an envelope whose key id was swapped for another configured key’s', () => {
    const both = new SecretBox(KEY, [OLD]);
    const swapped = both.seal(SECRET, 'team:T1').replace(keyIdOf(KEY), keyIdOf(OLD));
    expect(failure(() => both.open(swapped, 'team:T1')).code).toBe('not_authentic');
  });

  it('names the missing key when no configured key matches, and what it has', () => {
    const err = failure(() => new SecretBox(crypto.randomBytes(32)).open(box.seal(SECRET, 'team:T1'), 'team:T1'));
    expect(err).toMatchObject({ code: 'unknown_key', keyId: keyIdOf(KEY) });
    expect(err.message).toContain(keyIdOf(KEY));
  });

  it('refuses what is not an envelope', () => {
    for (const text of ['{"bot":{}}', 'v1.abc', 'v2.a.b.c.d', `v1.${keyIdOf(KEY)}.AAAA.AAAA.AAAA`]) {
      expect(failure(() => box.open(text, 'team:T1')).code).toBe('malformed');
    }
    expect(SecretBox.isSealed('{"bot":{}}')).toBe(false);
    expect(SecretBox.isSealed(box.seal('x', 'c'))).toBe(true);
  });

  it('opens with a previous key and says so, and seals only with the current key', () => {
    const sealedOld = new SecretBox(OLD).seal(SECRET, 'team:T1');
    const rotated = new SecretBox(KEY, [OLD]);
    expect(rotated.open(sealedOld, 'team:T1')).toEqual({ plaintext: SECRET, keyId: keyIdOf(OLD), current: false });
    expect(rotated.seal(SECRET, 'team:T1').split('.')[1]).toBe(keyIdOf(KEY));
    expect(rotated.keyIds).toEqual([keyIdOf(KEY), keyIdOf(OLD)]);
  });

  it('takes only 32-byte keys', () => {
    expect(() => new SecretBox(crypto.randomBytes(16))).toThrow(/32 bytes/);
  });
});
