// How bulk reads (the job loaders, the pulses) ask: each query answered in one reply, and no long `$in` lists.

/**
 * The batch size of every loader query, so that each is ONE round trip however many documents
 * match. Without it FerretDB answers a find with 101 documents and then 250 per getMore (MongoDB
 * 101, then 16 MiB), so a run's round trips grew with the portfolio. MongoDB still caps one reply
 * at 16 MiB: past that a read takes another round trip rather than failing, which the projections
 * keep far away (a projected item is ~200 bytes, so 16 MiB is some 80,000 of them).
 */
export const ONE_BATCH = 100_000;

/**
 * The longest `$in` list a loader sends. FerretDB's SQLite backend evaluates filters in Go on
 * every document of the collection, comparing each with every value of an `$in`: with one value
 * per project that is projects × documents comparisons. Past this many values the loaders read
 * the workspace's documents and keep the wanted ones here instead (on MongoDB, too, an index scan
 * of the whole workspace is then cheaper than thousands of index seeks).
 */
export const IN_LIST_MAX = 200;

/** `{ field: { $in: values } }` for a short list; nothing (filter here, with `keep`) for a long one. */
export function inFilter(field: string, values: readonly string[]): Record<string, unknown> {
  return values.length <= IN_LIST_MAX ? { [field]: { $in: [...values] } } : {};
}

/** Documents per batch of a streamed read (exports): a reader holds one batch at a time. */
export const STREAM_BATCH = 250;

/**
 * A cursor's documents a batch at a time, each made into what the reader wants or dropped (null),
 * the cursor closed however the reader stops.
 */
export async function* inBatches<D, T>(
  cursor: AsyncIterable<D> & { close(): Promise<unknown> },
  take: (doc: D) => T | null,
): AsyncGenerator<T[]> {
  try {
    let batch: T[] = [];
    for await (const doc of cursor) {
      const taken = take(doc);
      if (taken === null) continue;
      batch.push(taken);
      if (batch.length >= STREAM_BATCH) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  } finally {
    await cursor.close();
  }
}
