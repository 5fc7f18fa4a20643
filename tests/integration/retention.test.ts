// Retention against the database under test (SQLite; PostgreSQL too when TEST_DATABASE_URL
// is set), from a seized server's side: a closed tip past the period goes with its thread
// and notes, and nothing else goes; its receipt code then finds what a wrong code finds;
// and, on SQLite, its bytes are gone from the database file and from the write-ahead log
// (secure_delete overwrites, the checkpoint empties the log). PostgreSQL keeps deleted row
// versions in its own files until VACUUM; those files are the database server's, not
// something a test of this app reads.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createDeskKeyPair, deriveReporterKeys, generateReceiptCode, sealMessage, sealPolicePackage, type TKeyPair } from "@/lib/crypto";
import { countRows, ON_POSTGRES, readRows, testDatabaseUrl, writeRows } from "../support/database";
import { seedFirstOperator } from "../support/seed";
import { testSecrets } from "../support/server";

const DAY_MS = 24 * 60 * 60 * 1000;
const NOW = new Date();
const secrets = testSecrets();
let dataDir: string;
let desk: TKeyPair;

const dbFile = () => path.join(dataDir, "tipline.db");
/** What a run reports of the write-ahead log checkpoint: SQLite's, or none on PostgreSQL. */
const CHECKPOINT = ON_POSTGRES ? "not-sqlite" : "complete";
/** The UTC day `days` days before NOW, as the app stores days. */
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY_MS).toISOString().slice(0, 10);

beforeAll(async () => {
  // Before the seed: the environment is parsed once, on the seed's first database call.
  process.env.TIPLINE_RETENTION_DAYS = "90";
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tipline-retention-"));
  ({ desk } = await seedFirstOperator(dataDir, secrets));
  const { setPoliceKey } = await import("@/lib/db/police");
  police = await createDeskKeyPair();
  await setPoliceKey({ id: POLICE_KEY_ID, publicKey: police.publicKey, label: "Politie", createdOn: "2026-01-01" });
});

const POLICE_KEY_ID = "police-key-retention-0001";
let police: TKeyPair;

afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

type TFiledTip = { code: string; tipId: string };

/** A tip as a reporter files it, with a question from the desk and an internal note. */
async function fileTip(): Promise<TFiledTip> {
  const { sealAndStoreTip } = await import("@/lib/tips/seal-and-store-tip");
  const { ZTip } = await import("@/lib/tips/tip-schema");
  const { checkTipStatus } = await import("@/lib/follow-up/check-tip-status");
  const { askReporterQuestion } = await import("@/lib/follow-up/ask-reporter-question");
  const { addTipNote } = await import("@/lib/triage/add-tip-note");
  const { receiptCode } = await sealAndStoreTip(ZTip.parse({ subject: "adult", signals: [], seenOrHeard: "Gezien bij een massagesalon." }));
  const reporter = await deriveReporterKeys(receiptCode);
  const tipId = (await checkTipStatus(reporter.lookupToken))!.tipId;
  const question = "Weet je het kenteken nog?";
  expect(await askReporterQuestion({ tipId, sealedForReporter: await sealMessage(reporter.publicKey, question), sealedForDesk: await sealMessage(desk.publicKey, question) })).toBe(true);
  expect(await addTipNote({ tipId, sealed: await sealMessage(desk.publicKey, "Navraag gedaan.") })).toBe(true);
  return { code: receiptCode, tipId };
}

/** Moves a tip along the workflow to `status`, as operators would (closing with a sealed reason). */
async function moveTip(tipId: string, status: "in_progress" | "forwarded" | "closed"): Promise<void> {
  const { changeTipStatus } = await import("@/lib/triage/change-tip-status");
  const steps = { in_progress: ["in_progress"], forwarded: ["in_progress", "forwarded"], closed: ["closed"] }[status];
  let from = "received";
  for (const to of steps) {
    const sealedReason = to === "closed" ? await sealMessage(desk.publicKey, "Afgehandeld.") : undefined;
    expect(await changeTipStatus({ tipId, from, to, sealedReason })).toEqual({ ok: true });
    from = to;
  }
}

/**
 * Sets a tip's days directly in the database, to stand for time gone by (the test owns the
 * database; on SQLite with secure_delete on, as on the app's own connections, so that the
 * rewritten row does not leave its old version behind).
 */
