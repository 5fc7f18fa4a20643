// `npm run bench`: every benchmark under bench/, one after the other (each needs the
// machine to itself), then BENCHMARKS.md with the machine's description, the figures and
// the targets of issue #5 beside them. Each benchmark prints its own figures and one JSON
// line last, which is what this script collects. Not part of `npm test` or CI.
// Run on a quiet machine: npm run bench [-- --only=submit-capacity,page-weight]
//   [--note="…"] [--out=BENCHMARKS.md] [--duration=20 --warmup=5 --concurrency=64 …]
// Options other than --only, --note and --out are passed on to submit-capacity.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import { buildIfStale } from "../scripts/lib/build-if-stale";

type TBench = { name: string; file: string; reactServer: boolean; args: string[] };

const argv = process.argv.slice(2);
const option = (name: string) => argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
const submitArgs = argv.filter((arg) => !/^--(only|note|out)=/.test(arg));
// Three whole rounds of the submission benchmark, each figure the median round's, unless told otherwise.
if (!submitArgs.some((arg) => arg.startsWith("--rounds="))) submitArgs.push("--rounds=3");
const BENCHES: TBench[] = [
  { name: "crypto-primitives", file: "bench/crypto-primitives.ts", reactServer: true, args: [] },
  { name: "page-weight", file: "bench/page-weight.ts", reactServer: false, args: [] },
  { name: "status-check", file: "bench/status-check.ts", reactServer: true, args: [] },
  { name: "page-render", file: "bench/page-render.ts", reactServer: true, args: [] },
  { name: "inbox-unlock", file: "bench/inbox-unlock.ts", reactServer: true, args: [] },
  { name: "submit-capacity", file: "bench/submit-capacity.ts", reactServer: true, args: submitArgs },
];
const only = option("only")?.split(",");
const out = option("out") ?? "BENCHMARKS.md";

/** Runs one benchmark, echoing its output, and resolves with its last JSON line (or null when it failed). */
function run(bench: TBench): Promise<Record<string, unknown> | null> {
  return new Promise((resolve) => {
    console.log(`\n== ${bench.name}`);
    const conditions = bench.reactServer ? ["--conditions=react-server"] : [];
    const child = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", ...conditions, bench.file, ...bench.args], { stdio: ["ignore", "pipe", "inherit"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
      process.stdout.write(chunk);
    });
    child.on("exit", (code) => {
      const last = output.trim().split("\n").filter((line) => line.startsWith("{")).pop();
      if (code !== 0 || !last) {
        console.error(`${bench.name} failed (exit code ${code})`);
        resolve(null);
      } else resolve(JSON.parse(last) as Record<string, unknown>);
    });
  });
}

function machine(): [string, string][] {
  const cpus = os.cpus();
  const osName = fs.existsSync("/etc/os-release") ? (/^PRETTY_NAME="?([^"\n]*)"?/m.exec(fs.readFileSync("/etc/os-release", "utf8"))?.[1] ?? os.type()) : os.type();
  let chromium = "not found";
  try {
    chromium = execFileSync(process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    // no Chromium: the browser benchmarks fail and say so
  }
  return [
    ["CPU", `${cpus[0]?.model ?? "unknown"} × ${cpus.length}`],
    ["Memory", `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`],
    ["OS", `${osName} (Linux ${os.release()}, ${os.arch()})`],
    ["Node.js", process.version],
    ["Chromium", chromium],
    ["Date", new Date().toISOString().slice(0, 16).replace("T", " ") + " UTC"],
  ];
}

const fixed = (value: unknown, digits = 1) => (typeof value === "number" && Number.isFinite(value) ? value.toFixed(digits) : "–");
const met = (ok: boolean | null) => (ok === null ? "" : ok ? " ✅" : " ❌");

type TLoad = { roundsTipsPerSecond?: number[]; tipsPerSecond: number; p50Ms: number; p99Ms: number; receipts: number; stored: number; lost: number; errors: number; serverCpuMsPerTip: number | null };
type TSubmit = {
  settings: { duration: number; warmup: number; concurrency: number; workers?: number; rounds?: number };
  app: Record<string, Record<string, TLoad>>;
  floor: Record<string, Record<string, { tipsPerSecond: number; msPerTip: number; cpuMsPerTip?: number; roundsTipsPerSecond?: number[] }>>;
  bare: Record<string, Record<string, TLoad & { loadCpuMsPerTip?: number }>>;
  ratios: Record<string, { toFloor: number | null; toBare: number | null; toBareOnSqlite?: number | null }>;
};

