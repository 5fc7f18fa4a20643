// Starts the real app (production build, `scripts/start.ts`) on a fresh data folder for
// a test run, with its output captured in memory and in a log file inside that folder.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { testDatabaseUrl } from "./database";

export type TTestServer = {
  origin: string;
  dataDir: string;
  logFile: string;
  setupLink: string | null;
  env: NodeJS.ProcessEnv;
  /** Everything the server printed so far, as this process has read it off the pipes. */
  output(): string;
  /**
   * Resolves with the output printed after `from` (an earlier `output().length`) once it
   * holds every one of `texts` (a string it contains, or a pattern it matches); rejects with that output after `timeoutMs`. The server's
   * lines reach this process on their own schedule, after the response they belong to may
   * already have: a test that reads the log straight after an answer races them.
   */
  waitForOutput(from: number, texts: (string | RegExp)[], timeoutMs?: number): Promise<string>;
  stop(): Promise<void>;
  /**
   * SIGKILLs the whole process group (tsx, scripts/start.ts and its server process, scripts/lib/serve.mjs) at
   * once, as a power cut or the OOM killer would: the signal is sent before this returns
   * its promise, which resolves when no process of the group is left.
   */
  kill(): Promise<void>;
};

export function testSecrets(): Record<string, string> {
  return {
    TIPLINE_SECRET_KEY: randomBytes(32).toString("base64url"),
    NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  };
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Resolves once the server answers; rejects with its log when it does not within the time. */
export async function startTestServer(options: { port: number; dataDir?: string; env?: Record<string, string> }): Promise<TTestServer> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "tipline-test-"));
  const logFile = path.join(dataDir, "server.log");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(options.port),
    TIPLINE_DATA_DIR: dataDir,
    // The database under test: the data folder's SQLite file, or this test file's schema.
    DATABASE_URL: testDatabaseUrl(),
    NEXT_TELEMETRY_DISABLED: "1",
    // The suites build once before starting servers (tests/support/build.ts): parallel
    // test files must never run two builds into one .next folder.
    TIPLINE_SKIP_BUILD: "1",
    ...options.env,
  };
  const child: ChildProcess = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "scripts/start.ts"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const log = fs.createWriteStream(logFile);
  let output = "";
  const collect = (chunk: Buffer) => {
    output += chunk.toString("utf8");
    log.write(chunk);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const origin = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + 400_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    if (/Ready in|started server|Local:/i.test(output)) {
      try {
        const response = await fetch(`${origin}/`);
        if (response.status < 500) break;
      } catch {
        // not listening yet
      }
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const setupLink = /(http:\/\/\S+\/operator\/setup#[A-Za-z0-9_-]{43})/.exec(output)?.[1]?.replace(/^http:\/\/localhost:/, "http://127.0.0.1:") ?? null;
  const running = () => child.exitCode === null && child.signalCode === null;
  return {
    origin,
    dataDir,
    logFile,
    setupLink,
    env,
    output: () => output,
    async waitForOutput(from, texts, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const since = output.slice(from);
        const missing = texts.filter((text) => (typeof text === "string" ? !since.includes(text) : !text.test(since)));
        if (missing.length === 0) return since;
        if (Date.now() > deadline) throw new Error(`server output lacks ${missing.map(String).join(", ")}:\n${since}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async stop() {
      if (running() && child.pid) {
        process.kill(-child.pid, "SIGTERM");
        await exited;
      }
      log.end();
    },
    kill() {
      const pid = child.pid;
      if (running() && pid) process.kill(-pid, "SIGKILL");
      return (async () => {
        await exited;
        // The group's other members are killed by the same signal; wait until the kernel
        // has taken them away (bounded: an unreaped zombie holds no port and no file lock).
        const deadline = Date.now() + 30_000;
        while (pid && groupAlive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
        log.end();
      })();
    },
  };
}

/**
 * A server action's id in the build the test servers run (`.next`), by its exported name.
 * Throws when the build has no such action.
 */
export function serverActionId(exportedName: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(".next", "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName: string }>;
  };
  const id = Object.entries(manifest.node).find(([, entry]) => entry.exportedName === exportedName)?.[0];
  if (!id || !/^[0-9a-f]{42}$/.test(id)) throw new Error(`no server action ${exportedName} in the build`);
  return id;
}
