import "server-only";
import { randomUUID } from "node:crypto";
import { acquireJobLease } from "@/lib/db/job-leases";
import { runRetention } from "./run-retention";

/**
 * The first check waits for the server to finish starting; then every instance checks
 * every 30 minutes. A check runs retention only when no instance has in the last 6 hours
 * (`everyMs`, the lease's length), so the deletion runs every 6 to 6½ hours, however many
 * instances there are.
 */
export const RETENTION_SCHEDULE = { firstRunAfterMs: 60 * 1000, checkEveryMs: 30 * 60 * 1000, everyMs: 6 * 60 * 60 * 1000 } as const;

/** The job lease's name in the database (lib/db/job-leases.ts). */
export const RETENTION_LEASE = "retention";

const globalForSchedule = globalThis as unknown as { tiplineRetentionScheduled?: boolean };

/**
 * Runs retention inside this server process, on timers that never keep the process alive:
 * a check shortly after start, then every 30 minutes. Each check first takes the
 * "retention" job lease for 6 hours; only the instance whose check took it runs, the
 * others stand by (and say so once in their log, not at every check). So a restart, or a
 * second instance on the same database, does not run retention again within the period.
 * The lease is taken in the database by conditional writes that only one caller can win
 * (lib/db/job-leases.ts), so two instances checking at the same moment cannot both take it.
 *
 * A failed run is logged by its error's class name only (a message may quote data); its
 * lease stands, and the next run comes a period later, as it did before there were leases.
 * A failed check (database unreachable) is logged the same way and retried at the next
 * check. Calling this again in the same process does nothing.
 *
 * Lease times are this instance's clock: instances whose clocks differ by s seconds
 * shorten or lengthen one period by at most s, which is harmless for a job counted in days.
 */
export function startRetentionSchedule(): void {
  if (globalForSchedule.tiplineRetentionScheduled) return;
  globalForSchedule.tiplineRetentionScheduled = true;
  // Names this process in the lease row only: random, so it says nothing about the host.
  const holder = randomUUID();
  // Until then this process's own lease runs: no need to ask the database.
  let ownLeaseUntil = 0;
  let running = false;
  let standingBy = false;
  const check = async () => {
    // A run still going (a large backlog) is not joined by the next tick.
    if (running) return;
    const now = new Date();
    if (now.getTime() < ownLeaseUntil) return;
    running = true;
    try {
      const expiresAt = new Date(now.getTime() + RETENTION_SCHEDULE.everyMs);
      if (!(await acquireJobLease({ name: RETENTION_LEASE, holder, now, expiresAt }))) {
        if (!standingBy) console.log("[retention] another instance ran retention within the period; this one stands by");
        standingBy = true;
        return;
      }
      ownLeaseUntil = expiresAt.getTime();
      standingBy = false;
      await runRetention(now);
    } catch (error) {
      console.error(`[retention] failed: ${error instanceof Error ? error.name : "unknown error"}`);
    } finally {
      running = false;
    }
  };
  setTimeout(() => void check(), RETENTION_SCHEDULE.firstRunAfterMs).unref();
  setInterval(() => void check(), RETENTION_SCHEDULE.checkEveryMs).unref();
}