/** " (median of 3 rounds: 281.3, 371.2, 420.0)" when the figure is the median of several rounds. */
function rounds(runs: number[] | undefined): string {
  return runs && runs.length > 1 ? ` (median of ${runs.length} rounds: ${runs.map((run) => fixed(run)).join(", ")})` : "";
}

function submitRows(result: TSubmit): string[] {
  const rows: string[] = [];
  const label = { sealed: "browser-sealed", plain: "no-JavaScript" } as Record<string, string>;
  for (const [database, paths] of Object.entries(result.app)) {
    for (const [which, load] of Object.entries(paths)) {
      const throughputTarget = which === "sealed" ? 300 : 100;
      const p99Ok = which === "sealed" ? load.p99Ms < 250 : null;
      const ratio = result.ratios[`${database}.${which}`];
      const reference = which === "sealed" ? "action" : "form post";
      rows.push(
        `| Submission, ${label[which]}, ${database} | ${fixed(load.tipsPerSecond)} tips/s${met(load.tipsPerSecond >= throughputTarget)}${rounds(load.roundsTipsPerSecond)}; p50 ${fixed(load.p50Ms, 0)} ms, p99 ${fixed(load.p99Ms, 0)} ms${met(p99Ok)} | ≥ ${throughputTarget} tips/s${which === "sealed" ? ", p99 < 250 ms" : ""} |`,
        `| ↳ no tip lost (receipts = stored rows, all open with the desk key${load.roundsTipsPerSecond ? ", all rounds" : ""}) | ${load.receipts} receipts, ${load.stored} stored, ${load.lost} lost, ${load.errors} errors${met(load.lost === 0 && load.receipts === load.stored)} | 0 lost |`,
        `| ↳ ratio to the bare ${reference} on ${database} | ${fixed(ratio?.toBare, 2)}${met(ratio?.toBare == null ? null : ratio.toBare >= 0.8)} | ≥ 0.8 |`,
        ...(ratio?.toBareOnSqlite == null ? [] : [`| ↳ ratio to the bare ${reference} on sqlite (the reference of runs before 2026-12-03) | ${fixed(ratio.toBareOnSqlite, 2)} | — |`]),
        `| ↳ ratio to the floor (${fixed(result.floor[database]?.[which]?.tipsPerSecond)} tips/s in one process${rounds(result.floor[database]?.[which]?.roundsTipsPerSecond)}) | ${fixed(ratio?.toFloor, 2)} | — |`,
        `| ↳ server CPU per tip (the bare action ${fixed(result.bare[database]?.[which]?.serverCpuMsPerTip, 2)} ms, the floor in one process ${fixed(result.floor[database]?.[which]?.cpuMsPerTip, 2)} ms) | ${fixed(load.serverCpuMsPerTip, 2)} ms | — |`,
      );
    }
  }
  for (const [database, paths] of Object.entries(result.bare)) {
    for (const [which, load] of Object.entries(paths)) {
      rows.push(`| Bare Next.js action (reference), ${which === "sealed" ? "with JavaScript" : "form post, page re-rendered"}, ${database} | ${fixed(load.tipsPerSecond)} tips/s${rounds(load.roundsTipsPerSecond)}; p50 ${fixed(load.p50Ms, 0)} ms, p99 ${fixed(load.p99Ms, 0)} ms; server CPU ${fixed(load.serverCpuMsPerTip, 2)} ms/tip | — |`);
    }
  }
  return rows;
}

