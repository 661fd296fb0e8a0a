// A seeded PRNG (mulberry32) for the randomized wire test: the same seed gives the same plan.

export class Prng {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** A whole number in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from nothing');
    return items[Math.floor(this.next() * items.length)];
  }

  /** One of `choices` by weight: `[[3, 'a'], [1, 'b']]`. */
  weighted<T>(choices: readonly (readonly [number, T])[]): T {
    const total = choices.reduce((sum, [w]) => sum + w, 0);
    let at = this.next() * total;
    for (const [w, value] of choices) {
      at -= w;
      if (at < 0) return value;
    }
    return choices[choices.length - 1][1];
  }
}

/** The seed from ADVERSARIAL_SEED (decimal or 0x hex), else a fresh one. */
export function seedFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const given = env.ADVERSARIAL_SEED?.trim();
  if (given) {
    const n = Number(given);
    if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new Error(`ADVERSARIAL_SEED must be a whole number 0..2^32-1, not ${given}`);
    return n;
  }
  return Math.floor(Math.random() * 0xffffffff);
}

/** How many steps: ADVERSARIAL_N, else `fallback`. */
export function countFromEnv(fallback: number, env: NodeJS.ProcessEnv = process.env): number {
  const given = env.ADVERSARIAL_N?.trim();
  if (!given) return fallback;
  const n = Number(given);
  if (!Number.isInteger(n) || n < 1) throw new Error(`ADVERSARIAL_N must be a positive whole number, not ${given}`);
  return n;
}
