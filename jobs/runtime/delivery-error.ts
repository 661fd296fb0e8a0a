// Why a delivery failed, and whether trying again can help.

/**
 * rate_limited: the platform said slow down (429); unavailable: 5xx or the network, worth
 * retrying; no_conversation: nowhere to post (nobody has talked to the bot there yet);
 * rejected: the platform refused the message for good (4xx, bot removed, channel gone).
 */
export type DeliveryErrorCode = 'rate_limited' | 'unavailable' | 'no_conversation' | 'rejected';

export class DeliveryError extends Error {
  readonly code: DeliveryErrorCode;
  /** How long the platform asked us to wait (Retry-After), when it said. */
  readonly retryAfterMs?: number;
  readonly status?: number;
  readonly original?: unknown;

  constructor(code: DeliveryErrorCode, message: string, options: { retryAfterMs?: number; status?: number; original?: unknown } = {}) {
    super(message);
    this.name = 'DeliveryError';
    this.code = code;
    this.retryAfterMs = options.retryAfterMs;
    this.status = options.status;
    this.original = options.original;
  }

  get retryable(): boolean {
    return this.code === 'rate_limited' || this.code === 'unavailable';
  }
}

const NETWORK_CODES = ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'UND_ERR_SOCKET'];

interface ErrorShape {
  message?: unknown;
  code?: unknown;
  statusCode?: unknown;
  status?: unknown;
  retryAfter?: unknown;
  data?: { error?: unknown };
  response?: { status?: unknown; headers?: unknown };
}

/** `Retry-After` as seconds or an HTTP date, in ms from `now`; undefined when absent or unreadable. */
export function parseRetryAfter(value: unknown, now: Date): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value * 1000;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

function headerOf(headers: unknown, name: string): unknown {
  if (headers === null || typeof headers !== 'object') return undefined;
  const h = headers as { get?: (n: string) => unknown } & Record<string, unknown>;
  return typeof h.get === 'function' ? h.get(name) : h[name];
}

/**
 * Any error a platform client threw → a DeliveryError. Understands Bot Framework RestErrors
 * (`statusCode`, `response.headers`), Slack Web API errors (`slack_webapi_rate_limited_error` with
 * `retryAfter` seconds, platform errors in `data.error`) and network errors.
 */
export function toDeliveryError(err: unknown, now: Date = new Date()): DeliveryError {
  if (err instanceof DeliveryError) return err;
  const e = (typeof err === 'object' && err !== null ? err : { message: String(err) }) as ErrorShape;
  const text = typeof e.message === 'string' ? e.message : String(err);
  if (e.code === 'slack_webapi_rate_limited_error') {
    return new DeliveryError('rate_limited', 'Slack asked us to slow down', { status: 429, retryAfterMs: parseRetryAfter(e.retryAfter, now), original: err });
  }
  if (e.code === 'slack_webapi_platform_error') {
    const slackError = String(e.data?.error ?? 'error');
    if (slackError === 'ratelimited') return new DeliveryError('rate_limited', 'Slack asked us to slow down', { status: 429, original: err });
    if (['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout'].includes(slackError)) {
      return new DeliveryError('unavailable', `Slack: ${slackError}`, { original: err });
    }
    return new DeliveryError('rejected', `Slack: ${slackError}`, { original: err });
  }
  const raw = e.statusCode ?? e.status ?? e.response?.status;
  const status = typeof raw === 'number' ? raw : Number(raw);
  if (Number.isInteger(status) && status >= 400) {
    const retryAfterMs = parseRetryAfter(headerOf(e.response?.headers, 'retry-after'), now);
    if (status === 429) return new DeliveryError('rate_limited', `the platform answered 429: ${text}`, { status, retryAfterMs, original: err });
    if (status >= 500 || status === 408) return new DeliveryError('unavailable', `the platform answered ${status}: ${text}`, { status, retryAfterMs, original: err });
    return new DeliveryError('rejected', `the platform refused it (${status}): ${text}`, { status, original: err });
  }
  if (typeof e.code === 'string' && NETWORK_CODES.includes(e.code)) {
    return new DeliveryError('unavailable', `network error ${e.code}: ${text}`, { original: err });
  }
  // Unknown: a bug or a client we do not understand; retrying a bounded number of times is safe.
  return new DeliveryError('unavailable', text, { original: err });
}
