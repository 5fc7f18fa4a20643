// Several server processes on one port (TIPLINE_WORKERS), on the embedded SQLite database,
// held from a skeptic's side: the workers really are separate processes that all take
// requests, no tip sent to any of them is lost or stored twice, a worker that dies is
// replaced while the others keep answering, and SQLite's cross-process locking cannot
// fail a transaction that reads and then writes (the adapter's BEGIN IMMEDIATE). SQLite
// only: several processes on one file is what it is about (two-instances.test.ts crosses
// two instances on PostgreSQL).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTip, sealTip, toBase64Url, type TKeyPair } from "@/lib/crypto";
import { memoryOfProcessGroup, processGroupOfServer } from "../support/process-memory";
import { seedFirstOperator } from "../support/seed";
import { serverActionId, startTestServer, testSecrets, type TTestServer } from "../support/server";

// This port only: the other suites use their own.
const PORT = 3341;
const WORKERS = 2;

/** The next-server processes of a server's process group (the cluster primary is plain node). */
function serverWorkers(dataDir: string): number[] {
  const group = processGroupOfServer(dataDir);
  if (group === null) return [];
  return memoryOfProcessGroup(group)
    .filter((member) => member.comm.startsWith("next-server"))
    .map((member) => member.pid);
}

/** Linux's per-process CPU time in clock ticks (utime + stime), from /proc. */
function cpuTicks(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(fields[11]) + Number(fields[12]);
}

async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return condition();
}

let dataDir: string;
let desk: TKeyPair;
const secrets = testSecrets();

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tipline-workers-"));
  ({ desk } = await seedFirstOperator(dataDir, secrets));
});

afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** A GET on a connection of its own (no keep-alive pool), resolving with the status. */
function statusOnNewConnection(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http.get(url, { agent: false, timeout: 15_000 }, (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode ?? 0));
    })
      .on("error", reject)
      .on("timeout", () => reject(new Error(`no answer from ${url} in 15 s`)));
  });
}

describe("SQLite transactions with another process on the file", () => {
  it("lets a transaction that reads and then writes commit although another process wrote in between", async () => {
    // Another process (as another worker would) inserts a tip as soon as it is told to, and
    // says when it has. With a deferred BEGIN it would commit while our transaction holds
    // only a read snapshot, and our write would then fail at once with SQLITE_BUSY.
    const writer = spawn(
      process.execPath,
      [
        "-e",
        `const Database = require("better-sqlite3");
         const db = new Database(process.argv[1]);
         db.pragma("busy_timeout = 10000");
         process.stdin.once("data", () => {
           db.prepare("INSERT INTO Tip (id, sealed, status, receivedOn, lookupHash) VALUES ('other-process', x'00', 'received', '2026-12-01', randomblob(32))").run();
           process.stdout.write("written\\n");
           db.close();
         });`,
        path.join(dataDir, "tipline.db"),
      ],
      { stdio: ["pipe", "pipe", "inherit"] },
    );
    const written = new Promise<void>((resolve) => writer.stdout.once("data", () => resolve()));
    const exited = new Promise((resolve) => writer.once("exit", resolve));

    const { getDb } = await import("@/lib/db/client");
    const db = await getDb();
    let writtenDuringTransaction = false;
    await db.$transaction(async (tx) => {
      const count = await tx.tip.count();
      writer.stdin.end("go\n");
      // The other process's insert waits for our write lock; give it every chance to slip in.
      writtenDuringTransaction = await Promise.race([written.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 500))]);
      await tx.tip.create({ data: { id: `after-${count}`, sealed: new Uint8Array([1]), receivedOn: "2026-12-01", lookupHash: new Uint8Array(randomBytes(32)), status: "received" } });
    });
    await written;
    await exited;
    await db.$disconnect();

    expect(writtenDuringTransaction).toBe(false);
    const check = new Database(path.join(dataDir, "tipline.db"));
    try {
      const ids = (check.prepare("SELECT id FROM Tip ORDER BY id").all() as { id: string }[]).map((row) => row.id);
      expect(ids).toEqual(["after-0", "other-process"]);
      // Not tips: the next suite counts the tips it sends.
      check.prepare("DELETE FROM Tip").run();
    } finally {
      check.close();
    }
  });
});

