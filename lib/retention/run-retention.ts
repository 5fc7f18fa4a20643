import "server-only";
import { checkpointWriteAheadLog, deleteExpiredRecords, type TRetentionCounts } from "@/lib/db/retention";
import { getEnv } from "@/lib/env";
import { receivedDay } from "@/lib/tips/received-day";

const DAY_MS = 24 * 60 * 60 * 1000;

export type TRetentionRun = TRetentionCounts & {
  /** Whether the SQLite write-ahead log was emptied into the (overwritten) database file. */
  checkpoint: "complete" | "incomplete" | "not-sqlite";
};

/**
 * Applies the retention period, TIPLINE_RETENTION_DAYS (N): deletes every closed tip with
 * its messages and notes once its closing day D (UTC) is more than N days before `now`'s
 * day: kept through D + N, gone from D + N + 1 on. Also clears expired rate-limit counters,
 * one-time tokens and operator sessions. Then, on SQLite, checkpoints the write-ahead log
 * so that no older copy of a deleted row stays in it (secure_delete has overwritten the
 * rows themselves). Logs one line of counts, never an id, and resolves with the counts.
 * Rejects with the database's error; a failed deletion deletes nothing, a failed
 * checkpoint leaves the deletion committed and the log for the next run.
 */
export async function runRetention(now: Date = new Date()): Promise<TRetentionRun> {
  const closedBefore = receivedDay(new Date(now.getTime() - getEnv().TIPLINE_RETENTION_DAYS * DAY_MS));
  const counts = await deleteExpiredRecords({ closedBefore, now });
  const result = await checkpointWriteAheadLog();
  const checkpoint = result.database !== "sqlite" ? "not-sqlite" : result.complete ? "complete" : "incomplete";
  const run: TRetentionRun = { ...counts, checkpoint };
  console.log(`[retention] ${Object.entries(run).map(([key, value]) => `${key}=${value}`).join(" ")}`);
  return run;
}
