// Submission capacity through the real app: N concurrent reporters (default 64) post real
// tips to the production build (`npm start`'s server, as tests/support/server.ts starts it) for a
// fixed time after a warm-up, on SQLite and, when BENCH_DATABASE_URL or TEST_DATABASE_URL
// is set, on PostgreSQL in a fresh schema dropped afterwards. Two paths:
// - browser-sealed: the tip is sealed to the desk public key with lib/crypto's sealTip and
//   posted with a lookup token to submitSealedTipAction, as the guided form's fetch does.
//   The reporter's Argon2id runs on the reporter's device, so the tips are sealed before
//   the timed window and the lookup tokens are 32 random bytes (what the server sees of a
//   derived token); a tip's CPU in a browser is not the server's.
// - no-JavaScript: the plain form's "send" post (multipart, with the hidden inputs of a real
//   review page), to where the review page's send button posts it (its formaction: the
//   send route, app/(public)/_routes/send-tip.ts); the server validates, derives the
//   reporter keys with Argon2id, seals and stores, then answers with the receipt page. A
//   307 (the route handing a post to the form action) counts as an error. The pending receipt the review step would put in
//   the page is made here with the same server key, so that each post stores a new tip
//   without a review round trip inside the timed window.
// Every request, the app's and the bare action's alike, is built before the window: the
// load generator shares the server's two cores. Every tip carries a marker; afterwards
// every stored row is opened with the desk key and the markers are compared with the
// receipts the clients got: no tip may be lost.
// References in the same run, on each database: the floor (the server's share of the work,
// done in one process in a loop through lib/, no HTTP) and a bare Next.js server action that
// only inserts a blob into the same database (bench/bare-action, served by `next start`: the
// same Next.js request handler the app's server processes run, scripts/lib/serve.mjs,
// without the send route they answer first). Prints figures and the app's ratio to each
// reference (on PostgreSQL also to the bare action on SQLite, the reference runs before
// 2026-12-03 used for every database), and one final JSON line; asserts nothing.
// Run: npm run bench:submit -- [--duration=20] [--warmup=5] [--concurrency=64]
//        [--paths=sealed,plain] [--databases=sqlite,postgres] [--workers=N] [--rounds=1]
// With --rounds=N (npm run bench uses 3) the whole sequence runs N times and each figure is
// the median round's, with every round's tips per second beside it; the receipts, rows and
// losses are the sums over all rounds.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { cpuOfProcessGroup } from "../tests/support/process-memory";

const SCRIPT = fileURLToPath(import.meta.url);
const ROOT = path.resolve(path.dirname(SCRIPT), "..");
const BARE_APP = path.join(ROOT, "bench", "bare-action");
// These ports only: the test suites use their own.
const PORTS = { sqlite: 3321, postgres: 3322, bare: 3323 } as const;
const RECEIPT = /data-testid="receipt-code"[^>]*>([0-9A-Z-]{19})</;
const TIP_TEXT =
  "Gezien bij het station: een jonge vrouw wordt elke avond om tien uur opgehaald door een man in een blauwe auto. " +
  "Ze lijkt bang, heeft geen eigen telefoon en zegt dat ze haar schuld moet afbetalen. ";

type TPath = "sealed" | "plain";
type TDatabase = "sqlite" | "postgres";
type TOptions = { duration: number; warmup: number; concurrency: number; workers: number; rounds: number; paths: TPath[]; databases: TDatabase[] };
export type TLoadResult = {
  tipsPerSecond: number;
  /** Every round's tips per second, when there were several (this record is the median round's). */
  roundsTipsPerSecond?: number[];
  p50Ms: number;
  p99Ms: number;
  completedInWindow: number;
  errors: number;
  receipts: number;
  stored: number;
  lost: number;
  serverCpuMsPerTip: number | null;
  loadCpuMsPerTip: number;
};
/** cpuMsPerTip: this process's CPU (user + system) per tip; on PostgreSQL the database server's own is not in it. */
type TFloorResult = { tipsPerSecond: number; msPerTip: number; cpuMsPerTip: number; tips: number; roundsTipsPerSecond?: number[] };

