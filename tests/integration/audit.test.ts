// The audit log against the database under test (SQLite; PostgreSQL too when
// TEST_DATABASE_URL is set), from an attacker's side: the operators' actions are on record
// with ids and days only (never a tip's content, a typed name or a time), and whoever edits
// one byte of an entry, or deletes one, is named by `npm run audit:verify` at exactly that
// entry. Server actions run in-process with a cookie jar in place of the request's.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { deriveOperatorSecrets, deriveReporterKeys, sealMessage, toBase64Url, type TKeyPair } from "@/lib/crypto";
import { listColumns, ON_POSTGRES, readRows, testDatabaseUrl, writeRow, writeRows } from "../support/database";
import { seedFirstOperator, seedLoginCode, SEED_OPERATOR } from "../support/seed";
import { testSecrets } from "../support/server";

const { cookieJar } = vi.hoisted(() => ({ cookieJar: new Map<string, string>() }));
vi.mock("next/headers", async () => (await import("../support/next-headers")).nextHeadersWithCookieJar(cookieJar));

// What must never reach the log: the tip, the note, the question, the closing reason, and
// the name typed at a failed login.
const CANARIES = {
  tip: "Kanarie-tip-7f3a gezien bij het vakantiepark",
  note: "Kanarie-notitie-91bc kenteken genoteerd",
  question: "Kanarie-vraag-55de welke dag was dat?",
  reason: "Kanarie-reden-03aa afgehandeld",
  typedName: "Kanarie Inlognaam",
} as const;

const COLUMNS = ["seq", "day", "action", "operatorId", "subject", "prevHash", "hash"];

/** A trigger that fails every append to the log, as an unwritable log would, in each engine's dialect. */
const AUDIT_DOWN: { create: [string][]; drop: [string][] } = ON_POSTGRES
  ? {
      create: [
        [`CREATE FUNCTION audit_down() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit log unavailable'; END $$`],
        [`CREATE TRIGGER audit_down BEFORE INSERT ON "AuditEntry" FOR EACH ROW EXECUTE FUNCTION audit_down()`],
      ],
      drop: [[`DROP TRIGGER audit_down ON "AuditEntry"`], [`DROP FUNCTION audit_down()`]],
    }
  : {
      create: [[`CREATE TRIGGER audit_down BEFORE INSERT ON "AuditEntry" BEGIN SELECT RAISE(ABORT, 'audit log unavailable'); END`]],
      drop: [[`DROP TRIGGER audit_down`]],
    };

type TRow = { seq: number; day: string; action: string; operatorId: string | null; subject: string | null; prevHash: Buffer; hash: Buffer };

const secrets = testSecrets();
let dataDir: string;
let desk: TKeyPair;
let operatorId: string;
let tipId: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tipline-audit-"));
  ({ desk } = await seedFirstOperator(dataDir, secrets));
  const { findOperatorCredentials } = await import("@/lib/db/operators");
  operatorId = (await findOperatorCredentials(SEED_OPERATOR.name))!.id;
});

