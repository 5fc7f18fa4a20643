import "server-only";
import { getEnv } from "@/lib/env";
import { getDb } from "./client";
import { resolveDatabase } from "./resolve-database";

export type TRetentionCounts = {
  /** Closed tips past the retention period. */
  tips: number;
  /** Their messages (both sealed copies of each). */
  messages: number;
  /** Their internal notes, closing reasons included. */
  notes: number;
  /** Their police packages in the outbox. */
  policePackages: number;
  /** Housekeeping: rate-limit counters whose window has passed. */
  rateLimitCounters: number;
  /** Housekeeping: one-time tokens (setup links) past their expiry. */
  oneTimeTokens: number;
  /** Housekeeping: operator sessions past their expiry. */
  operatorSessions: number;
};

// Tips go in batches so that the list of ids bound into one statement stays far below
// the database's parameter limit, however many tips expire at once.
const TIP_BATCH = 500;

/**
 * Deletes, in one transaction, every closed tip whose closing day (`statusChangedOn`,
 * YYYY-MM-DD UTC; for a closed tip without one, the day it was received) is strictly
 * before `closedBefore`, together with its messages and notes; and, as housekeeping,
 * rate-limit counters, one-time tokens and operator sessions that expired at or before
 * `now`. Resolves with how many rows of each kind this call deleted (counts only).
 *
 * Police packages go with their tip, by the same ids and in the same transaction, so that
 * a tip never outlives its package or the other way round.
 *
 * Idempotent: a second run, or a run by another instance at the same time, deletes what
 * is left, usually nothing. Rejects with the database's error when anything fails; the
 * transaction is then rolled back and nothing is deleted.
 */
export async function deleteExpiredRecords(input: { closedBefore: string; now: Date }): Promise<TRetentionCounts> {
  const db = await getDb();
  const expired = {
    status: "closed",
    OR: [{ statusChangedOn: { lt: input.closedBefore } }, { statusChangedOn: null, receivedOn: { lt: input.closedBefore } }],
  };
  return db.$transaction(
    async (tx) => {
      // A write first: on SQLite it takes the write lock (waiting for another instance's
      // run through busy_timeout) before anything is read, so the counts below are exact
      // and a concurrent run cannot invalidate this transaction's snapshot.
      const rateLimitCounters = (await tx.rateLimitCounter.deleteMany({ where: { expiresAt: { lte: input.now } } })).count;
      const oneTimeTokens = (await tx.oneTimeToken.deleteMany({ where: { expiresAt: { lte: input.now } } })).count;
      const operatorSessions = (await tx.operatorSession.deleteMany({ where: { expiresAt: { lte: input.now } } })).count;
      const counts: TRetentionCounts = { tips: 0, messages: 0, notes: 0, policePackages: 0, rateLimitCounters, oneTimeTokens, operatorSessions };
      for (;;) {
        const batch = await tx.tip.findMany({ where: expired, select: { id: true }, take: TIP_BATCH });
        if (batch.length === 0) break;
        const ids = batch.map((tip) => tip.id);
        // Children are deleted explicitly (the foreign keys would cascade) so that each
        // count is what this transaction removed.
        counts.messages += (await tx.message.deleteMany({ where: { tipId: { in: ids } } })).count;
        counts.notes += (await tx.note.deleteMany({ where: { tipId: { in: ids } } })).count;
        counts.policePackages += (await tx.policePackage.deleteMany({ where: { tipId: { in: ids } } })).count;
        counts.tips += (await tx.tip.deleteMany({ where: { id: { in: ids } } })).count;
        if (batch.length < TIP_BATCH) break;
      }
      return counts;
    },
    // Overwriting (secure_delete) a large backlog of sealed blobs can take longer than
    // Prisma's 5-second default for an interactive transaction.
    { maxWait: 15_000, timeout: 120_000 },
  );
}

export type TCheckpointResult = { database: "sqlite"; complete: boolean } | { database: "other" };

/**
 * SQLite: copies every page of the write-ahead log into the database file and truncates
 * the log to zero bytes (`PRAGMA wal_checkpoint(TRUNCATE)`). secure_delete overwrites
 * deleted rows in the newest page versions, but older versions of those pages, still
 * holding the deleted rows, stay in the log until a checkpoint; this makes it happen now.
 * `complete` is false when a reader in another process kept the log from being reset;
 * the next run, or SQLite's own automatic checkpoint, finishes the job.
 * Other databases: does nothing. Rejects with the database's error.
 */
export async function checkpointWriteAheadLog(): Promise<TCheckpointResult> {
  const env = getEnv();
  if (resolveDatabase(env.DATABASE_URL, env.TIPLINE_DATA_DIR).provider !== "sqlite") return { database: "other" };
  const db = await getDb();
  // Not inside a transaction: a checkpoint on a connection with an open transaction fails
  // (SQLITE_LOCKED), and transactions begin IMMEDIATE (lib/db/sqlite-adapter.ts). A plain
  // query waits there for this process's open transaction to end, so this one never meets it.
  const rows = await db.$queryRaw<{ busy: number | bigint | string }[]>`PRAGMA wal_checkpoint(TRUNCATE)`;
  return { database: "sqlite", complete: rows.length === 1 && Number(rows[0]?.busy) === 0 };
}