describe(`${WORKERS} server processes on one port, on SQLite`, () => {
  let server: TTestServer;

  beforeAll(async () => {
    server = await startTestServer({ port: PORT, dataDir, env: { ...secrets, TIPLINE_WORKERS: String(WORKERS) } });
  });

  afterAll(async () => {
    await server?.stop();
  });

  it("runs that many next-server processes, all of which take tips, and stores every tip sent once", { timeout: 120_000 }, async () => {
    const workers = serverWorkers(dataDir);
    expect(workers).toHaveLength(WORKERS);
    const before = new Map(workers.map((pid) => [pid, cpuTicks(pid)]));

    const id = serverActionId("submitSealedTipAction");
    const sent = new Map<string, string>();
    const bodies = await Promise.all(
      Array.from({ length: 120 }, async (_, index) => {
        const marker = `workers-${index}-${randomBytes(4).toString("hex")}`;
        const sealedTip = toBase64Url(await sealTip(desk.publicKey, { v: 1, channel: "web", tip: { subject: "adult", signals: [], seenOrHeard: marker } }));
        sent.set(marker, sealedTip);
        return JSON.stringify([{ sealedTip, lookupToken: toBase64Url(randomBytes(32)) }]);
      }),
    );
    // 24 reporters at once, each on connections of its own: the primary hands connections out in turn.
    const answers: string[] = [];
    const queue = [...bodies];
    await Promise.all(
      Array.from({ length: 24 }, async () => {
        for (let body = queue.shift(); body !== undefined; body = queue.shift()) {
          const response = await fetch(`${server.origin}/melden`, { method: "POST", headers: { "next-action": id, "content-type": "text/plain;charset=UTF-8" }, body });
          answers.push(await response.text());
        }
      }),
    );
    expect(answers.filter((text) => text.includes('"ok":true'))).toHaveLength(bodies.length);

    // Every worker did real work (CPU well beyond an idle process's), not one of them alone.
    for (const pid of workers) expect(cpuTicks(pid) - before.get(pid)!, `worker ${pid}`).toBeGreaterThan(10);

    const db = new Database(path.join(dataDir, "tipline.db"), { readonly: true });
    try {
      const rows = db.prepare("SELECT sealed FROM Tip").all() as { sealed: Buffer }[];
      const markers = await Promise.all(rows.map(async (row) => ((await openTip(desk, new Uint8Array(row.sealed))) as { tip: { seenOrHeard: string } }).tip.seenOrHeard));
      expect(markers.sort()).toEqual([...sent.keys()].sort());
      expect((db.prepare("PRAGMA integrity_check").get() as { integrity_check: string }).integrity_check).toBe("ok");
    } finally {
      db.close();
    }
  });

  it("replaces a worker that dies, and the others answer while it is gone", { timeout: 120_000 }, async () => {
    const [victim, ...others] = serverWorkers(dataDir);
    expect(victim).toBeDefined();
    process.kill(victim!, "SIGKILL");
    // Once the primary has seen the death (it reaps the process), and before the replacement
    // is up, every request on a new connection is answered by the workers left. Limits: a
    // keep-alive connection the dead worker held dies with it (a browser retries a page
    // load on such a connection by itself), and a connection handed to the worker in the
    // instant between its death and the primary's noticing is lost (Node's cluster module).
    expect(await until(() => !serverWorkers(dataDir).includes(victim!), 10_000)).toBe(true);
    for (let index = 0; index < 10; index += 1) expect(await statusOnNewConnection(`${server.origin}/`)).toBe(200);
    const replaced = await until(() => {
      const now = serverWorkers(dataDir);
      return now.length === WORKERS && !now.includes(victim!) && others.every((pid) => now.includes(pid));
    }, 60_000);
    expect(replaced).toBe(true);
    expect((await fetch(`${server.origin}/melden`)).status).toBe(200);
  });
});
