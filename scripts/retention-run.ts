// `npm run retention:run`: one retention run now, the same as the server's scheduled one
// (closed tips past TIPLINE_RETENTION_DAYS, expired counters, tokens and sessions). Prints
// the counts; exits 1, naming only the error's class, when the run fails.
//
// It does not take the schedule's job lease, and leaves it as it is: whoever runs it by
// hand (after lowering TIPLINE_RETENTION_DAYS, say) wants the deletion now, not "unless an
// instance ran it in the last 6 hours". Running beside a scheduled run is safe: the
// deletion is one idempotent transaction, and whatever one run deleted the other finds gone.
import { loadScriptEnv } from "./lib/load-script-env";

await loadScriptEnv();
const { runRetention } = await import("@/lib/retention/run-retention");
try {
  // runRetention prints the counts itself, in the line the server logs.
  await runRetention();
} catch (error) {
  console.error(`[retention] failed: ${error instanceof Error ? error.name : "unknown error"}`);
  process.exit(1);
}
process.exit(0);