afterAll(async () => {
  const { getDb } = await import("@/lib/db/client");
  await (await getDb()).$disconnect();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function readLog(): Promise<TRow[]> {
  return readRows<TRow>(dataDir, `SELECT ${COLUMNS.map((column) => `"${column}"`).join(", ")} FROM "AuditEntry" ORDER BY "seq"`);
}

/** Runs `check` on the log as changed by `sql`, then puts every entry back exactly as it was. */
async function withTamperedLog(sql: string, params: unknown[], check: () => Promise<void>) {
  const saved = await readLog();
  try {
    await writeRow(dataDir, sql, params);
    await check();
  } finally {
    const insert = `INSERT INTO "AuditEntry" (${COLUMNS.map((column) => `"${column}"`).join(", ")}) VALUES (${COLUMNS.map(() => "?").join(", ")})`;
    await writeRows(dataDir, [[`DELETE FROM "AuditEntry"`], ...saved.map((row): [string, unknown[]] => [insert, COLUMNS.map((column) => row[column as keyof TRow])])]);
  }
}

function flipFirstByte(value: Buffer): Buffer {
  const copy = Buffer.from(value);
  copy[0]! ^= 0x01;
  return copy;
}

/** The same text with its last character changed: one byte off. */
function oneCharOff(value: string): string {
  return value.slice(0, -1) + (value.endsWith("0") ? "1" : "0");
}

async function verify() {
  const { verifyAuditChain } = await import("@/lib/audit/verify-audit-chain");
  return verifyAuditChain();
}

function runVerifyScript() {
  const result = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "scripts/audit-verify.ts"], {
    env: { ...process.env, TIPLINE_SECRET_KEY: secrets.TIPLINE_SECRET_KEY, TIPLINE_DATA_DIR: dataDir, DATABASE_URL: testDatabaseUrl() },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("what the audit log records", () => {
  it("puts each operator action on record in order, by operator id and tip id, and the chain verifies", async () => {
    const actions = await import("@/app/(operator)/operator/actions");
    const { getLoginSalt } = await import("@/lib/operators/get-login-salt");
    const { sealAndStoreTip } = await import("@/lib/tips/seal-and-store-tip");
    const { ZTip } = await import("@/lib/tips/tip-schema");
    const { checkTipStatus } = await import("@/lib/follow-up/check-tip-status");

    const wrongKey = toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
    expect(await actions.logInAction({ name: CANARIES.typedName, authKey: wrongKey })).toEqual({ ok: false, error: "errors.loginFailed" });
    const { authKey } = await deriveOperatorSecrets(SEED_OPERATOR.passphrase, await getLoginSalt(SEED_OPERATOR.name));
    expect((await actions.logInAction({ name: SEED_OPERATOR.name, authKey: toBase64Url(authKey), code: await seedLoginCode() })).ok).toBe(true);

    const { receiptCode } = await sealAndStoreTip(ZTip.parse({ subject: "adult", signals: [], seenOrHeard: CANARIES.tip }));
    const reporter = await deriveReporterKeys(receiptCode);
    tipId = (await checkTipStatus(reporter.lookupToken))!.tipId;

    expect((await actions.openThreadAction(tipId)).ok).toBe(true);
    expect((await actions.listNotesAction(tipId)).ok).toBe(true);
    expect(await actions.changeStatusAction({ tipId, from: "received", to: "in_progress" })).toEqual({ ok: true });
    expect(await actions.addNoteAction({ tipId, sealed: toBase64Url(await sealMessage(desk.publicKey, CANARIES.note)) })).toEqual({ ok: true });
    expect(
      await actions.askQuestionAction({
        tipId,
        sealedForReporter: toBase64Url(await sealMessage(reporter.publicKey, CANARIES.question)),
        sealedForDesk: toBase64Url(await sealMessage(desk.publicKey, CANARIES.question)),
      }),
    ).toEqual({ ok: true });
    const reason = toBase64Url(await sealMessage(desk.publicKey, CANARIES.reason));
    expect(await actions.changeStatusAction({ tipId, from: "in_progress", to: "closed", sealedReason: reason })).toEqual({ ok: true });
    // Refused moves change nothing and are not on record.
    expect((await actions.changeStatusAction({ tipId, from: "closed", to: "in_progress" })).ok).toBe(false);
    expect(await actions.logOutAction()).toEqual({ ok: true });
    // Logged out: nothing is listed, and nothing recorded.
    expect(await actions.listNotesAction(tipId)).toEqual({ ok: false, error: "errors.notLoggedIn" });

    expect((await readLog()).map(({ seq, action, operatorId, subject }) => ({ seq, action, operatorId, subject }))).toEqual([
      { seq: 1, action: "operator.login-failed", operatorId: null, subject: null },
      { seq: 2, action: "operator.login", operatorId, subject: null },
      { seq: 3, action: "tip.opened", operatorId, subject: tipId },
      { seq: 4, action: "tip.opened", operatorId, subject: tipId },
      { seq: 5, action: "tip.status-changed", operatorId, subject: `${tipId}:received->in_progress` },
      { seq: 6, action: "tip.note-added", operatorId, subject: tipId },
      { seq: 7, action: "tip.question-asked", operatorId, subject: tipId },
      { seq: 8, action: "tip.status-changed", operatorId, subject: `${tipId}:in_progress->closed` },
      { seq: 9, action: "operator.logout", operatorId, subject: null },
    ]);
    expect(await verify()).toEqual({ ok: true, entries: 9 });
  });

  it("holds no tip content, no typed name and no time finer than a day", async () => {
    const { receivedDay } = await import("@/lib/tips/received-day");
    const rows = await readLog();
    expect(rows.length).toBeGreaterThan(0);
    const everything = rows
      .flatMap((row) => COLUMNS.map((column) => row[column as keyof TRow]))
      .map((value) => (Buffer.isBuffer(value) ? `${value.toString("utf8")} ${value.toString("hex")}` : String(value)))
      .join("\n");
    for (const canary of Object.values(CANARIES)) {
      expect(everything).not.toContain(canary);
      expect(everything.toLowerCase()).not.toContain(canary.split(" ")[0]!.toLowerCase());
    }
    // Only these columns, and a day is all the time there is (each engine's name for the types).
    const columns = (await listColumns(dataDir, "AuditEntry")).map(({ name, type }) => `${name} ${type}`);
    expect(columns).toEqual(
      ON_POSTGRES
        ? ["seq integer", "day text", "action text", "operatorId text", "subject text", "prevHash bytea", "hash bytea"]
        : ["seq INTEGER", "day TEXT", "action TEXT", "operatorId TEXT", "subject TEXT", "prevHash BLOB", "hash BLOB"],
    );
    for (const row of rows) expect(row.day).toBe(receivedDay());
  });

  it("refuses free text, unknown actions and a failed login that names anyone, writing nothing", async () => {
    const { recordAuditEvent } = await import("@/lib/audit/record-audit-event");
    const before = (await readLog()).length;
    await expect(recordAuditEvent({ action: "tip.opened", operatorId, subject: CANARIES.note })).rejects.toThrow("subject");
    await expect(recordAuditEvent({ action: "tip.opened", operatorId: "naam met spaties", subject: tipId })).rejects.toThrow("operatorId");
    await expect(recordAuditEvent({ action: "operator.login-failed", subject: "KanarieInlognaam" })).rejects.toThrow();
    await expect(recordAuditEvent({ action: "tip.deleted" as never, operatorId })).rejects.toThrow("action");
    expect(await readLog()).toHaveLength(before);
  });

  it("when the log cannot be written: lists nothing and starts no session, but tells the truth about a stored note", async () => {
    const actions = await import("@/app/(operator)/operator/actions");
    const { getLoginSalt } = await import("@/lib/operators/get-login-salt");
    const { listNotes } = await import("@/lib/db/notes");
    const { authKey } = await deriveOperatorSecrets(SEED_OPERATOR.passphrase, await getLoginSalt(SEED_OPERATOR.name));
    const login = { name: SEED_OPERATOR.name, authKey: toBase64Url(authKey), code: await seedLoginCode() };
    expect((await actions.logInAction(login)).ok).toBe(true);
    const before = await readLog();
    const notesBefore = (await listNotes(tipId)).length;
    let logged = "";
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    await writeRows(dataDir, AUDIT_DOWN.create);
    try {
      expect(await actions.openThreadAction(tipId)).toEqual({ ok: false, error: "errors.unexpected" });
      expect(await actions.listNotesAction(tipId)).toEqual({ ok: false, error: "errors.unexpected" });
      expect(await actions.addNoteAction({ tipId, sealed: toBase64Url(await sealMessage(desk.publicKey, CANARIES.note)) })).toEqual({ ok: true });
      expect(await listNotes(tipId)).toHaveLength(notesBefore + 1);
      expect(await actions.logOutAction()).toEqual({ ok: true });
      // Logging out keeps the browser's device cookie (lib/operators/login-device.ts); a
      // login that cannot be put on record hands out neither a session nor a new one.
      const device = cookieJar.get("tipline_device");
      expect(device).toBeDefined();
      expect(await actions.logInAction({ ...login, code: await seedLoginCode() })).toEqual({ ok: false, error: "errors.unexpected" });
      expect([...cookieJar.keys()]).toEqual(["tipline_device"]);
      expect(cookieJar.get("tipline_device")).toBe(device);
    } finally {
      await writeRows(dataDir, AUDIT_DOWN.drop);
      logged = errors.mock.calls.flat().join("\n");
      errors.mockRestore();
    }
    expect(logged).toContain("audit tip.note-added failed");
    for (const canary of Object.values(CANARIES)) expect(logged).not.toContain(canary);
    expect(await readLog()).toEqual(before);
    expect(await verify()).toMatchObject({ ok: true });
  });

  it("stays gapless and verifiable under 20 appends at once", async () => {
    const { recordAuditEvent } = await import("@/lib/audit/record-audit-event");
    const before = (await readLog()).length;
    const results = await Promise.all(Array.from({ length: 20 }, () => recordAuditEvent({ action: "tip.opened", operatorId, subject: tipId })));
    expect(results.map((result) => result.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, index) => before + 1 + index));
    expect((await readLog()).map((row) => row.seq)).toEqual(Array.from({ length: before + 20 }, (_, index) => index + 1));
    expect(await verify()).toEqual({ ok: true, entries: before + 20 });
  });
});

describe("tampering with the audit log", () => {
  // Entry 5 is a status change: every field filled. Entry 1 is the failed login: nulls.
  const k = 5;
  const TAMPER_CASES: { name: string; seq: number; sql: string; value: (row: TRow) => unknown; reason: string }[] = [
    { name: "a flipped byte of the hash", seq: k, sql: `UPDATE "AuditEntry" SET "hash" = ? WHERE "seq" = ?`, value: (row) => flipFirstByte(row.hash), reason: "hash-mismatch" },
    { name: "a changed action", seq: k, sql: `UPDATE "AuditEntry" SET "action" = ? WHERE "seq" = ?`, value: (row) => oneCharOff(row.action), reason: "hash-mismatch" },
    { name: "a changed day", seq: k, sql: `UPDATE "AuditEntry" SET "day" = ? WHERE "seq" = ?`, value: (row) => oneCharOff(row.day), reason: "hash-mismatch" },
    { name: "a changed operator", seq: k, sql: `UPDATE "AuditEntry" SET "operatorId" = ? WHERE "seq" = ?`, value: (row) => oneCharOff(row.operatorId!), reason: "hash-mismatch" },
    { name: "a changed subject", seq: k, sql: `UPDATE "AuditEntry" SET "subject" = ? WHERE "seq" = ?`, value: (row) => oneCharOff(row.subject!), reason: "hash-mismatch" },
    { name: "a flipped byte of prevHash", seq: k, sql: `UPDATE "AuditEntry" SET "prevHash" = ? WHERE "seq" = ?`, value: (row) => flipFirstByte(row.prevHash), reason: "prev-hash-mismatch" },
    { name: "a null operator made empty", seq: 1, sql: `UPDATE "AuditEntry" SET "operatorId" = ? WHERE "seq" = ?`, value: () => "", reason: "hash-mismatch" },
    { name: "a null subject made empty", seq: 1, sql: `UPDATE "AuditEntry" SET "subject" = ? WHERE "seq" = ?`, value: () => "", reason: "hash-mismatch" },
    { name: "the first entry's zero prevHash flipped", seq: 1, sql: `UPDATE "AuditEntry" SET "prevHash" = ? WHERE "seq" = ?`, value: (row) => flipFirstByte(row.prevHash), reason: "prev-hash-mismatch" },
  ];

  it.each(TAMPER_CASES)("names exactly the entry with $name", async ({ seq, sql, value, reason }) => {
    const row = (await readLog()).find((entry) => entry.seq === seq)!;
    expect(await verify()).toMatchObject({ ok: true });
    await withTamperedLog(sql, [value(row), seq], async () => {
      expect(await verify()).toEqual({ ok: false, brokenAt: seq, reason });
    });
    expect(await verify()).toMatchObject({ ok: true });
  });

  it("catches an entry deleted from the middle, or from the start, as a gap at its number", async () => {
    await withTamperedLog(`DELETE FROM "AuditEntry" WHERE "seq" = ?`, [k], async () => {
      expect(await verify()).toEqual({ ok: false, brokenAt: k, reason: "gap" });
    });
    await withTamperedLog(`DELETE FROM "AuditEntry" WHERE "seq" = ?`, [1], async () => {
      expect(await verify()).toEqual({ ok: false, brokenAt: 1, reason: "gap" });
    });
    await withTamperedLog(`UPDATE "AuditEntry" SET "seq" = ? WHERE "seq" = ?`, [1000, k], async () => {
      expect(await verify()).toEqual({ ok: false, brokenAt: k, reason: "gap" });
    });
    expect(await verify()).toMatchObject({ ok: true });
  });

  it("catches an entry edited and re-hashed at the entry after it", async () => {
    const { hashAuditEntry } = await import("@/lib/audit/hash-audit-entry");
    const row = (await readLog()).find((entry) => entry.seq === k)!;
    const forged = { ...row, action: "tip.opened", subject: tipId };
    await withTamperedLog(`UPDATE "AuditEntry" SET "action" = ?, "subject" = ?, "hash" = ? WHERE "seq" = ?`, [forged.action, forged.subject, Buffer.from(hashAuditEntry(forged)), k], async () => {
      expect(await verify()).toEqual({ ok: false, brokenAt: k + 1, reason: "prev-hash-mismatch" });
    });
  });
});

describe("npm run audit:verify", () => {
  it("exits 0 on an intact chain and 1, naming the entry, on a tampered one", async () => {
    const entries = (await readLog()).length;
    const intact = runVerifyScript();
    expect(intact.output).toContain(`audit chain intact: ${entries} entries`);
    expect(intact.status).toBe(0);
    const row = (await readLog()).find((entry) => entry.seq === 7)!;
    await withTamperedLog(`UPDATE "AuditEntry" SET "hash" = ? WHERE "seq" = ?`, [flipFirstByte(row.hash), 7], async () => {
      const broken = runVerifyScript();
      expect(broken.output).toContain("audit chain broken at entry 7: hash-mismatch");
      expect(broken.status).toBe(1);
    });
  });
});
