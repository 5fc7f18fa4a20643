// `npm start`: local secrets on first start, migrations, a build when the sources changed,
// the one-time setup link while no operator exists, then the production server.
import { spawn } from "node:child_process";
import nextEnv from "@next/env";
import { ensureLocalSecrets } from "@/lib/setup/local-secrets";
import { buildIfStale } from "./lib/build-if-stale";

// The same .env files the Next.js server reads, so both agree on port, data folder and secrets.
nextEnv.loadEnvConfig(process.cwd(), false, { info: () => {}, error: console.error });
process.env.NEXT_TELEMETRY_DISABLED = "1";
process.env.CHECKPOINT_DISABLE = "1";
const dataDir = process.env.TIPLINE_DATA_DIR || "data";
const secrets = ensureLocalSecrets(dataDir);
if (secrets.created) console.log(`Generated local secrets in ${secrets.file} (mode 0600). Back this file up: it is needed to read existing data.`);

const { getEnv } = await import("@/lib/env");
const env = getEnv();
const { resolveDatabase } = await import("@/lib/db/resolve-database");
const target = resolveDatabase(env.DATABASE_URL, env.TIPLINE_DATA_DIR);
process.env.DATABASE_URL = target.url;

if (target.provider === "sqlite") {
  const { migrateSqlite } = await import("@/lib/db/migrate-sqlite");
  const { applied } = migrateSqlite(target.file);
  if (applied.length > 0) console.log(`Applied migrations: ${applied.join(", ")}`);
} else {
  const { migratePostgres } = await import("@/lib/db/migrate-postgres");
  const { applied } = await migratePostgres(target.url);
  if (applied.length > 0) console.log(`Applied migrations: ${applied.join(", ")}`);
}

if (process.env.TIPLINE_SKIP_BUILD !== "1") buildIfStale();

const origin = env.TIPLINE_PUBLIC_ORIGIN ?? `http://localhost:${env.PORT}`;
const { issueSetupLink } = await import("@/lib/setup/issue-setup-link");
const link = await issueSetupLink(origin);
if (link) {
  console.log("\nNo operator exists yet. Open this one-time setup link (valid 24 hours) to create the first operator:");
  console.log(`\n  ${link}\n`);
}
const { getDb } = await import("@/lib/db/client");
await (await getDb()).$disconnect();

console.log(`Starting the tip line at ${origin}${env.TIPLINE_WORKERS > 1 ? ` with ${env.TIPLINE_WORKERS} server processes` : ""}`);
// Idle keep-alive connections stay open for 65 s (Node's default is 5 s): longer than a
// proxy's or a client's own idle timeout, so the client always closes first and never
// sends a request down a socket the server is closing at that moment ("other side closed").
// scripts/lib/serve.mjs: Next.js's handler behind a server of the app's own, which answers
// the no-JavaScript send itself (app/(public)/_routes/outside-next.ts).
const serve = ["scripts/lib/serve.mjs", String(env.PORT), env.TIPLINE_LISTEN_HOST, "65000"];
const server = spawn(process.execPath, env.TIPLINE_WORKERS > 1 ? ["scripts/lib/serve-workers.mjs", String(env.TIPLINE_WORKERS), ...serve] : serve, { stdio: "inherit", env: process.env });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