async function setDays(tipId: string, days: { receivedOn?: string; statusChangedOn?: string | null }): Promise<void> {
  const statements: [string, unknown[]][] = [];
  if (days.receivedOn !== undefined) statements.push([`UPDATE "Tip" SET "receivedOn" = ? WHERE "id" = ?`, [days.receivedOn, tipId]]);
  if (days.statusChangedOn !== undefined) statements.push([`UPDATE "Tip" SET "statusChangedOn" = ? WHERE "id" = ?`, [days.statusChangedOn, tipId]]);
  expect(await writeRows(dataDir, statements)).toEqual(statements.map(() => 1));
}

/** Forwards a tip to the police (a sealed package in the outbox), then closes it. */
async function forwardAndClose(tipId: string): Promise<void> {
  const { insertPolicePackage } = await import("@/lib/db/police");
  const { changeTipStatus } = await import("@/lib/triage/change-tip-status");
  const sealed = await sealPolicePackage(police.publicKey, { document: "Doorgestuurd rapport." });
  expect(await insertPolicePackage({ id: `pkg-${tipId}`, tipId, policeKeyId: POLICE_KEY_ID, operatorId: "op", sealed, createdOn: daysAgo(200), policeReference: null })).toBe(true);
  expect(await changeTipStatus({ tipId, from: "forwarded", to: "closed", sealedReason: await sealMessage(desk.publicKey, "Afgehandeld.") })).toEqual({ ok: true });
}

async function closedDaysAgo(days: number): Promise<TFiledTip> {
  const tip = await fileTip();
  await forwardAndClose(tip.tipId);
  await setDays(tip.tipId, { statusChangedOn: daysAgo(days) });
  return tip;
}

/** How many rows of a tip, its messages and its notes the database holds. */
async function storedRows(tipId: string): Promise<{ tips: number; messages: number; notes: number; packages: number }> {
  return {
    tips: await countRows(dataDir, "Tip", `"id" = ?`, [tipId]),
    messages: await countRows(dataDir, "Message", `"tipId" = ?`, [tipId]),
    notes: await countRows(dataDir, "Note", `"tipId" = ?`, [tipId]),
    packages: await countRows(dataDir, "PolicePackage", `"tipId" = ?`, [tipId]),
  };
}

/**
 * Two 32-byte slices of every sealed blob stored for a tip (the tip, both copies of each
 * message, each note), 2000 bytes apart: a blob spills over 4 KiB overflow pages, and a
 * page boundary can split one slice on disk but never both.
 */
async function sealedSlices(tipId: string): Promise<Buffer[][]> {
  const blobs = [
    ...(await readRows<{ b: Buffer }>(dataDir, `SELECT "sealed" AS b FROM "Tip" WHERE "id" = ?`, [tipId])).map((row) => row.b),
    ...(await readRows<{ r: Buffer; d: Buffer }>(dataDir, `SELECT "sealedForReporter" AS r, "sealedForDesk" AS d FROM "Message" WHERE "tipId" = ?`, [tipId])).flatMap((row) => [row.r, row.d]),
    ...(await readRows<{ b: Buffer }>(dataDir, `SELECT "sealed" AS b FROM "Note" WHERE "tipId" = ?`, [tipId])).map((row) => row.b),
    ...(await readRows<{ b: Buffer }>(dataDir, `SELECT "sealed" AS b FROM "PolicePackage" WHERE "tipId" = ?`, [tipId])).map((row) => row.b),
  ];
  return blobs.map((blob) => [Buffer.from(blob.subarray(16, 48)), Buffer.from(blob.subarray(2016, 2048))]);
}

/** The database file and its write-ahead log, as bytes a seized disk would give. */
function filesOnDisk(): { db: Buffer; wal: Buffer } {
  const read = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file) : Buffer.alloc(0));
  return { db: read(dbFile()), wal: read(`${dbFile()}-wal`) };
}

const RETENTION_SCRIPT = ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "scripts/retention-run.ts"];
const scriptEnv = () => ({ ...process.env, TIPLINE_SECRET_KEY: secrets.TIPLINE_SECRET_KEY, TIPLINE_DATA_DIR: dataDir, DATABASE_URL: testDatabaseUrl(), TIPLINE_RETENTION_DAYS: "90" });

const foundIn = (files: { db: Buffer; wal: Buffer }, slice: Buffer) => files.db.includes(slice) || files.wal.includes(slice);

