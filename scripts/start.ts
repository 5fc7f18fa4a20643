// `npm start`: local secrets on first start, migrations, a build when the sources changed,
// the one-time setup link while no operator exists, then the production server.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ensureLocalSecrets } from "@/lib/setup/local-secrets";

process.env.NEXT_TELEMETRY_DISABLED = "1";
process.env.CHECKPOINT_DISABLE = "1";
const dataDir = process.env.TIPLINE_DATA_DIR ?? "data";
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
  throw new Error("PostgreSQL is not supported yet; use a file: DATABASE_URL.");
}

const SOURCES = ["app", "components", "lib", "messages", "docs", "proxy.ts", "next.config.ts", "instrumentation.ts", "package-lock.json"];
function newestSourceMtime(entry: string): number {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(entry).reduce((newest, name) => Math.max(newest, newestSourceMtime(path.join(entry, name))), stat.mtimeMs);
}
const buildId = path.join(".next", "BUILD_ID");
const builtAt = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
if (process.env.TIPLINE_SKIP_BUILD !== "1" && Math.max(...SOURCES.map(newestSourceMtime)) > builtAt) {
  console.log("Building the app (first start, or the sources changed)…");
  const build = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], { stdio: "inherit", env: process.env });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const origin = env.TIPLINE_PUBLIC_ORIGIN ?? `http://localhost:${env.PORT}`;
const { issueSetupLink } = await import("@/lib/setup/issue-setup-link");
const link = await issueSetupLink(origin);
if (link) {
  console.log("\nNo operator exists yet. Open this one-time setup link (valid 24 hours) to create the first operator:");
  console.log(`\n  ${link}\n`);
}
const { getDb } = await import("@/lib/db/client");
await (await getDb()).$disconnect();

console.log(`Starting the tip line at ${origin}`);
const server = spawn(
  process.execPath,
  ["node_modules/next/dist/bin/next", "start", "-p", String(env.PORT), "-H", env.TIPLINE_LISTEN_HOST],
  { stdio: "inherit", env: process.env },
);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
