/** Why a request's Bot Framework token was refused: logged, never sent back to the caller. */
export type RefusalReason =
  | 'missing_token'
  | 'malformed_authorization'
  | 'untrusted_issuer'
  | 'wrong_audience'
  | 'serviceurl_mismatch'
  | 'unknown_key'
  | 'bad_signature'
  | 'algorithm_not_allowed'
  | 'unsigned'
  | 'expired'
  | 'not_yet_valid'
  | 'channel_not_endorsed'
  | 'skill_token'
  | 'invalid_token';

/** A request whose token is missing or bad: the caller's fault, answered with a 401. */
export class TokenRefused extends Error {
  constructor(readonly reason: RefusalReason) {
    super(`Bot Framework token refused: ${reason}`);
    this.name = 'TokenRefused';
  }
}

const isJsonObject = (part: string): boolean => {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
};

/**
 * Whether the Authorization header is `Bearer <header>.<payload>.<signature>` with JSON objects in
 * header and payload; garbage never reaches the library, which answers some of it with a TypeError.
 */
export function malformedAuthorization(header: string): RefusalReason | undefined {
  if (!header.trim()) return 'missing_token';
  const jwt = /^Bearer ([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]*)$/.exec(header);
  if (!jwt || !isJsonObject(jwt[1]) || !isJsonObject(jwt[2])) return 'malformed_authorization';
  return undefined;
}

// botbuilder's AuthenticationError and jsonwebtoken's errors say what failed only in their text.
const REASONS: [RegExp, RefusalReason][] = [
  [/request is not authorized\.?$/i, 'missing_token'],
  [/skill/i, 'skill_token'],
  [/no valid identity|issuer claim/i, 'untrusted_issuer'],
  [/invalid appid|audience/i, 'wrong_audience'],
  [/serviceurl claim/i, 'serviceurl_mismatch'],
  [/signing key could not be retrieved/i, 'unknown_key'],
  [/endorsement/i, 'channel_not_endorsed'],
  [/expired/i, 'expired'],
  [/not active/i, 'not_yet_valid'],
  [/invalid signature/i, 'bad_signature'],
  [/invalid algorithm|not in allowed list/i, 'algorithm_not_allowed'],
  [/signature is required/i, 'unsigned'],
];

/**
 * The reason a token check failed, or undefined when the failure was on our side (the signing
 * keys could not be fetched): that is a 500, so the channel retries, not a 401.
 */
export function tokenRefusalOf(err: unknown): RefusalReason | undefined {
  const e = (err ?? {}) as { name?: unknown; message?: unknown; statusCode?: unknown; code?: unknown };
  if (typeof e.statusCode === 'number' && e.statusCode >= 500) return undefined;
  if (e.name === 'FetchError' || e.name === 'AbortError') return undefined;
  if (typeof e.code === 'string' && /^E[A-Z]+$/.test(e.code)) return undefined;
  const message = typeof e.message === 'string' ? e.message : '';
  return REASONS.find(([pattern]) => pattern.test(message))?.[1] ?? 'invalid_token';
}
