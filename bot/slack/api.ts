import { WebClient, type WebAPICallResult, type WebClientOptions } from '@slack/web-api';
import type { Logger } from 'pino';
import { slackLogger } from './logger';
import { DEFAULT_RATE_LIMIT, RateLimitedError, withRateLimitRetry, type RateLimitPolicy } from './rate-limit';

export interface SlackApiOptions {
  /** SLACK_API_URL: the Web API base (tests point it at a stub); Slack's own when unset. */
  apiUrl?: string;
  logger: Logger;
  rateLimit?: RateLimitPolicy;
  /** One HTTP request's time box. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * Web API client options: network errors and 5xx retried twice within 8 s; 429s are rejected to
 * us (the client alone would wait any Retry-After, however long) and retried by withRateLimitRetry.
 */
export function webClientOptions(options: SlackApiOptions): WebClientOptions {
  return {
    slackApiUrl: options.apiUrl ? `${options.apiUrl.replace(/\/+$/, '')}/` : undefined,
    logger: slackLogger(options.logger.child({ lib: 'slack-web-api' })),
    retryConfig: { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 2_000, maxRetryTime: 8_000 },
    rejectRateLimitedCalls: true,
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  };
}

export type SlackArgs = Record<string, unknown>;

/** The Web API for one bot token, every call through the bounded 429 policy. */
export class SlackApi {
  readonly client: WebClient;

  constructor(token: string | undefined, private readonly options: SlackApiOptions) {
    this.client = new WebClient(token, webClientOptions(options));
  }

  call<T extends WebAPICallResult = WebAPICallResult>(method: string, args: SlackArgs = {}): Promise<T> {
    return withRateLimitRetry(() => this.client.apiCall(method, args) as Promise<T>, this.options.rateLimit ?? DEFAULT_RATE_LIMIT);
  }

  /** Posts to a slash command's or a button's response_url (valid 30 minutes, five times). */
  async respond(responseUrl: string, body: SlackArgs): Promise<void> {
    await withRateLimitRetry(async () => {
      const res = await fetch(responseUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      });
      if (res.status === 429) throw new RateLimitedError(Number(res.headers.get('retry-after') ?? '1') || 1);
      if (!res.ok) throw new Error(`response_url answered ${res.status}`);
    }, this.options.rateLimit ?? DEFAULT_RATE_LIMIT);
  }
}