describe("retention", () => {
  it("deletes a tip closed 91 days ago with its messages and notes, and keeps tips closed 90 and 89 days ago", async () => {
    const { getEnv } = await import("@/lib/env");
    const { runRetention } = await import("@/lib/retention/run-retention");
    const { openTipStatusWithCode } = await import("@/lib/follow-up/with-receipt-code");
    expect(getEnv().TIPLINE_RETENTION_DAYS).toBe(90);
    const expired = await closedDaysAgo(91);
    const boundary = await closedDaysAgo(90);
    const recent = await closedDaysAgo(89);
    expect(await storedRows(expired.tipId)).toEqual({ tips: 1, messages: 1, notes: 2, packages: 1 });

    const run = await runRetention(NOW);

    expect(run).toMatchObject({ tips: 1, messages: 1, notes: 2, policePackages: 1, checkpoint: CHECKPOINT });
    expect(await storedRows(expired.tipId)).toEqual({ tips: 0, messages: 0, notes: 0, packages: 0 });
    for (const kept of [boundary, recent]) {
      expect(await storedRows(kept.tipId)).toEqual({ tips: 1, messages: 1, notes: 2, packages: 1 });
      expect((await openTipStatusWithCode(kept.code))?.status).toBe("closed");
    }
  });

  it("answers the deleted tip's receipt code exactly as a wrong code", async () => {
    const { runRetention } = await import("@/lib/retention/run-retention");
    const { openTipStatusWithCode } = await import("@/lib/follow-up/with-receipt-code");
    const { checkTipStatus } = await import("@/lib/follow-up/check-tip-status");
    const expired = await closedDaysAgo(120);
    expect((await openTipStatusWithCode(expired.code))?.status).toBe("closed");
    await runRetention(NOW);
    const wrong = generateReceiptCode();
    expect(await openTipStatusWithCode(expired.code)).toBeNull();
    expect(await openTipStatusWithCode(expired.code)).toEqual(await openTipStatusWithCode(wrong));
    expect(await checkTipStatus((await deriveReporterKeys(expired.code)).lookupToken)).toEqual(await checkTipStatus((await deriveReporterKeys(wrong)).lookupToken));
  });

  it("keeps open tips of any age: received, in progress and forwarded", async () => {
    const { runRetention } = await import("@/lib/retention/run-retention");
    const { openTipStatusWithCode } = await import("@/lib/follow-up/with-receipt-code");
    const received = await fileTip();
    await setDays(received.tipId, { receivedOn: daysAgo(3000) });
    const inProgress = await fileTip();
    await moveTip(inProgress.tipId, "in_progress");
    await setDays(inProgress.tipId, { receivedOn: daysAgo(3000), statusChangedOn: daysAgo(2000) });
    const forwarded = await fileTip();
    await moveTip(forwarded.tipId, "forwarded");
    await setDays(forwarded.tipId, { receivedOn: daysAgo(3000), statusChangedOn: daysAgo(2000) });

    expect(await runRetention(NOW)).toMatchObject({ tips: 0, messages: 0, notes: 0 });

    for (const [tip, status] of [[received, "received"], [inProgress, "in_progress"], [forwarded, "forwarded"]] as const) {
      expect(await storedRows(tip.tipId)).toEqual({ tips: 1, messages: 1, notes: 1, packages: 0 });
      expect((await openTipStatusWithCode(tip.code))?.status).toBe(status);
    }
  });

  it("counts a closed tip without a closing day as closed on the day it was received", async () => {
    const { runRetention } = await import("@/lib/retention/run-retention");
    const old = await closedDaysAgo(1);
    await setDays(old.tipId, { receivedOn: daysAgo(91), statusChangedOn: null });
    const young = await closedDaysAgo(1);
    await setDays(young.tipId, { receivedOn: daysAgo(90), statusChangedOn: null });
    expect(await runRetention(NOW)).toMatchObject({ tips: 1, messages: 1, notes: 2 });
    expect((await storedRows(old.tipId)).tips).toBe(0);
    expect((await storedRows(young.tipId)).tips).toBe(1);
  });

  it.skipIf(ON_POSTGRES)("leaves no byte of a deleted tip, its messages or notes in the database file or its write-ahead log", async () => {
    const { runRetention } = await import("@/lib/retention/run-retention");
    const expired = await closedDaysAgo(200);
    const kept = await closedDaysAgo(10);
    const gone = await sealedSlices(expired.tipId);
    const stays = await sealedSlices(kept.tipId);
    expect(gone).toHaveLength(6); // the tip, the question's two copies, the note, the closing reason and the police package
    // The search finds them before the run: every blob has a slice on disk (file or log).
    const before = filesOnDisk();
    for (const slices of [...gone, ...stays]) expect(slices.some((slice) => foundIn(before, slice))).toBe(true);

    expect(await runRetention(NOW)).toMatchObject({ tips: 1, checkpoint: "complete" });

    const after = filesOnDisk();
    for (const slices of gone) for (const slice of slices) expect(foundIn(after, slice)).toBe(false);
    expect(after.wal.length).toBe(0);
    // The kept tip is still there, now in the database file itself.
    for (const slices of stays) expect(slices.some((slice) => after.db.includes(slice))).toBe(true);
  });

  it("deletes nothing when run a second time", async () => {
    const { runRetention } = await import("@/lib/retention/run-retention");
    await closedDaysAgo(95);
    expect(await runRetention(NOW)).toMatchObject({ tips: 1 });
    expect(await runRetention(NOW)).toEqual({ tips: 0, messages: 0, notes: 0, policePackages: 0, rateLimitCounters: 0, oneTimeTokens: 0, operatorSessions: 0, checkpoint: CHECKPOINT });
  });

  it("clears expired rate-limit counters, one-time tokens and operator sessions, and keeps live ones", async () => {
    const { runRetention } = await import("@/lib/retention/run-retention");
    const { countAttempt } = await import("@/lib/db/rate-limits");
    const { insertOneTimeToken, isOneTimeTokenValid } = await import("@/lib/db/one-time-tokens");
    const { insertOperatorSession, findOperatorBySession } = await import("@/lib/db/sessions");
    const operators = await readRows<{ id: string }>(dataDir, `SELECT "id" FROM "Operator"`);
    expect(operators).toHaveLength(1);
    const operatorId = operators[0]!.id;
    const past = new Date(NOW.getTime() - 60_000);
    const future = new Date(NOW.getTime() + DAY_MS);
    const hash = (byte: number) => new Uint8Array(32).fill(byte);
    await countAttempt("expired-window", past);
    await countAttempt("live-window", future);
    await insertOneTimeToken({ tokenHash: hash(1), purpose: "setup", expiresAt: past });
    await insertOneTimeToken({ tokenHash: hash(2), purpose: "setup", expiresAt: future });
    await insertOperatorSession({ tokenHash: hash(3), operatorId, expiresAt: past });
    await insertOperatorSession({ tokenHash: hash(4), operatorId, expiresAt: future });

    expect(await runRetention(NOW)).toMatchObject({ tips: 0, rateLimitCounters: 1, oneTimeTokens: 1, operatorSessions: 1 });

    expect(await countAttempt("live-window", future)).toBe(2);
    expect(await isOneTimeTokenValid(hash(2), "setup")).toBe(true);
    expect(await findOperatorBySession(hash(4))).toEqual({ operatorId, role: "admin" });
    expect([await countRows(dataDir, "RateLimitCounter"), await countRows(dataDir, "OneTimeToken"), await countRows(dataDir, "OperatorSession")]).toEqual([1, 1, 1]);
  });

  it("runs once from the command line (npm run retention:run), prints the counts and exits 0", async () => {
    const expired = await closedDaysAgo(400);
    const result = spawnSync(process.execPath, RETENTION_SCRIPT, { env: scriptEnv(), encoding: "utf8", timeout: 120_000 });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(
      new RegExp(String.raw`^\[retention\] tips=[1-9]\d* messages=\d+ notes=\d+ policePackages=\d+ rateLimitCounters=\d+ oneTimeTokens=\d+ operatorSessions=\d+ checkpoint=${CHECKPOINT}$`, "m"),
    );
    // Counts only: no tip id in what it prints.
    expect(result.stdout).not.toContain(expired.tipId);
    expect(await storedRows(expired.tipId)).toEqual({ tips: 0, messages: 0, notes: 0, packages: 0 });
  }, 120_000);

  it("lets two instances run at the same moment: each expired tip is deleted once and both runs succeed", async () => {
    // One after another: the raw write that backdates a tip (a second, synchronous connection
    // in this process) must not wait on this process's own open transaction.
    const tips = [await closedDaysAgo(100), await closedDaysAgo(150), await closedDaysAgo(200)];
    const totalTips = () => countRows(dataDir, "Tip");
    const before = await totalTips();
    const runOnce = () =>
      new Promise<{ code: number | null; stdout: string }>((resolve) => {
        const child = spawn(process.execPath, RETENTION_SCRIPT, { env: scriptEnv(), stdio: ["ignore", "pipe", "inherit"] });
        let stdout = "";
        child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
        child.on("exit", (code) => resolve({ code, stdout }));
      });
    const runs = await Promise.all([runOnce(), runOnce()]);
    expect(runs.map((run) => run.code)).toEqual([0, 0]);
    const deleted = runs.map((run) => Number(/tips=(\d+)/.exec(run.stdout)?.[1]));
    expect(deleted.reduce((sum, n) => sum + n, 0)).toBe(before - (await totalTips()));
    for (const tip of tips) expect(await storedRows(tip.tipId)).toEqual({ tips: 0, messages: 0, notes: 0, packages: 0 });
  }, 120_000);
});

