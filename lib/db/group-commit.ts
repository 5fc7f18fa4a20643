import "server-only";

type TPending<TItem, TResult> = { item: TItem; resolve: (result: TResult) => void; reject: (error: unknown) => void };

/**
 * Group commit: writes that arrive while the database is busy share one statement and
 * one commit (one fsync) instead of queueing for one each.
 *
 * `add(item)` resolves with the item's own result only after the statement that carried
 * it has committed, and rejects when it did not: the caller's promise means exactly what
 * a single write's would. A write arriving while nothing is in flight waits for the end
 * of the current turn of the event loop only (setImmediate), so that the requests Node
 * read in the same turn join it; a write arriving while a batch is in flight joins the
 * next one, which starts as soon as the first has settled. When a batch fails, each of
 * its items is tried again on its own (`writeOne`), so that one bad item cannot take the
 * others down with it and each caller gets its own error.
 */
export function createGroupCommit<TItem, TResult>(options: {
  /** Writes every item in one atomic statement; returns one result per item, in order. */
  writeBatch: (items: TItem[]) => Promise<TResult[]>;
  /** Writes one item (the fallback after a failed batch). */
  writeOne: (item: TItem) => Promise<TResult>;
  /** The most items one statement carries. */
  maxBatch: number;
}) {
  const queue: TPending<TItem, TResult>[] = [];
  let scheduled = false;
  let inFlight = false;
  const counts = { statements: 0, items: 0, fallbacks: 0 };

  async function settleOneByOne(batch: TPending<TItem, TResult>[]) {
    await Promise.all(
      batch.map(async (entry) => {
        try {
          entry.resolve(await options.writeOne(entry.item));
        } catch (error) {
          entry.reject(error);
        }
      }),
    );
  }

  async function flush() {
    scheduled = false;
    inFlight = true;
    try {
      while (queue.length > 0) {
        const batch = queue.splice(0, options.maxBatch);
        let results: TResult[];
        counts.statements += 1;
        counts.items += batch.length;
        try {
          results = await options.writeBatch(batch.map((entry) => entry.item));
          if (results.length !== batch.length) throw new Error(`group commit: ${results.length} results for ${batch.length} items`);
        } catch {
          counts.fallbacks += 1;
          await settleOneByOne(batch);
          continue;
        }
        batch.forEach((entry, index) => entry.resolve(results[index]!));
      }
    } finally {
      inFlight = false;
    }
  }

  return {
    /** How many batch statements ran, with how many items, and how many failed into the fallback. */
    counts: () => ({ ...counts }),
    add(item: TItem): Promise<TResult> {
      return new Promise<TResult>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        if (inFlight || scheduled) return;
        scheduled = true;
        setImmediate(() => void flush());
      });
    },
  };
}