function parseOptions(argv: string[]): TOptions & { role: string; database: TDatabase } {
  const raw = Object.fromEntries(argv.filter((arg) => arg.startsWith("--")).map((arg) => arg.slice(2).split("=") as [string, string]));
  const list = <T extends string>(value: string | undefined, all: readonly T[]) => (value ? (value.split(",").filter((item) => (all as readonly string[]).includes(item)) as T[]) : [...all]);
  const databaseUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || "";
  return {
    role: raw.role ?? "main",
    database: raw.database === "postgres" ? "postgres" : "sqlite",
    duration: Number(raw.duration ?? 20),
    warmup: Number(raw.warmup ?? 5),
    concurrency: Number(raw.concurrency ?? 64),
    // Server processes for the app and for the bare action alike (TIPLINE_WORKERS): one per core.
    workers: Number(raw.workers ?? os.availableParallelism()),
    // Whole rounds (bare action, then the app and the floor on each database), each figure
    // then the median round's: on a shared machine one round can be far off the others.
    rounds: Math.max(1, Number(raw.rounds ?? 1)),
    paths: list(raw.paths, ["sealed", "plain"] as const),
    databases: list(raw.databases, ["sqlite", "postgres"] as const).filter((database) => database === "sqlite" || databaseUrl !== ""),
  };
}

// ---------------------------------------------------------------------------------------
// Load generation: keep-alive HTTP/1.1, one socket per reporter, no fetch (its overhead
// would be taken from the server on a 2-core machine).

type TRequest = { path: string; headers: Record<string, string>; body: Buffer };
type TAnswer = { status: number; body: string };

function post(agent: http.Agent, port: number, request: TRequest): Promise<TAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port, method: "POST", path: request.path, agent, headers: { ...request.headers, "content-length": String(request.body.length) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(request.body);
  });
}

function multipart(fields: [string, string][]): { body: Buffer; contentType: string } {
  const boundary = `----benchboundary${randomBytes(8).toString("hex")}`;
  const parts = fields.map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  return { body: Buffer.from(`${parts.join("")}--${boundary}--\r\n`, "utf8"), contentType: `multipart/form-data; boundary=${boundary}` };
}

/**
 * Requests built before the window, handed out once each: the load generator shares the
 * server's two cores, so what it spends building bodies during the window would be taken
 * from the server. `perSecond` sizes the pool for warm-up + duration at that rate (times
 * the server processes over two, for machines with more cores); should it run out, the
 * rest are built on demand, and a line says so.
 */
async function prebuilt<T>(options: TOptions, perSecond: number, make: () => T | Promise<T>, what: string): Promise<() => T | Promise<T>> {
  const pool: T[] = [];
  const size = Math.ceil((options.warmup + options.duration) * perSecond * Math.max(1, options.workers / 2));
  while (pool.length < size) pool.push(await make());
  let taken = 0;
  let warned = false;
  return () => {
    if (taken >= pool.length) {
      if (!warned) console.log(`  (the pool of ${size} ${what} ran out; the rest are built during the window, on the load generator's CPU)`);
      warned = true;
      return make();
    }
    const item = pool[taken]!;
    pool[taken] = undefined as T;
    taken += 1;
    return item;
  };
}

function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!;
}

/**
 * Runs `concurrency` reporters, each posting its next request as soon as the previous one
 * is answered, for warm-up + duration seconds; counts what completes inside the window.
 */
