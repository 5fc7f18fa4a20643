import "server-only";
import { runRetention } from "./run-retention";

/** The first run waits for the server to finish starting; later runs follow every 6 hours. */
export const RETENTION_SCHEDULE = { firstRunAfterMs: 60 * 1000, everyMs: 6 * 60 * 60 * 1000 } as const;

const globalForSchedule = globalThis as unknown as { tiplineRetentionScheduled?: boolean };

/**
 * Runs retention inside this server process: once shortly after start, then every 6 hours,
 * on timers that never keep the process alive. A failed run is logged by its error's class
 * name only (a message may quote data) and the schedule goes on. Calling it again in the
 * same process does nothing.
 *
 * Every instance runs its own schedule, and several may run at the same moment. That is
 * harmless: the deletion is idempotent (whatever one run deleted, the other finds gone)
 * and on SQLite the runs take the write lock one after the other. A lock across instances,
 * so that only one runs, is the scale-out issue's work.
 */
export function startRetentionSchedule(): void {
  if (globalForSchedule.tiplineRetentionScheduled) return;
  globalForSchedule.tiplineRetentionScheduled = true;
  let running = false;
  const run = async () => {
    // A run still going (a large backlog) is not joined by the next tick.
    if (running) return;
    running = true;
    try {
      await runRetention();
    } catch (error) {
      console.error(`[retention] failed: ${error instanceof Error ? error.name : "unknown error"}`);
    } finally {
      running = false;
    }
  };
  setTimeout(() => void run(), RETENTION_SCHEDULE.firstRunAfterMs).unref();
  setInterval(() => void run(), RETENTION_SCHEDULE.everyMs).unref();
}
