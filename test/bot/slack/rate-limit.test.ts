import { RateLimitedError, retryAfterOf, withRateLimitRetry } from '../../../bot/slack/rate-limit';
import { futureTimestampGuard } from '../../../bot/slack/request-guard';

const limited = (seconds: number) => Object.assign(new Error('rate limited'), { code: 'slack_webapi_rate_limited_error', retryAfter: seconds });

describe('withRateLimitRetry', () => {
  it('waits what Retry-After says, then returns the call’s result', async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await withRateLimitRetry(async () => {
      calls += 1;
      if (calls < 3) throw limited(2);
      return 'ok';
    }, { retries: 2, maxWaitSeconds: 30 }, async (ms) => void waits.push(ms));
    expect(result).toBe('ok');
    expect(waits).toEqual([2000, 2000]);
  });

  it('gives up after its retries, and at once on a wait longer than allowed or any other error', async () => {
    const noWait = async () => undefined;
    await expect(withRateLimitRetry(async () => Promise.reject(limited(1)), { retries: 2, maxWaitSeconds: 30 }, noWait)).rejects.toMatchObject({ retryAfter: 1 });
    let calls = 0;
    await expect(withRateLimitRetry(async () => {
      calls += 1;
      throw limited(120);
    }, { retries: 2, maxWaitSeconds: 30 }, noWait)).rejects.toThrow();
    expect(calls).toBe(1);
    await expect(withRateLimitRetry(async () => Promise.reject(new Error('boom')), undefined, noWait)).rejects.toThrow('boom');
  });

  it('reads Retry-After from the Web API client and from response_url posts', () => {
    expect(retryAfterOf(limited(7))).toBe(7);
    expect(retryAfterOf(new RateLimitedError(3))).toBe(3);
    expect(retryAfterOf(new Error('other'))).toBeUndefined();
  });
});

describe('futureTimestampGuard', () => {
  const run = (header: string | undefined, nowMs: number): number | 'next' => {
    let status: number | 'next' = 'next';
    const res = { set: () => res, status: (code: number) => ({ json: () => void (status = code) }) };
    const req = { headers: header === undefined ? {} : { 'x-slack-request-timestamp': header } };
    futureTimestampGuard(() => nowMs)(req as never, res as never, () => undefined);
    return status;
  };
  const now = 1_800_000_000_000;

  it('refuses a timestamp more than five minutes ahead with 401, passing everything else on to bolt', () => {
    expect(run(String(now / 1000 + 301), now)).toBe(401);
    expect(run(String(now / 1000 + 300), now)).toBe('next');
    expect(run(String(now / 1000 - 3600), now)).toBe('next'); // stale: bolt's check
    expect(run(undefined, now)).toBe('next'); // missing: bolt's 401
  });
});
