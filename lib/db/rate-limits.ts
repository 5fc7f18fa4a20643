import "server-only";
import { getDb } from "./client";

/**
 * Counts one attempt under `key` (a keyed hash naming scope, bucket and window) and
 * returns the count so far in that window. Atomic across instances sharing the database.
 */
export async function countAttempt(key: string, expiresAt: Date): Promise<number> {
  const db = await getDb();
  const row = await db.rateLimitCounter.upsert({
    where: { key },
    create: { key, count: 1, expiresAt },
    update: { count: { increment: 1 } },
    select: { count: true },
  });
  return row.count;
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
