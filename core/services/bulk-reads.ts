// How streamed reads (exports) ask: a batch at a time, the cursor closed however the reader stops.

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