async function runLoad(options: {
  port: number;
  concurrency: number;
  warmup: number;
  duration: number;
  next: () => (TRequest & { marker: string }) | Promise<TRequest & { marker: string }>;
  isReceipt: (answer: TAnswer) => boolean;
  serverGroup: number | null;
}): Promise<Omit<TLoadResult, "stored" | "lost"> & { receiptMarkers: Set<string> }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  const started = performance.now();
  const windowStart = started + options.warmup * 1000;
  const windowEnd = windowStart + options.duration * 1000;
  const latencies: number[] = [];
  const receiptMarkers = new Set<string>();
  let errors = 0;
  let serverCpuStart: number | null = null;
  let loadCpuStart = process.cpuUsage();
  const startTimer = setTimeout(() => {
    serverCpuStart = cpuOfProcessGroup(options.serverGroup);
    loadCpuStart = process.cpuUsage();
  }, options.warmup * 1000);
  let serverCpuEnd: number | null = null;
  let loadCpu = 0;
  const endTimer = setTimeout(() => {
    serverCpuEnd = cpuOfProcessGroup(options.serverGroup);
    const used = process.cpuUsage(loadCpuStart);
    loadCpu = (used.user + used.system) / 1000;
  }, (options.warmup + options.duration) * 1000);

  async function reporter() {
    while (performance.now() < windowEnd) {
      const request = await options.next();
      const sent = performance.now();
      let ok = false;
      try {
        const answer = await post(agent, options.port, request);
        ok = answer.status === 200 && options.isReceipt(answer);
      } catch {
        ok = false;
      }
      const answered = performance.now();
      if (ok) receiptMarkers.add(request.marker);
      else errors += 1;
      if (ok && answered >= windowStart && answered < windowEnd) latencies.push(answered - sent);
    }
  }
  await Promise.all(Array.from({ length: options.concurrency }, reporter));
  clearTimeout(startTimer);
  clearTimeout(endTimer);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const completed = latencies.length;
  return {
    tipsPerSecond: completed / options.duration,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    completedInWindow: completed,
    errors,
    receipts: receiptMarkers.size,
    receiptMarkers,
    serverCpuMsPerTip: serverCpuStart !== null && serverCpuEnd !== null && completed > 0 ? (serverCpuEnd - serverCpuStart) / completed : null,
    loadCpuMsPerTip: completed > 0 ? loadCpu / completed : NaN,
  };
}

// ---------------------------------------------------------------------------------------
// Servers

function newestMtime(entry: string): number {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(entry).reduce((newest, name) => (name === ".next" || name === "node_modules" ? newest : Math.max(newest, newestMtime(path.join(entry, name)))), stat.mtimeMs);
}

/** `next build bench/bare-action` when it has no build yet or its sources changed. */
function buildBareAppIfStale(): void {
  const buildId = path.join(BARE_APP, ".next", "BUILD_ID");
  if (fs.existsSync(buildId) && fs.statSync(buildId).mtimeMs >= newestMtime(BARE_APP)) return;
  console.log("Building bench/bare-action…");
  const build = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build", BARE_APP], {
    cwd: ROOT,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (build.status !== 0) throw new Error("the bare action app did not build");
}

async function startBareServer(store: Record<string, string>, workers: number): Promise<{ origin: string; pgid: number | null; stop(): Promise<void> }> {
  // Served as the app is: Next.js's own request handler (`next start`; the app's scripts/lib/serve.mjs runs the
  // same handler behind its send route), through the same cluster primary when the app runs several workers.
  const nextStart = ["start", BARE_APP, "-p", String(PORTS.bare), "-H", "127.0.0.1", "--keepAliveTimeout", "65000"];
  const child: ChildProcess = spawn(
    process.execPath,
    workers > 1 ? ["scripts/lib/serve-workers.mjs", String(workers), "node_modules/next/dist/bin/next", ...nextStart] : ["node_modules/next/dist/bin/next", ...nextStart],
    { cwd: ROOT, env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", ...store }, stdio: ["ignore", "pipe", "pipe"], detached: true },
  );
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const origin = `http://127.0.0.1:${PORTS.bare}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`bare server exited early:\n${output}`);
    try {
      if ((await fetch(`${origin}/`)).status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`bare server did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  return {
    origin,
    pgid: child.pid ?? null,
    async stop() {
      if (child.exitCode === null && child.pid) {
        process.kill(-child.pid, "SIGTERM");
        await new Promise((resolve) => child.once("exit", resolve));
      }
    },
  };
}

/** A server action's id in a build, by its exported name. */
function actionId(buildDir: string, exportedName: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(buildDir, "server", "server-reference-manifest.json"), "utf8")) as { node: Record<string, { exportedName: string }> };
  const id = Object.entries(manifest.node).find(([, entry]) => entry.exportedName === exportedName)?.[0];
  if (!id) throw new Error(`no server action ${exportedName} in ${buildDir}`);
  return id;
}

