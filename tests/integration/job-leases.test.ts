// The job lease on the database under test (SQLite; PostgreSQL too when TEST_DATABASE_URL
// is set), from a skeptic's side: while a lease runs nobody else takes it (its own holder
// neither: a lease is never extended), once it has expired exactly one of many callers
// racing for it does, and a first lease is created once. Two app instances racing for it
// on PostgreSQL are held in two-instances.test.ts.
import { afterAll, describe, expect, it } from "vitest";
import { readRows } from "../support/database";
import { seededDataDirForSuite } from "../support/seeded-data-dir";

const MINUTE = 60 * 1000;
const T0 = new Date("2026-12-07T06:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * MINUTE);
const folder = seededDataDirForSuite("tipline-lease-");

afterAll(async () => {
  const { getDb } = await import("@/lib/db/client");
  await (await getDb()).$disconnect();
});

/** The lease rows as a seized database shows them. */
function leaseRows(): Promise<{ name: string; holder: string }[]> {
  return readRows(folder.path, `SELECT "name", "holder" FROM "JobLease" ORDER BY "name"`);
}

describe("a job lease", () => {
  it("goes to exactly one of many callers racing for a first lease, and to nobody while it runs", async () => {
    const { acquireJobLease } = await import("@/lib/db/job-leases");
    const race = await Promise.all(Array.from({ length: 12 }, (_, i) => acquireJobLease({ name: "first", holder: `h${i}`, now: at(0), expiresAt: at(60) })));
    expect(race.filter(Boolean)).toHaveLength(1);
    const winner = `h${race.indexOf(true)}`;
    expect(await leaseRows()).toEqual([{ name: "first", holder: winner }]);
    // Held: not by another, not by the winner again, not a second before it expires.
    expect(await acquireJobLease({ name: "first", holder: "late", now: at(30), expiresAt: at(90) })).toBe(false);
    expect(await acquireJobLease({ name: "first", holder: winner, now: at(30), expiresAt: at(90) })).toBe(false);
    expect(await acquireJobLease({ name: "first", holder: "late", now: new Date(at(60).getTime() - 1), expiresAt: at(120) })).toBe(false);
    expect(await leaseRows()).toEqual([{ name: "first", holder: winner }]);
  });

  it("goes to exactly one of many callers once it has expired, for its new period", async () => {
    const { acquireJobLease } = await import("@/lib/db/job-leases");
    const race = await Promise.all(Array.from({ length: 12 }, (_, i) => acquireJobLease({ name: "first", holder: `n${i}`, now: at(60), expiresAt: at(120) })));
    expect(race.filter(Boolean)).toHaveLength(1);
    expect(await leaseRows()).toEqual([{ name: "first", holder: `n${race.indexOf(true)}` }]);
    expect(await acquireJobLease({ name: "first", holder: "late", now: at(119), expiresAt: at(180) })).toBe(false);
    // Leases of other jobs are their own.
    expect(await acquireJobLease({ name: "second", holder: "late", now: at(119), expiresAt: at(180) })).toBe(true);
  });
});
