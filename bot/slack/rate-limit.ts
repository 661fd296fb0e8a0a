// Slack's 429s: wait what Retry-After says, a bounded number of times, so a dead or throttling API never hangs a turn.

export interface RateLimitPolicy {
  /** Retries after a 429 (after the first attempt). */
  retries: number;
  /** A Retry-After longer than this fails at once instead of waiting. */
  maxWaitSeconds: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitPolicy = { retries: 2, maxWaitSeconds: 30 };

/** A call Slack refused with 429 and how long it asked us to wait. */
export class RateLimitedError extends Error {
  readonly code = 'slack_rate_limited';
  constructor(readonly retryAfterSeconds: number, readonly original?: unknown) {
    super(`Slack rate-limited the call; retry after ${retryAfterSeconds}s`);
    this.name = 'RateLimitedError';
  }
}

/** Seconds to wait, when `err` is a 429 from the Web API client or from a response_url post. */
export function retryAfterOf(err: unknown): number | undefined {
  if (err instanceof RateLimitedError) return err.retryAfterSeconds;
  const e = err as { code?: unknown; retryAfter?: unknown } | null;
  if (e && e.code === 'slack_webapi_rate_limited_error' && typeof e.retryAfter === 'number') return e.retryAfter;
  return undefined;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `call`, honouring up to `policy.retries` 429s whose Retry-After is at most `policy.maxWaitSeconds`. */
export async function withRateLimitRetry<T>(call: () => Promise<T>, policy: RateLimitPolicy = DEFAULT_RATE_LIMIT, wait = sleep): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      const seconds = retryAfterOf(err);
      if (seconds === undefined || attempt >= policy.retries || seconds > policy.maxWaitSeconds) throw err;
      await wait(Math.max(0, seconds) * 1000);
    }
  }
}
