// Runs once when a server instance starts: a bad environment fails here, naming the key,
// instead of on a reporter's first submission. Then the instance starts its retention
// schedule (lib/retention/start-retention-schedule.ts: every instance checks, and a job
// lease in the database lets one of them run it per period).
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { getEnv } = await import("@/lib/env");
    getEnv();
    // A build is not a server instance: it must not delete anything.
    if (process.env.NEXT_PHASE !== "phase-production-build") {
      const { startRetentionSchedule } = await import("@/lib/retention/start-retention-schedule");
      startRetentionSchedule();
    }
  }
}