function otherRows(name: string, result: Record<string, unknown>): string[] {
  const kib = (bytes: unknown) => (typeof bytes === "number" ? `${(bytes / 1024).toFixed(1)} KiB` : "–");
  switch (name) {
    case "crypto-primitives":
      return (result.results as { operation: string; msPerCall: number; userMsPerCall: number; kernelMsPerCall: number }[]).map(
        (row) =>
          `| Crypto: ${row.operation} | ${fixed(row.msPerCall, 2)} ms per call (CPU: user ${fixed(row.userMsPerCall, 2)} ms, kernel ${fixed(row.kernelMsPerCall, 2)} ms) | ${row.operation.startsWith("deriveReporterKeys") || row.operation.startsWith("server's ") ? "≲ 20 ms" : "—"} |`,
      );
    case "page-weight": {
      const home = result.home as { js: number; total: number };
      const form = result.form as { js: number; total: number };
      const sodium = result.libsodium as { gzip: number } | null;
      return [
        `| Page weight, reporter's first page "/" (gzipped) | JavaScript ${kib(home.js)}, everything ${kib(home.total)} | — |`,
        `| Page weight, form "/melden" (gzipped) | JavaScript ${kib(form.js)}, everything ${kib(form.total)}${sodium ? `; libsodium chunk when sealing ${kib(sodium.gzip)}` : ""} | — |`,
      ];
    }
    case "status-check": {
      const cpu = result.cpuMsPerCheck as Record<string, number>;
      return [
        `| Status check, server CPU, JavaScript path | ${fixed(cpu.javascript, 2)} ms (wrong code ${fixed(cpu.javascriptWrongCode, 2)} ms) | — |`,
        `| Status check, server CPU, no-JavaScript path (Argon2id on the server) | ${fixed(cpu.noJavascript, 2)} ms (wrong code ${fixed(cpu.noJavascriptWrongCode, 2)} ms) | — |`,
      ];
    }
    case "page-render":
      return (result.results as { request: string; bytes: number; cpuMsPerRequest: number }[]).map((row) => `| Server CPU per request, one at a time: ${row.request} | ${fixed(row.cpuMsPerRequest, 2)} ms (${kib(row.bytes)} of HTML) | — |`);
    case "inbox-unlock":
      return (result.results as { tips: number; seconds: number; rowsShown: number }[]).map((row) => `| Operator inbox: log in, unlock and list ${row.tips} tips (headless Chromium) | ${fixed(row.seconds, 2)} s (${row.rowsShown} rows shown) | — |`);
    default:
      return [];
  }
}

buildIfStale();
const loadBefore = os.loadavg();
const description = machine();
const collected: { name: string; result: Record<string, unknown> | null }[] = [];
for (const bench of BENCHES.filter((entry) => !only || only.includes(entry.name))) collected.push({ name: bench.name, result: await run(bench) });
const loadAfter = os.loadavg();

const submit = collected.find((entry) => entry.name === "submit-capacity")?.result as TSubmit | null | undefined;
const notes: string[] = [];
const note = option("note");
if (note) notes.push(`> **${note}**`);
if (submit && (submit.settings.duration < 20 || submit.settings.concurrency !== 64)) {
  notes.push(`> Submission figures from non-standard settings (${submit.settings.concurrency} reporters, ${submit.settings.duration} s measured): not comparable with the targets.`);
}
if (loadBefore[0]! > os.cpus().length / 2) notes.push(`> The machine was busy when the run started (load average ${loadBefore[0]!.toFixed(2)} on ${os.cpus().length} CPUs): the figures are low.`);

const lines = [
  "# Benchmarks",
  "",
  "Written by `npm run bench` (bench/run-all.ts); each figure comes from the benchmark named in `bench/`. Targets from issue #5: on a 2-core machine, load generator included, 64 concurrent reporters, no tip lost.",
  "",
  ...(notes.length > 0 ? [...notes.flatMap((text) => [text, ""])] : []),
  "## Machine",
  "",
  "| | |",
  "| --- | --- |",
  ...description.map(([key, value]) => `| ${key} | ${value} |`),
  `| Load average (1 min) at start / end | ${loadBefore[0]!.toFixed(2)} / ${loadAfter[0]!.toFixed(2)} |`,
  ...(submit ? [`| Submission run | ${submit.settings.concurrency} concurrent reporters, ${submit.settings.workers ?? 1} server process(es) (TIPLINE_WORKERS) for the app and the bare action alike, ${submit.settings.warmup} s warm-up, ${submit.settings.duration} s measured, ${submit.settings.rounds ?? 1} round(s): each figure is the median round's, the ratios are of medians |`] : []),
  "",
  "## Figures",
  "",
  "| Benchmark | Measured | Target |",
  "| --- | --- | --- |",
  ...collected.flatMap(({ name, result }) => {
    if (!result) return [`| ${name} | failed (see the run's output) | |`];
    return name === "submit-capacity" ? submitRows(result as unknown as TSubmit) : otherRows(name, result);
  }),
  "",
  "How the submission benchmark works, and what the browser-sealed path leaves out (the reporter's own Argon2id and sealing, which run on the reporter's device), is described at the top of `bench/submit-capacity.ts`.",
  "",
];
fs.writeFileSync(out, lines.join("\n"));
console.log(`\nWrote ${out}`);
process.exit(collected.some((entry) => entry.result === null) ? 1 : 0);
