// The rate-limit counters against the database under test (SQLite; PostgreSQL too when
// TEST_DATABASE_URL is set). They are one raw INSERT … ON CONFLICT DO UPDATE … RETURNING
// statement, so what the model API did for them has to hold by hand: no lost update when
// many requests count at once (an attacker's burst must be counted in full), windows that
// expire by the same clock the model API's reads and deletes use, and keys that are data,
// never SQL.
import { describe, expect, it } from "vitest";
import { readRows } from "../support/database";
import { seededDataDirForSuite } from "../support/seeded-data-dir";

const folder = seededDataDirForSuite("tipline-rate-limits-");

const inAnHour = () => new Date(Date.now() + 3_600_000);

describe("countAttempt", () => {
  // On SQLite the adapter runs one statement at a time per process, so the burst proves the
  // most on PostgreSQL, where ten pooled connections race for the row.
  it("counts a burst of 200 concurrent attempts on one key exactly: 1 to 200, each once", async () => {
    const { countAttempt, readAttempts } = await import("@/lib/db/rate-limits");
    const expiresAt = inAnHour();
    const counts = await Promise.all(Array.from({ length: 200 }, () => countAttempt("burst", expiresAt)));
    expect([...counts].sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, index) => index + 1));
    expect(await readAttempts("burst", new Date())).toBe(200);
  });

  it("keeps keys apart, and returns a plain number", async () => {
    const { countAttempt } = await import("@/lib/db/rate-limits");
    const expiresAt = inAnHour();
    expect(await countAttempt("apart-a", expiresAt)).toBe(1);
    expect(await countAttempt("apart-b", expiresAt)).toBe(1);
    const again = await countAttempt("apart-a", expiresAt);
    expect(again).toBe(2);
    expect(typeof again).toBe("number");
  });

  it("writes windows the model API's reads and clean-up compare correctly", async () => {
    const { countAttempt, deleteExpiredCounters, readAttempts } = await import("@/lib/db/rate-limits");
    const now = new Date();
    await countAttempt("window-past", new Date(now.getTime() - 1_000));
    await countAttempt("window-future", new Date(now.getTime() + 60_000));
    await countAttempt("window-future", new Date(now.getTime() + 60_000));
    // A window that has passed counts nothing, though its row is still there.
    expect(await readAttempts("window-past", now)).toBe(0);
    expect(await readAttempts("window-future", now)).toBe(2);
    await deleteExpiredCounters(now);
    const keys = (await readRows<{ key: string }>(folder.path, `SELECT "key" FROM "RateLimitCounter" WHERE "key" LIKE 'window-%'`)).map((row) => row.key);
    expect(keys).toEqual(["window-future"]);
    expect(await readAttempts("window-future", now)).toBe(2);
  });

  it("takes a hostile key as data: it is counted under exactly that key, and no table changes", async () => {
    const { countAttempt } = await import("@/lib/db/rate-limits");
    const operatorsBefore = await readRows<{ n: number }>(folder.path, `SELECT COUNT(*) AS n FROM "Operator"`);
    expect(operatorsBefore).toEqual([{ n: 1 }]);
    for (const key of [`x'); DELETE FROM "Operator"; --`, `"; DROP TABLE "RateLimitCounter"; --`, "$1", "?"]) {
      expect(await countAttempt(key, inAnHour())).toBe(1);
      expect(await countAttempt(key, inAnHour())).toBe(2);
      expect(await readRows<{ key: string }>(folder.path, `SELECT "key" FROM "RateLimitCounter" WHERE "key" = ?`, [key])).toEqual([{ key }]);
    }
    expect(await readRows<{ n: number }>(folder.path, `SELECT COUNT(*) AS n FROM "Operator"`)).toEqual(operatorsBefore);
  });
});
