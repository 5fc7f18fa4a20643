// The group commit under tests/integration/sealed-store.test.ts's real inserts, here with
// a fake store whose commits the test controls: when a caller's promise settles, what
// shares a statement, and what one bad item may do to the others (nothing).
import { describe, expect, it } from "vitest";
import { createGroupCommit } from "@/lib/db/group-commit";

type TItem = { id: number; bad?: boolean };

/** A fake store: each batch waits until the test commits it, then stores its items. */
function fakeStore(options: { maxBatch?: number; failBatches?: boolean } = {}) {
  const batches: number[][] = [];
  const singles: number[] = [];
  const stored: number[] = [];
  const commits: (() => void)[] = [];
  const groupCommit = createGroupCommit<TItem, string>({
    maxBatch: options.maxBatch ?? 100,
    writeBatch: async (items) => {
      batches.push(items.map((item) => item.id));
      await new Promise<void>((resolve) => commits.push(resolve));
      if (options.failBatches || items.some((item) => item.bad)) throw new Error("the statement failed");
      stored.push(...items.map((item) => item.id));
      return items.map((item) => `stored ${item.id}`);
    },
    writeOne: async (item) => {
      singles.push(item.id);
      if (item.bad) throw new Error(`item ${item.id} is bad`);
      stored.push(item.id);
      return `stored ${item.id} alone`;
    },
  });
  const commitNext = async () => {
    for (let tries = 0; commits.length === 0 && tries < 100; tries += 1) await new Promise((resolve) => setImmediate(resolve));
    commits.shift()?.();
  };
  return { groupCommit, batches, singles, stored, commitNext, pendingCommits: () => commits.length };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("group commit", () => {
  it("writes what arrives in one turn as one batch, and resolves nobody before that batch commits", async () => {
    const store = fakeStore();
    let settled = 0;
    const results = [1, 2, 3].map((id) => store.groupCommit.add({ id }).finally(() => (settled += 1)));
    await tick();
    await tick();
    expect(store.batches).toEqual([[1, 2, 3]]);
    expect(settled).toBe(0); // written, not committed: no caller may hear "stored" yet
    await store.commitNext();
    expect(await Promise.all(results)).toEqual(["stored 1", "stored 2", "stored 3"]);
  });

  it("gathers what arrives while a batch is in flight into the next batch, which starts when the first settles", async () => {
    const store = fakeStore();
    const first = store.groupCommit.add({ id: 1 });
    await tick();
    expect(store.batches).toEqual([[1]]);
    const later = [2, 3, 4].map((id) => store.groupCommit.add({ id }));
    await tick();
    expect(store.batches).toEqual([[1]]); // the second batch waits for the first commit
    await store.commitNext();
    expect(await first).toBe("stored 1");
    await store.commitNext();
    expect(store.batches).toEqual([[1], [2, 3, 4]]);
    expect(await Promise.all(later)).toEqual(["stored 2", "stored 3", "stored 4"]);
  });

  it("never puts more than maxBatch items in one statement", async () => {
    const store = fakeStore({ maxBatch: 2 });
    const results = [1, 2, 3, 4, 5].map((id) => store.groupCommit.add({ id }));
    for (let index = 0; index < 3; index += 1) await store.commitNext();
    await Promise.all(results);
    expect(store.batches).toEqual([[1, 2], [3, 4], [5]]);
  });

  it("when a batch fails, tries each item on its own: the bad one fails alone, the others are stored", async () => {
    const store = fakeStore();
    const results = [{ id: 1 }, { id: 2, bad: true }, { id: 3 }].map((item) => store.groupCommit.add(item));
    await store.commitNext();
    const settled = await Promise.allSettled(results);
    expect(settled.map((result) => result.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((settled[1] as PromiseRejectedResult).reason).toEqual(new Error("item 2 is bad"));
    expect(store.singles.sort()).toEqual([1, 2, 3]);
    expect(store.stored.sort()).toEqual([1, 3]);
  });

  it("rejects every caller whose item could not be stored even alone (the database is down), and goes on afterwards", async () => {
    const down = createGroupCommit<TItem, string>({
      maxBatch: 10,
      writeBatch: async () => {
        throw new Error("connection refused");
      },
      writeOne: async () => {
        throw new Error("connection refused");
      },
    });
    const settled = await Promise.allSettled([1, 2].map((id) => down.add({ id })));
    expect(settled.every((result) => result.status === "rejected")).toBe(true);
    // A later write is not stuck behind the failed ones.
    const store = fakeStore({ failBatches: true });
    const again = store.groupCommit.add({ id: 9 });
    await store.commitNext();
    expect(await again).toBe("stored 9 alone");
  });

  it("falls back to one by one when a batch answers for the wrong number of items", async () => {
    const singles: number[] = [];
    const wrong = createGroupCommit<TItem, string>({
      maxBatch: 10,
      writeBatch: async (items) => items.slice(1).map(() => "stored"),
      writeOne: async (item) => {
        singles.push(item.id);
        return `alone ${item.id}`;
      },
    });
    expect(await Promise.all([1, 2].map((id) => wrong.add({ id })))).toEqual(["alone 1", "alone 2"]);
    expect(singles).toEqual([1, 2]);
  });
});