describe("the schedule inside the app", () => {
  it("checks a minute after start and then every 30 minutes, runs only when it takes the 6-hour lease, once per process, logging a failure by its class name only", async () => {
    vi.useFakeTimers();
    const runRetention = vi.fn().mockRejectedValueOnce(Object.assign(new Error("tip 3f9a… could not be deleted"), { name: "PrismaClientKnownRequestError" })).mockResolvedValue({});
    // The lease as the database keeps it (lib/db/job-leases.ts has its own tests on both
    // databases): one holder until it expires; `otherInstance` takes it when it is free.
    let leaseUntil = 0;
    let otherInstance = false;
    const acquireJobLease = vi.fn(async (input: { name: string; now: Date; expiresAt: Date }) => {
      if (leaseUntil > input.now.getTime()) return false;
      leaseUntil = input.expiresAt.getTime();
      return !otherInstance;
    });
    vi.doMock("@/lib/retention/run-retention", () => ({ runRetention }));
    vi.doMock("@/lib/db/job-leases", () => ({ acquireJobLease }));
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const said = vi.spyOn(console, "log").mockImplementation(() => {});
    const HOUR = 60 * 60 * 1000;
    try {
      const { startRetentionSchedule, RETENTION_SCHEDULE, RETENTION_LEASE } = await import("@/lib/retention/start-retention-schedule");
      expect(RETENTION_SCHEDULE.everyMs).toBe(6 * HOUR);
      startRetentionSchedule();
      startRetentionSchedule();
      expect(runRetention).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(RETENTION_SCHEDULE.firstRunAfterMs);
      expect(acquireJobLease).toHaveBeenCalledTimes(1);
      expect(acquireJobLease.mock.calls[0]?.[0]).toMatchObject({ name: RETENTION_LEASE });
      const first = acquireJobLease.mock.calls[0]![0];
      expect(first.expiresAt.getTime() - first.now.getTime()).toBe(6 * HOUR);
      expect(runRetention).toHaveBeenCalledTimes(1);
      expect(logged.mock.calls).toEqual([["[retention] failed: PrismaClientKnownRequestError"]]);
      // Checks every 30 minutes, but the lease of the failed run holds for its 6 hours: the
      // process does not even ask until its own lease has run out.
      await vi.advanceTimersByTimeAsync(5.5 * HOUR);
      expect(acquireJobLease).toHaveBeenCalledTimes(1);
      expect(runRetention).toHaveBeenCalledTimes(1);
      await vi.advanceTimersByTimeAsync(HOUR);
      expect(acquireJobLease).toHaveBeenCalledTimes(2);
      expect(runRetention).toHaveBeenCalledTimes(2);
      // Another instance takes the next lease: this one runs nothing and says so once,
      // though it asks at every check once its own lease (until 12h30) has run out.
      otherInstance = true;
      await vi.advanceTimersByTimeAsync(12 * HOUR);
      expect(acquireJobLease).toHaveBeenCalledTimes(2 + 13);
      expect(runRetention).toHaveBeenCalledTimes(2);
      expect(said.mock.calls.filter(([line]) => String(line).includes("stands by"))).toHaveLength(1);
      // Once it is free again and this instance takes it, the runs resume.
      otherInstance = false;
      await vi.advanceTimersByTimeAsync(6 * HOUR);
      expect(runRetention).toHaveBeenCalledTimes(3);
    } finally {
      logged.mockRestore();
      said.mockRestore();
      vi.doUnmock("@/lib/retention/run-retention");
      vi.doUnmock("@/lib/db/job-leases");
      vi.useRealTimers();
    }
  });
});
