import "server-only";
import { getDb } from "./client";

const UNIQUE_VIOLATION = "P2002";

/**
 * Takes the lease `name` for `holder` until `expiresAt`, when nobody holds it: there is no
 * lease of that name yet, or the last one expired at or before `now`. Resolves true when
 * this call took it, false while another lease runs (also one held by the same `holder`:
 * a lease is taken for one period, never extended). Rejects with the database's error.
 *
 * Atomic across instances sharing the database, on SQLite and PostgreSQL alike, without a
 * transaction: the takeover is one UPDATE whose WHERE checks the expiry, and the first
 * lease of a name is one INSERT that the primary key lets only one writer make.
 * - Two instances taking over an expired lease: PostgreSQL makes the second UPDATE wait
 *   for the first's row lock and then re-checks the WHERE against the row the first wrote,
 *   which no longer matches; SQLite runs the two one after the other (write lock).
 * - Two instances taking the first lease: both UPDATEs find nothing, both INSERT, one
 *   fails on the primary key (P2002) and that instance has not got it.
 * - An UPDATE that finds nothing because the row is not expired, followed by an INSERT
 *   that collides: not taken, as it should be. Whatever the interleaving, only a write
 *   that changed the row (or created it) reports true.
 */
export async function acquireJobLease(input: { name: string; holder: string; now: Date; expiresAt: Date }): Promise<boolean> {
  const db = await getDb();
  const { name, holder, now, expiresAt } = input;
  const taken = await db.jobLease.updateMany({ where: { name, expiresAt: { lte: now } }, data: { holder, expiresAt } });
  if (taken.count === 1) return true;
  try {
    await db.jobLease.create({ data: { name, holder, expiresAt }, select: { name: true } });
    return true;
  } catch (error) {
    if ((error as { code?: unknown }).code === UNIQUE_VIOLATION) return false;
    throw error;
  }
}
