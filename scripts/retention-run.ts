// `npm run retention:run`: one retention run now, the same as the server's scheduled one
// (closed tips past TIPLINE_RETENTION_DAYS, expired counters, tokens and sessions). Prints
// the counts; exits 1, naming only the error's class, when the run fails.
import nextEnv from "@next/env";
import { ensureLocalSecrets } from "@/lib/setup/local-secrets";

// The same .env files the Next.js server reads, so both agree on port, data folder and secrets.
nextEnv.loadEnvConfig(process.cwd(), false, { info: () => {}, error: console.error });
ensureLocalSecrets(process.env.TIPLINE_DATA_DIR || "data");
const { getEnv } = await import("@/lib/env");
const env = getEnv();
const { resolveDatabase } = await import("@/lib/db/resolve-database");
process.env.DATABASE_URL = resolveDatabase(env.DATABASE_URL, env.TIPLINE_DATA_DIR).url;
const { runRetention } = await import("@/lib/retention/run-retention");
try {
  // runRetention prints the counts itself, in the line the server logs.
  await runRetention();
} catch (error) {
  console.error(`[retention] failed: ${error instanceof Error ? error.name : "unknown error"}`);
  process.exit(1);
}
process.exit(0);
