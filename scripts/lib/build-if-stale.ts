import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

// What the production build is made from; a change to any of these means a new build.
const SOURCES = ["app", "components", "lib", "messages", "docs", "proxy.ts", "next.config.ts", "instrumentation.ts", "package-lock.json"];
// Two test runners starting at once must not build into one .next folder together.
const LOCK = ".next-build.lock";
const STALE_LOCK_MS = 10 * 60 * 1000;

function newestMtime(entry: string): number {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(entry).reduce((newest, name) => Math.max(newest, newestMtime(path.join(entry, name))), stat.mtimeMs);
}

function isStale(): boolean {
  const buildId = path.join(".next", "BUILD_ID");
  const builtAt = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
  return Math.max(...SOURCES.map(newestMtime)) > builtAt;
}

function sleep(ms: number) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Takes the build lock, waiting while another process holds it; a lock older than ten minutes is taken over. */
function acquireLock(): number {
  for (;;) {
    try {
      return fs.openSync(LOCK, "wx");
    } catch {
      try {
        if (Date.now() - fs.statSync(LOCK).mtimeMs > STALE_LOCK_MS) fs.rmSync(LOCK, { force: true });
      } catch {
        // released meanwhile
      }
      sleep(500);
    }
  }
}

/**
 * Runs `next build` when there is no build yet or a source changed since the last one,
 * one process at a time. Exits the process with the build's status when the build fails.
 */
export function buildIfStale(env: NodeJS.ProcessEnv = process.env): void {
  if (!isStale()) return;
  const lock = acquireLock();
  let status = 0;
  try {
    if (!isStale()) return; // another process built it while we waited
    console.log("Building the app (first start, or the sources changed)…");
    const build = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
      stdio: "inherit",
      env: { ...env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    status = build.status ?? 1;
  } finally {
    fs.closeSync(lock);
    fs.rmSync(LOCK, { force: true });
  }
  if (status !== 0) process.exit(status);
}
