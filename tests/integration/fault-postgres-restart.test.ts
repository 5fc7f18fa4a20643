// A PostgreSQL restart under load, from the side of the reporters sending tips at that
// moment. The test runs its own PostgreSQL server (initdb in a temporary folder, its own
// port), so that stopping it disturbs no other suite. While tips are being sent without
// JavaScript, the database is stopped and started again; the app is not touched.
// - While the database is down a reporter gets a clear message (the form says the line
//   cannot be reached, or the send says "kon niet worden opgeslagen"), never a receipt,
//   never a stack trace, and the server stays up.
// - Once the database is back, tips go through again without anyone restarting the app.
// - Every receipt handed out, before, during or after, belongs to a stored tip that opens
//   to exactly what its reporter sent: nothing acknowledged is lost.
// - A reporter without JavaScript caught by the outage between the form and its check step
//   keeps every word typed, and sends it from the same page once the database is back.
// Runs where PostgreSQL's server binaries exist and TEST_DATABASE_URL is set (CI).
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deriveReporterKeys, openTip, type TKeyPair } from "@/lib/crypto";
import { submitForm } from "../support/html-form";
import { TEST_DATABASE_URL } from "../support/postgres";
import { seedFirstOperator } from "../support/seed";
import { startTestServer, testSecrets, type TTestServer } from "../support/server";

const PORT = 3313;
const PG_PORT = 55433;
const RECEIPT = /data-testid="receipt-code"[^>]*>([0-9A-Z-]{19})</;
const NOT_STORED = (JSON.parse(fs.readFileSync("messages/nl/tip.json", "utf8")) as { errors: { notStored: string } }).errors.notStored;
const UNAVAILABLE = 'data-testid="unavailable"';
/** What a page shows: its HTML without the scripts (React's payload repeats the form state). */
const shown = (html: string) => html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, "");

function postgresBin(): string | null {
  if (!fs.existsSync("/usr/lib/postgresql")) return null;
  for (const version of fs.readdirSync("/usr/lib/postgresql").sort().reverse()) {
    const bin = path.join("/usr/lib/postgresql", version, "bin");
    if (fs.existsSync(path.join(bin, "initdb")) && fs.existsSync(path.join(bin, "pg_ctl"))) return bin;
  }
  return null;
}
const BIN = postgresBin();
// PostgreSQL refuses to run as root: as root the server runs as the postgres user.
const asPostgres = (command: string, args: string[]) =>
  process.getuid?.() === 0 ? (["runuser", ["-u", "postgres", "--", command, ...args]] as const) : ([command, args] as const);
const CAN_RUN = BIN !== null && TEST_DATABASE_URL !== "" && (process.getuid?.() !== 0 || spawnSync("id", ["postgres"]).status === 0);

