import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

// What the production build is made from; a change to any of these means a new build.
const SOURCES = ["app", "components", "lib", "messages", "docs", "proxy.ts", "next.config.ts", "instrumentation.ts", "package-lock.json"];

function newestMtime(entry: string): number {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(entry).reduce((newest, name) => Math.max(newest, newestMtime(path.join(entry, name))), stat.mtimeMs);
}

/**
 * Runs `next build` when there is no build yet or a source changed since the last one.
 * Exits the process with the build's status when the build fails.
 */
export function buildIfStale(env: NodeJS.ProcessEnv = process.env): void {
  const buildId = path.join(".next", "BUILD_ID");
  const builtAt = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
  if (Math.max(...SOURCES.map(newestMtime)) <= builtAt) return;
  console.log("Building the app (first start, or the sources changed)…");
  const build = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
    stdio: "inherit",
    env: { ...env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
