// The same domain flows on PostgreSQL, the production database, when TEST_DATABASE_URL is
// set (CI sets it; a fresh schema per run): migrations applied once even by instances
// starting together, tips sealed and found by code, the conversation, triage, the limiter,
// retries stored once, and operator login.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deriveReporterKeys, generateReceiptCode, openMessage, sealMessage, sealTip, toBase64Url, type TKeyPair } from "@/lib/crypto";
import { dropSchema, freshSchemaUrl, TEST_DATABASE_URL } from "../support/postgres";
import { seedFirstOperator, SEED_OPERATOR, seedLoginCode } from "../support/seed";
import { testSecrets } from "../support/server";

const TIP = { subject: "minor", signals: ["runs-away"], seenOrHeard: "Ze stapt 's avonds in een busje." } as const;

describe.runIf(TEST_DATABASE_URL !== "")("PostgreSQL", () => {
  const { url, schema } = TEST_DATABASE_URL ? freshSchemaUrl() : { url: "", schema: "" };
  let dataDir: string;
  let desk: TKeyPair;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tipline-pg-"));
    // Three instances starting at once: the advisory lock lets exactly one apply each migration.
    const { migratePostgres } = await import("@/lib/db/migrate-postgres");
    const runs = await Promise.all([migratePostgres(url), migratePostgres(url), migratePostgres(url)]);
    expect(runs.flatMap((run) => run.applied).sort()).toEqual(fs.readdirSync("prisma/postgres/migrations").filter((name) => !name.endsWith(".toml")).sort());
    ({ desk } = await seedFirstOperator(dataDir, testSecrets(), url));
  });

  afterAll(async () => {
    const { getDb } = await import("@/lib/db/client");
    await (await getDb()).$disconnect();
    await dropSchema(schema);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("records migrations as prisma migrate deploy does, in the run's own schema", async () => {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      const rows = await client.query(`SELECT migration_name, checksum, applied_steps_count FROM "${schema}"."_prisma_migrations" ORDER BY migration_name`);
      expect(rows.rows.length).toBeGreaterThan(0);
      expect(rows.rows.every((row: { checksum: string; applied_steps_count: number }) => /^[0-9a-f]{64}$/.test(row.checksum) && row.applied_steps_count === 1)).toBe(true);
      const tables = await client.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1`, [schema]);
      expect(tables.rows.map((row: { table_name: string }) => row.table_name)).toContain("Tip");
    } finally {
      await client.end();
    }
  });

  it("stores a sealed tip, finds it by its code, carries the conversation and the status", async () => {
    const { sealAndStoreTip } = await import("@/lib/tips/seal-and-store-tip");
    const { ZTip } = await import("@/lib/tips/tip-schema");
    const { openTipStatusWithCode, addReporterMessageWithCode } = await import("@/lib/follow-up/with-receipt-code");
    const { checkTipStatus } = await import("@/lib/follow-up/check-tip-status");
    const { askReporterQuestion } = await import("@/lib/follow-up/ask-reporter-question");
    const { changeTipStatus } = await import("@/lib/triage/change-tip-status");
    const { listMessages } = await import("@/lib/db/messages");
    const { receiptCode } = await sealAndStoreTip(ZTip.parse(TIP));
    const reporter = await deriveReporterKeys(receiptCode);
    const { tipId } = (await checkTipStatus(reporter.lookupToken))!;
    await askReporterQuestion({ tipId, sealedForReporter: await sealMessage(reporter.publicKey, "Welk busje?"), sealedForDesk: await sealMessage(desk.publicKey, "Welk busje?") });
    expect(await addReporterMessageWithCode(receiptCode, "Een witte Transit.")).toBe(true);
    expect(await changeTipStatus({ tipId, from: "received", to: "in_progress" })).toEqual({ ok: true });
    const view = await openTipStatusWithCode(receiptCode);
    expect(view?.status).toBe("in_progress");
    expect(view?.messages.map((message) => message.text)).toEqual(["Welk busje?", "Een witte Transit."]);
    expect(await openMessage(desk, (await listMessages(tipId))[1]!.sealedForDesk)).toBe("Een witte Transit.");
    expect(await openTipStatusWithCode(generateReceiptCode())).toBeNull();
  });

  it("stores a retried tip once and lets only one of two concurrent status changes win", async () => {
    const { storeSealedTip } = await import("@/lib/tips/store-sealed-tip");
    const { checkTipStatus } = await import("@/lib/follow-up/check-tip-status");
    const { changeTipStatus } = await import("@/lib/triage/change-tip-status");
    const { countTips } = await import("@/lib/db/tips");
    const before = await countTips();
    const { lookupToken } = await deriveReporterKeys(generateReceiptCode());
    const sealed = await sealTip(desk.publicKey, { v: 1, channel: "web", tip: TIP, reporterPublicKey: toBase64Url(new Uint8Array(32)) });
    await Promise.all([storeSealedTip({ sealed, lookupToken }), storeSealedTip({ sealed, lookupToken })]);
    expect(await countTips()).toBe(before + 1);
    const { tipId } = (await checkTipStatus(lookupToken))!;
    const results = await Promise.all([
      changeTipStatus({ tipId, from: "received", to: "in_progress" }),
      changeTipStatus({ tipId, from: "received", to: "closed", sealedReason: await sealMessage(desk.publicKey, "Dubbel.") }),
    ]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
  });

  it("limits status attempts per bucket with counters shared through the database", async () => {
    const { limitStatusAttempt, STATUS_LIMITS } = await import("@/lib/rate-limit/limit-status-attempt");
    const now = new Date("2026-12-03T10:00:00Z");
    const decisions = await Promise.all(Array.from({ length: STATUS_LIMITS.perBucket + 4 }, () => limitStatusAttempt("v4:198.51.100", now)));
    expect(decisions.filter((decision) => !decision.allowed)).toHaveLength(4);
  });

  it("logs an operator in with the passphrase and refuses a wrong one", async () => {
    const { getLoginSalt } = await import("@/lib/operators/get-login-salt");
    const { logInOperator } = await import("@/lib/operators/log-in-operator");
    const { deriveOperatorSecrets } = await import("@/lib/crypto");
    const authKey = async (passphrase: string) => toBase64Url((await deriveOperatorSecrets(passphrase, await getLoginSalt(SEED_OPERATOR.name))).authKey);
    expect(await logInOperator({ name: SEED_OPERATOR.name, authKey: await authKey("not the passphrase at all"), code: await seedLoginCode() })).toEqual({ kind: "failed" });
    const login = await logInOperator({ name: SEED_OPERATOR.name, authKey: await authKey(SEED_OPERATOR.passphrase), code: await seedLoginCode() });
    expect(login.kind === "logged-in" ? login.keys.grants : null).toHaveLength(1);
  });
});