describe.runIf(CAN_RUN)("a PostgreSQL restart while reporters send tips", () => {
  let pgDir: string;
  let dataDir: string;
  let server: TTestServer;
  let desk: TKeyPair;
  const url = `postgresql://postgres@127.0.0.1:${PG_PORT}/postgres?schema=tipline`;

  function pgCtl(...args: string[]) {
    const [command, argv] = asPostgres(path.join(BIN!, "pg_ctl"), ["-D", path.join(pgDir, "data"), ...args]);
    execFileSync(command, [...argv], { stdio: "pipe", timeout: 60_000 });
  }
  const startPostgres = () => pgCtl("-l", path.join(pgDir, "postgres.log"), "-w", "-o", `-p ${PG_PORT} -k ${pgDir} -c listen_addresses=127.0.0.1`, "start");
  const stopPostgres = () => pgCtl("-m", "fast", "-w", "stop");

  beforeAll(async () => {
    pgDir = fs.mkdtempSync(path.join(os.tmpdir(), "tipline-pg-restart-"));
    fs.chmodSync(pgDir, 0o777);
    const [command, argv] = asPostgres(path.join(BIN!, "initdb"), ["-D", path.join(pgDir, "data"), "-A", "trust", "-U", "postgres", "--no-sync"]);
    execFileSync(command, [...argv], { stdio: "pipe", timeout: 120_000 });
    startPostgres();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tipline-pg-restart-app-"));
    const secrets = testSecrets();
    ({ desk } = await seedFirstOperator(dataDir, secrets, url));
    const { getDb } = await import("@/lib/db/client");
    await (await getDb()).$disconnect();
    server = await startTestServer({ port: PORT, dataDir, env: { ...secrets, DATABASE_URL: url } });
  });

  afterAll(async () => {
    await server?.stop();
    try {
      stopPostgres();
    } catch {
      // already stopped
    }
    fs.rmSync(pgDir, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  type TOutcome =
    | { text: string; kind: "receipt"; code: string }
    /** The send was refused: "kon niet worden opgeslagen". */
    | { text: string; kind: "not-stored" }
    /** The form itself said the line cannot be reached. */
    | { text: string; kind: "unavailable" }
    | { text: string; kind: "other"; status: number; excerpt: string };

  /** One reporter's no-JavaScript tip: form, review, send. */
  async function sendTip(text: string): Promise<TOutcome> {
    const form = `${server.origin}/melden?over=adult`;
    try {
      const page = await (await fetch(form)).text();
      if (page.includes(UNAVAILABLE)) return { text, kind: "unavailable" };
      const review = await submitForm(form, page, [
        ["intent", "review"],
        ["subject", "adult"],
        ["signals", "under-pressure"],
        ["seenOrHeard", text],
      ]);
      // The database went down between the form and its check step: the check page says so.
      if (review.html.includes(UNAVAILABLE)) return { text, kind: "unavailable" };
      const done = await submitForm(form, review.html, [["intent", "send"]]);
      const code = RECEIPT.exec(done.html)?.[1];
      if (code) return { text, kind: "receipt", code };
      if (done.html.includes(NOT_STORED)) return { text, kind: "not-stored" };
      return { text, kind: "other", status: done.status, excerpt: done.html.slice(0, 300) };
    } catch (error) {
      return { text, kind: "other", status: 0, excerpt: String(error) };
    }
  }

  it("keeps a no-JavaScript reporter's words through an outage between the form and its check step, and sends them once the database is back", async () => {
    const form = `${server.origin}/melden?over=adult`;
    const text = "Woorden die niet verloren mogen gaan tijdens een storing. pg-outage-words";
    const page = await (await fetch(form)).text();
    expect(page).not.toContain(UNAVAILABLE);
    stopPostgres();
    let failed: Awaited<ReturnType<typeof submitForm>>;
    try {
      const review = await submitForm(form, page, [
        ["intent", "review"],
        ["subject", "adult"],
        ["signals", "under-pressure"],
        ["seenOrHeard", text],
      ]);
      // The check step says the line cannot be reached, and shows the tip back all the same.
      expect(review.html).toContain(UNAVAILABLE);
      expect(shown(review.html)).toContain(text);
      expect(review.html).toContain('data-testid="send"');
      failed = await submitForm(form, review.html, [["intent", "send"]]);
      expect(shown(failed.html)).toContain(NOT_STORED);
      expect(shown(failed.html)).toContain(text);
      expect(RECEIPT.test(failed.html)).toBe(false);
    } finally {
      startPostgres();
    }
    // Once the database is back, the same page sends the same words.
    const deadline = Date.now() + 60_000;
    let code: string | undefined;
    while (!code && Date.now() < deadline) {
      const done = await submitForm(form, failed.html, [["intent", "send"]]);
      code = RECEIPT.exec(done.html)?.[1];
      if (!code) await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    expect(code).toBeDefined();
    const { checkTipStatus } = await import("@/lib/follow-up/check-tip-status");
    const { listTips } = await import("@/lib/db/tips");
    const { getDb } = await import("@/lib/db/client");
    process.env.DATABASE_URL = url;
    const found = await checkTipStatus((await deriveReporterKeys(code!)).lookupToken);
    const stored = (await listTips()).find((tip) => tip.id === found?.tipId);
    expect(((await openTip(desk, stored!.sealed)) as { tip: { seenOrHeard: string } }).tip.seenOrHeard).toBe(text);
    await (await getDb()).$disconnect();
  }, 300_000);

  it("tells reporters clearly while the database is down, recovers by itself, and loses no acknowledged tip", async () => {
    const outcomes: TOutcome[] = [];
    let serial = 0;
    const reporters = async (count: number) => {
      await Promise.all(
        Array.from({ length: count }, async () => {
          serial += 1;
          outcomes.push(await sendTip(`Melding ${serial} tijdens de herstart. pg-restart-canary-${serial}`));
        }),
      );
    };

    await reporters(4);
    expect(outcomes.filter((outcome) => outcome.kind === "receipt")).toHaveLength(4);

    // Stop the database while a wave of reporters is sending.
    const wave = reporters(6);
    stopPostgres();
    await wave;
    const down: TOutcome[] = [];
    for (let index = 0; index < 3; index += 1) down.push(await sendTip(`Melding terwijl de database weg is ${index}. pg-restart-down-${index}`));
    outcomes.push(...down);
    for (const outcome of down) expect(["not-stored", "unavailable"], JSON.stringify(outcome)).toContain(outcome.kind);

    startPostgres();
    // No hand on the app: within a while a tip goes through again.
    const deadline = Date.now() + 60_000;
    let back: TOutcome | null = null;
    while (Date.now() < deadline) {
      back = await sendTip(`Melding na de herstart. pg-restart-after-${Date.now()}`);
      outcomes.push(back);
      if (back.kind === "receipt") break;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    expect(back?.kind).toBe("receipt");
    await reporters(4);

    // Nothing but receipts and the clear message: no stack trace, no other page.
    expect(outcomes.filter((outcome) => outcome.kind === "other")).toEqual([]);
    const log = fs.readFileSync(server.logFile, "utf8");
    expect(log).not.toMatch(/uncaughtException|unhandledRejection|FATAL ERROR/);
    expect(log).not.toMatch(/pg-restart-(canary|down|after)/);

    // Every receipt belongs to a stored tip that opens to exactly what was sent.
    const { listTips } = await import("@/lib/db/tips");
    const { checkTipStatus } = await import("@/lib/follow-up/check-tip-status");
    const { getDb } = await import("@/lib/db/client");
    process.env.DATABASE_URL = url;
    const stored = await listTips();
    const opened = new Map<string, string>();
    for (const tip of stored) opened.set(tip.id, ((await openTip(desk, tip.sealed)) as { tip: { seenOrHeard: string } }).tip.seenOrHeard);
    const receipts = outcomes.filter((outcome): outcome is Extract<TOutcome, { kind: "receipt" }> => outcome.kind === "receipt");
    for (const receipt of receipts) {
      const found = await checkTipStatus((await deriveReporterKeys(receipt.code)).lookupToken);
      expect(found, receipt.text).not.toBeNull();
      expect(opened.get(found!.tipId)).toBe(receipt.text);
    }
    // The refused ones were not stored after all.
    for (const refused of outcomes.filter((outcome) => outcome.kind === "not-stored" || outcome.kind === "unavailable")) expect([...opened.values()]).not.toContain(refused.text);
    console.log(`[pg-restart] ${outcomes.length} tips sent: ${receipts.length} receipts, ${outcomes.length - receipts.length} told "not stored"; ${stored.length} stored`);
    await (await getDb()).$disconnect();
  }, 300_000);
});
