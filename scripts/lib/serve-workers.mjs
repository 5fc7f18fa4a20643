// Several server processes (scripts/lib/serve.mjs) on one port (TIPLINE_WORKERS > 1), through Node's cluster
// module: this primary holds the listening socket and hands each new connection to a
// worker in turn; each worker is a Next.js production server of its own. Nothing another
// worker needs lives in a worker's memory (sessions, rate limits, login delays, tokens and
// job leases are in the database), so any worker may answer any request.
// Usage: node scripts/lib/serve-workers.mjs <workers> <script> <its arguments…>, where the
// script is scripts/lib/serve.mjs (npm start) or Next's own bin with "start …" (the
// benchmark's bare reference app).
// Plain JavaScript, so that it runs without tsx; started by scripts/start.ts.
import cluster from "node:cluster";

const [count, script, ...scriptArgs] = process.argv.slice(2);
const workers = Number(count);
if (!Number.isInteger(workers) || workers < 2) {
  console.error("serve-workers: the number of workers must be an integer of at least 2");
  process.exit(2);
}
if (!script) {
  console.error("serve-workers: which script each worker runs is missing");
  process.exit(2);
}

cluster.setupPrimary({ exec: script, args: scriptArgs });

let stopping = false;
// A worker that dies is replaced; one that dies within 10 s of its start, five times in a
// row, is a broken installation (a bad build, a bad database URL): give up, loudly.
let quickDeaths = 0;
const startedAt = new Map();

function fork() {
  const worker = cluster.fork();
  startedAt.set(worker.id, Date.now());
}

cluster.on("exit", (worker, code, signal) => {
  const lived = Date.now() - (startedAt.get(worker.id) ?? 0);
  startedAt.delete(worker.id);
  if (stopping) {
    // Node may still list a worker whose exit came before its channel closed: count the living.
    if (Object.values(cluster.workers ?? {}).every((other) => !other || other.isDead())) process.exit(0);
    return;
  }
  console.error(`[serve] worker ${worker.process.pid} ended (${signal ?? `exit code ${code}`}); starting another`);
  quickDeaths = lived < 10_000 ? quickDeaths + 1 : 0;
  if (quickDeaths >= 5) {
    console.error("[serve] workers keep dying at start; stopping");
    process.exit(1);
  }
  setTimeout(fork, Math.min(5_000, 200 * 2 ** quickDeaths));
});

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    stopping = true;
    const running = Object.values(cluster.workers ?? {});
    if (running.length === 0) process.exit(0);
    for (const worker of running) worker?.process.kill(signal);
  });
}

for (let index = 0; index < workers; index += 1) fork();