/** A tip as the form collects it, with a marker to find it again once stored. */
function tipInput(marker: string) {
  return { subject: "adult", signals: ["under-pressure", "no-passport"], seenOrHeard: `${TIP_TEXT.repeat(5)}[${marker}]` };
}

// ---------------------------------------------------------------------------------------
// Role "measure": one database, the app's two paths over HTTP (a child process, because
// lib/env and lib/db read their environment once per process).

async function measureApp(options: TOptions, database: TDatabase): Promise<Partial<Record<TPath, TLoadResult>>> {
  const { startTestServer, testSecrets } = await import("../tests/support/server");
  const { seedFirstOperator } = await import("../tests/support/seed");
  const { processGroupOfServer } = await import("../tests/support/process-memory");
  const { formActionOfButton, hiddenInputsOfPostForm } = await import("../tests/support/html-form");
  const { generateReceiptCode, openTip, sealTip, toBase64Url } = await import("@/lib/crypto");
  const postgres = database === "postgres" ? await import("../tests/support/postgres") : null;
  const schema = postgres ? postgres.freshSchemaUrl() : { url: "", schema: "" };

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tipline-bench-submit-"));
  const secrets = testSecrets();
  const { desk } = await seedFirstOperator(dataDir, secrets, schema.url);
  const { sealPendingReceipt } = await import("@/lib/tips/pending-receipt");
  const { listTips } = await import("@/lib/db/tips");
  const server = await startTestServer({ port: PORTS[database], dataDir, env: { ...secrets, DATABASE_URL: schema.url, TIPLINE_WORKERS: String(options.workers) } });
  const serverGroup = processGroupOfServer(dataDir);
  const results: Partial<Record<TPath, TLoadResult>> = {};
  try {
    const page = `/melden?over=adult`;
    const origin = server.origin;
    let counter = 0;
    const nextMarker = () => `bench-${(counter += 1).toString(36)}-${randomBytes(3).toString("hex")}`;

    for (const which of options.paths) {
      let next: () => (TRequest & { marker: string }) | Promise<TRequest & { marker: string }>;
      let isReceipt: (answer: TAnswer) => boolean;
      if (which === "sealed") {
        const id = actionId(path.join(ROOT, ".next"), "submitSealedTipAction");
        // Sealed before the window, as each reporter's browser would have done on its own device.
        const headers = { "next-action": id, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component", origin };
        next = await prebuilt(options, 1600, async () => {
          const marker = nextMarker();
          const envelope = { v: 1, channel: "web", tip: tipInput(marker), reporterPublicKey: toBase64Url(randomBytes(32)) };
          const sealedTip = toBase64Url(await sealTip(desk.publicKey, envelope));
          return { marker, path: page, headers, body: Buffer.from(JSON.stringify([{ sealedTip, lookupToken: toBase64Url(randomBytes(32)) }]), "utf8") };
        }, "sealed tips");
        isReceipt = (answer) => answer.body.includes('"ok":true');
      } else {
        // One real review round trip, for the hidden inputs React renders into the send form.
        const form = hiddenInputsOfPostForm(await (await fetch(`${origin}${page}`)).text());
        const review = multipart([...form, ["intent", "review"], ["subject", "adult"], ["signals", "under-pressure"], ["seenOrHeard", TIP_TEXT]]);
        const reviewHtml = await (await fetch(`${origin}${page}`, { method: "POST", body: new Uint8Array(review.body), headers: { "content-type": review.contentType, origin } })).text();
        const hidden = hiddenInputsOfPostForm(reviewHtml).filter(([name]) => name !== "payload" && name !== "receipt");
        if (!hidden.some(([name]) => name.startsWith("$ACTION"))) throw new Error("the review page has no server-action form");
        // Where a browser without JavaScript posts "send": the button's own route.
        const sendPath = formActionOfButton(reviewHtml, "send") ?? page;
        // Built before the window, as the sealed path's are: a reporter's browser only
        // sends back the form the review step gave it. Each carries its own code.
        next = await prebuilt(options, 600, () => {
          const marker = nextMarker();
          const body = multipart([...hidden, ["payload", JSON.stringify(tipInput(marker))], ["receipt", sealPendingReceipt(generateReceiptCode())], ["intent", "send"]]);
          return { marker, path: sendPath, headers: { "content-type": body.contentType, origin, accept: "text/html" }, body: body.body };
        }, "no-JavaScript sends");
        isReceipt = (answer) => RECEIPT.test(answer.body);
      }
      const before = new Set((await listTips()).map((tip) => tip.id));
      const load = await runLoad({ port: PORTS[database], concurrency: options.concurrency, warmup: options.warmup, duration: options.duration, next, isReceipt, serverGroup });
      // Every stored row opens with the desk key; its marker must be one a client got a receipt for, and vice versa.
      const storedMarkers = new Set<string>();
      for (const tip of await listTips()) {
        if (before.has(tip.id)) continue;
        const envelope = (await openTip(desk, tip.sealed)) as { tip: { seenOrHeard: string } };
        const marker = /\[(bench-[^\]]+)\]$/.exec(envelope.tip.seenOrHeard)?.[1];
        if (marker) storedMarkers.add(marker);
      }
      const lost = [...load.receiptMarkers].filter((marker) => !storedMarkers.has(marker)).length;
      const { receiptMarkers, ...figures } = load;
      void receiptMarkers;
      results[which] = { ...figures, stored: storedMarkers.size, lost };
      report(`app ${which === "sealed" ? "browser-sealed" : "no-JavaScript"} (${database})`, results[which]!);
    }
  } finally {
    await server.stop();
    const { getDb } = await import("@/lib/db/client");
    await (await getDb()).$disconnect();
    if (postgres && schema.schema) await postgres.dropSchema(schema.schema);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return results;
}

// ---------------------------------------------------------------------------------------
// Role "floor": the server's share of each path, in one process, in a loop, no HTTP.

async function measureFloor(options: TOptions, database: TDatabase): Promise<Partial<Record<TPath, TFloorResult>>> {
  const { testSecrets } = await import("../tests/support/server");
  const { seedFirstOperator } = await import("../tests/support/seed");
  const { sealTip, toBase64Url, fromBase64Url } = await import("@/lib/crypto");
  const postgres = database === "postgres" ? await import("../tests/support/postgres") : null;
  const schema = postgres ? postgres.freshSchemaUrl() : { url: "", schema: "" };
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tipline-bench-floor-"));
  const { desk } = await seedFirstOperator(dataDir, testSecrets(), schema.url);
  const { storeSealedTip } = await import("@/lib/tips/store-sealed-tip");
  const { sealAndStoreTip } = await import("@/lib/tips/seal-and-store-tip");
  const { ZTip } = await import("@/lib/tips/tip-schema");
  const results: Partial<Record<TPath, TFloorResult>> = {};
  const seconds = Math.max(1, Math.min(options.duration, 10));
  let counter = 0;
  try {
    for (const which of options.paths) {
      // The browser's sealing happens before the loop; the server's work is what is timed.
      // A small pool of sealed tips, reused with a fresh lookup token each (the server never
      // compares blobs), keeps the process's memory flat however fast the loop runs.
      const pool: string[] = [];
      if (which === "sealed") {
        for (let index = 0; index < 256; index += 1) {
          const envelope = { v: 1, channel: "web", tip: tipInput(`floor-${index}`), reporterPublicKey: toBase64Url(randomBytes(32)) };
          pool.push(toBase64Url(await sealTip(desk.publicKey, envelope)));
        }
      }
      const step =
        which === "sealed"
          ? async () => {
              const sealedTip = pool[counter++ % pool.length]!;
              await storeSealedTip({ sealed: fromBase64Url(sealedTip), lookupToken: randomBytes(32) });
            }
          : async () => {
              await sealAndStoreTip(ZTip.parse(tipInput(`floor-${(counter += 1)}`)), "web");
            };
      for (let index = 0; index < 20; index += 1) await step(); // warm-up
      let tips = 0;
      const cpuStart = process.cpuUsage();
      const started = performance.now();
      const until = started + seconds * 1000;
      while (performance.now() < until) {
        await step();
        tips += 1;
      }
      const elapsed = performance.now() - started;
      const cpu = process.cpuUsage(cpuStart);
      results[which] = { tipsPerSecond: (tips * 1000) / elapsed, msPerTip: elapsed / tips, cpuMsPerTip: (cpu.user + cpu.system) / 1000 / tips, tips };
      console.log(
        `${`floor ${which === "sealed" ? "browser-sealed (hash + insert)" : "no-JavaScript (Argon2id + seal + insert)"} (${database})`.padEnd(64)} ${results[which]!.tipsPerSecond.toFixed(1).padStart(8)} tips/s   ${results[which]!.msPerTip.toFixed(2)} ms/tip, CPU ${results[which]!.cpuMsPerTip.toFixed(2)} ms/tip`,
      );
    }
  } finally {
    const { getDb } = await import("@/lib/db/client");
    await (await getDb()).$disconnect();
    if (postgres && schema.schema) await postgres.dropSchema(schema.schema);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return results;
}

// ---------------------------------------------------------------------------------------
// The bare action, measured in the orchestrating process (it needs no lib/), on the same
// database as the app it is compared with: a blob inserted into SQLite, or into PostgreSQL
// in a fresh schema, where the database server's own work per insert shares the machine's
// two cores as the app's does.

/** The bare action's table on one database: the server's environment, a row count, and a clean-up. */
async function bareStore(database: TDatabase): Promise<{ env: Record<string, string>; count(): Promise<number>; drop(): Promise<void> }> {
  if (database === "postgres") {
    const postgres = await import("../tests/support/postgres");
    const { default: pg } = await import("pg");
    const { schema } = postgres.freshSchemaUrl();
    // The schema is the bare server's search_path: its queries name only the table.
    const url = new URL(postgres.TEST_DATABASE_URL);
    url.searchParams.set("options", `-c search_path=${schema}`);
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    await client.query(`CREATE SCHEMA "${schema}"; CREATE TABLE blob (id BIGSERIAL PRIMARY KEY, body BYTEA NOT NULL)`);
    return {
      env: { BARE_DATABASE_URL: url.toString() },
      count: async () => Number((await client.query<{ n: string }>("SELECT COUNT(*) AS n FROM blob")).rows[0]!.n),
      async drop() {
        await client.end();
        await postgres.dropSchema(schema);
      },
    };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tipline-bench-bare-"));
  const dbFile = path.join(dataDir, "bare.db");
  const setup = new Database(dbFile);
  setup.pragma("journal_mode = WAL");
  setup.exec("CREATE TABLE IF NOT EXISTS blob (id INTEGER PRIMARY KEY, body BLOB NOT NULL)");
  setup.close();
  return {
    env: { BARE_DB_FILE: dbFile },
    async count() {
      const db = new Database(dbFile, { readonly: true, fileMustExist: true });
      try {
        return (db.prepare("SELECT COUNT(*) AS n FROM blob").get() as { n: number }).n;
      } finally {
        db.close();
      }
    },
    async drop() {
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function bareLabel(which: TPath, database: TDatabase): string {
  return `bare action ${which === "sealed" ? "with JavaScript" : "form post"} (${database})`;
}

async function measureBare(options: TOptions, database: TDatabase): Promise<Partial<Record<TPath, TLoadResult>>> {
  buildBareAppIfStale();
  const store = await bareStore(database);
  const results: Partial<Record<TPath, TLoadResult>> = {};
  try {
    const server = await startBareServer(store.env, options.workers);
    // A blob the size of a sealed tip in its smallest bucket (4,194 bytes), base64url as posted.
    const blob = () => randomBytes(4194).toString("base64url");
    try {
      const id = actionId(path.join(BARE_APP, ".next"), "insertBlobAction");
      const formField = /name="(\$ACTION_ID_[0-9a-f]+)"/.exec(await (await fetch(`${server.origin}/`)).text())?.[1];
      if (!formField) throw new Error("the bare page has no server-action form");
      let counter = 0;
      for (const which of options.paths) {
        const before = await store.count();
        // Built before the window, as the app's are.
        const next =
          which === "sealed"
            ? await prebuilt(options, 1600, () => ({
                marker: String((counter += 1)),
                path: "/",
                headers: { "next-action": id, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component", origin: server.origin },
                body: Buffer.from(JSON.stringify([{ blob: blob() }]), "utf8"),
              }), "bare action calls")
            : await prebuilt(options, 1000, () => {
                const body = multipart([[formField, ""], ["blob", blob()]]);
                return { marker: String((counter += 1)), path: "/", headers: { "content-type": body.contentType, origin: server.origin, accept: "text/html" }, body: body.body };
              }, "bare form posts");
        const isReceipt = which === "sealed" ? (answer: TAnswer) => answer.body.includes('"ok":true') : (answer: TAnswer) => answer.body.includes("<form");
        const load = await runLoad({ port: PORTS.bare, concurrency: options.concurrency, warmup: options.warmup, duration: options.duration, next, isReceipt, serverGroup: server.pgid });
        const stored = (await store.count()) - before;
        const { receiptMarkers, ...figures } = load;
        void receiptMarkers;
        results[which] = { ...figures, stored, lost: Math.max(0, load.receipts - stored) };
        report(bareLabel(which, database), results[which]!);
      }
    } finally {
      await server.stop();
    }
  } finally {
    await store.drop();
  }
  return results;
}

/**
 * Per path, the round with the median tips per second, with every round's figure beside
 * it; for load results the receipts, rows, losses and errors are summed over all rounds,
 * so that a tip lost in any round shows.
 */
function medianOfRounds<T extends { tipsPerSecond: number }>(rounds: Partial<Record<TPath, T>>[], paths: TPath[]): Partial<Record<TPath, T>> {
  const result: Partial<Record<TPath, T>> = {};
  for (const which of paths) {
    const runs = rounds.map((round) => round[which]).filter((run): run is T => run !== undefined);
    if (runs.length === 0) continue;
    const median = [...runs].sort((a, b) => a.tipsPerSecond - b.tipsPerSecond)[Math.floor((runs.length - 1) / 2)]!;
    if (runs.length === 1) {
      result[which] = median;
      continue;
    }
    const sum = (key: string) => runs.reduce((total, run) => total + ((run as Record<string, unknown>)[key] as number), 0);
    const totals = "receipts" in median ? { receipts: sum("receipts"), stored: sum("stored"), lost: sum("lost"), errors: sum("errors") } : {};
    result[which] = { ...median, ...totals, roundsTipsPerSecond: runs.map((run) => run.tipsPerSecond) };
  }
  return result;
}

function report(label: string, result: TLoadResult): void {
  const cpu = result.serverCpuMsPerTip === null ? "" : `, server CPU ${result.serverCpuMsPerTip.toFixed(2)} ms/tip, load generator ${result.loadCpuMsPerTip.toFixed(2)} ms/tip`;
  console.log(
    `${label.padEnd(64)} ${result.tipsPerSecond.toFixed(1).padStart(8)} tips/s   p50 ${result.p50Ms.toFixed(0)} ms   p99 ${result.p99Ms.toFixed(0)} ms   receipts ${result.receipts}, stored ${result.stored}, lost ${result.lost}, errors ${result.errors}${cpu}`,
  );
}

/** Runs this script in a child process in `role` and returns the JSON line it prints last. */
function child<T>(role: string, database: TDatabase, argv: string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", SCRIPT, `--role=${role}`, `--database=${database}`, ...argv], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    proc.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
      const lines = chunk.toString("utf8").split("\n").filter((line) => line && !line.startsWith("{"));
      for (const line of lines) console.log(line);
    });
    proc.on("exit", (code) => {
      const last = output.trim().split("\n").pop() ?? "";
      if (code !== 0 || !last.startsWith("{")) reject(new Error(`${role} (${database}) failed with exit code ${code}`));
      else resolve(JSON.parse(last) as T);
    });
  });
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const argv = process.argv.slice(2).filter((arg) => !arg.startsWith("--role=") && !arg.startsWith("--database="));
  if (options.role === "measure") {
    console.log(JSON.stringify(await measureApp(options, options.database)));
    return;
  }
  if (options.role === "floor") {
    console.log(JSON.stringify(await measureFloor(options, options.database)));
    return;
  }
  const { buildIfStale } = await import("../scripts/lib/build-if-stale");
  buildIfStale();
  console.log(`${options.concurrency} concurrent reporters, ${options.workers} server process(es), ${options.warmup} s warm-up, ${options.duration} s measured; paths ${options.paths.join(", ")}; databases ${options.databases.join(", ")}`);
  const bareRounds: Partial<Record<TDatabase, Partial<Record<TPath, TLoadResult>>[]>> = {};
  const appRounds: Partial<Record<TDatabase, Partial<Record<TPath, TLoadResult>>[]>> = {};
  const floorRounds: Partial<Record<TDatabase, Partial<Record<TPath, TFloorResult>>[]>> = {};
  for (let round = 1; round <= options.rounds; round += 1) {
    if (options.rounds > 1) console.log(`\nround ${round} of ${options.rounds}`);
    for (const database of options.databases) {
      (bareRounds[database] ??= []).push(await measureBare(options, database));
      (appRounds[database] ??= []).push(await child("measure", database, argv));
      (floorRounds[database] ??= []).push(await child("floor", database, argv));
    }
  }
  const bare: Partial<Record<TDatabase, Partial<Record<TPath, TLoadResult>>>> = {};
  const app: Partial<Record<TDatabase, Partial<Record<TPath, TLoadResult>>>> = {};
  const floor: Partial<Record<TDatabase, Partial<Record<TPath, TFloorResult>>>> = {};
  for (const database of options.databases) {
    bare[database] = medianOfRounds(bareRounds[database] ?? [], options.paths);
    app[database] = medianOfRounds(appRounds[database] ?? [], options.paths);
    floor[database] = medianOfRounds(floorRounds[database] ?? [], options.paths);
  }
  if (options.rounds > 1) {
    console.log(`\nmedian of ${options.rounds} rounds:`);
    for (const database of options.databases) {
      for (const which of options.paths) if (bare[database]?.[which]) report(bareLabel(which, database), bare[database][which]);
      for (const which of options.paths) if (app[database]?.[which]) report(`app ${which === "sealed" ? "browser-sealed" : "no-JavaScript"} (${database})`, app[database][which]);
    }
  }
  console.log("");
  const ratios: Record<string, { toFloor: number | null; toBare: number | null; toBareOnSqlite: number | null }> = {};
  for (const database of options.databases) {
    for (const which of options.paths) {
      const result = app[database]?.[which];
      if (!result) continue;
      const toFloor = floor[database]?.[which] ? result.tipsPerSecond / floor[database][which].tipsPerSecond : null;
      const reference = bare[database]?.[which];
      const toBare = reference ? result.tipsPerSecond / reference.tipsPerSecond : null;
      // Against the bare action on SQLite as well, as runs before 2026-12-03 compared every database.
      const toBareOnSqlite = database !== "sqlite" && bare.sqlite?.[which] ? result.tipsPerSecond / bare.sqlite[which].tipsPerSecond : null;
      ratios[`${database}.${which}`] = { toFloor, toBare, toBareOnSqlite };
      console.log(
        `${`ratio app ${which === "sealed" ? "browser-sealed" : "no-JavaScript"} (${database})`.padEnd(64)} to the floor ${toFloor?.toFixed(2) ?? "–"}, to the bare action (${database}) ${toBare?.toFixed(2) ?? "–"}${toBareOnSqlite === null ? "" : `, to the bare action on sqlite ${toBareOnSqlite.toFixed(2)}`}; server CPU per tip: the app ${result.serverCpuMsPerTip?.toFixed(2) ?? "–"} ms, the bare action ${reference?.serverCpuMsPerTip?.toFixed(2) ?? "–"} ms, the floor ${floor[database]?.[which]?.cpuMsPerTip.toFixed(2) ?? "–"} ms`,
      );
    }
  }
  const settings = { duration: options.duration, warmup: options.warmup, concurrency: options.concurrency, workers: options.workers, rounds: options.rounds };
  console.log(JSON.stringify({ benchmark: "submit-capacity", settings, app, floor, bare, ratios }));
}

await main();
process.exit(0);
