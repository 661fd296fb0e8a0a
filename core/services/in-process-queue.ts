/**
 * Work run one at a time per key within this process (a promise chain per key, dropped when it
 * drains). What it guards still needs a database-side check between instances.
 */
export class InProcessQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const run = previous.then(work, work);
    const tail = run.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return run;
  }

  /** Resolves once the work queued for `key` so far has settled (at once when there is none). */
  async whenIdle(key: string): Promise<void> {
    await this.tails.get(key);
  }
}
