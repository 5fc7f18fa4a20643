import "server-only";
import { getDb, rawSqlDialect } from "./client";

/**
 * Counts one attempt under `key` (a keyed hash naming scope, bucket and window) and
 * returns the count so far in that window. Atomic across instances sharing the database:
 * one INSERT … ON CONFLICT DO UPDATE … RETURNING statement on both databases. (The model
 * API's upsert cost ~1.5 ms of CPU here, and every status check counts twice.)
 */
export async function countAttempt(key: string, expiresAt: Date): Promise<number> {
  const db = await getDb();
  const sql = rawSqlDialect();
  const table = sql.table("RateLimitCounter");
  const rows = await db.$queryRawUnsafe<{ count: number | bigint }[]>(
    `INSERT INTO ${table} ("key", "count", "expiresAt") VALUES (${sql.param(1)}, 1, ${sql.param(2)}) ` +
      `ON CONFLICT ("key") DO UPDATE SET "count" = ${table}."count" + 1 RETURNING "count"`,
    key,
    expiresAt,
  );
  return Number(rows[0]!.count);
}

/**
 * Takes back one attempt counted under `key` (never below zero): for an attempt that was
 * counted before it was checked and then turned out not to count, such as a login that
 * succeeded.
 */
export async function uncountAttempt(key: string): Promise<void> {
  const db = await getDb();
  const sql = rawSqlDialect();
  const table = sql.table("RateLimitCounter");
  await db.$executeRawUnsafe(`UPDATE ${table} SET "count" = "count" - 1 WHERE "key" = ${sql.param(1)} AND "count" > 0`, key);
}

/** Removes counters whose window has passed. */
export async function deleteExpiredCounters(now: Date): Promise<void> {
  const db = await getDb();
  await db.rateLimitCounter.deleteMany({ where: { expiresAt: { lte: now } } });
}

/** The count so far under `key`, without counting; 0 when there is none or it expired. */
export async function readAttempts(key: string, now: Date): Promise<number> {
  const db = await getDb();
  const row = await db.rateLimitCounter.findUnique({ where: { key }, select: { count: true, expiresAt: true } });
  return row && row.expiresAt > now ? row.count : 0;
}
