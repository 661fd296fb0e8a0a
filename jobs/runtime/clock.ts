// Time for the job runtime, injected so that tests pin it and never really wait.

export interface Clock {
  now(): Date;
  /** Waits `ms` (rate limits, Retry-After); a test clock just moves its time on. */
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};
