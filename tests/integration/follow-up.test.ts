// Reporter follow-up against the database under test (SQLite; PostgreSQL too when
// TEST_DATABASE_URL is set), from an attacker's side: codes that do not lead to a tip all
// look alike, the limiter stops a guessing loop without locking out real reporters, and
// the conversation is sealed so that nothing the server stores opens it.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deriveReporterKeys, fromBase64Url, generateReceiptCode, keyPairFromPrivateKey, openMessage, sealMessage, toBase64Url, type TKeyPair } from "@/lib/crypto";
import { countRows, listTables, readRawRows, readRows, writeRow } from "../support/database";
import { seedFirstOperator } from "../support/seed";
import { testSecrets } from "../support/server";

let dataDir: string;
let desk: TKeyPair;
let operator: TKeyPair;
const secrets = testSecrets();

const TIP = { subject: "minor", signals: ["runs-away"], seenOrHeard: "Ze wordt 's avonds opgehaald." } as const;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tipline-follow-up-"));
  ({ desk, operator } = await seedFirstOperator(dataDir, secrets));
});

afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function fileTip(): Promise<string> {
  const { sealAndStoreTip } = await import("@/lib/tips/seal-and-store-tip");
  const { ZTip } = await import("@/lib/tips/tip-schema");
  return (await sealAndStoreTip(ZTip.parse(TIP))).receiptCode;
}

describe("status by receipt code", () => {
  it("answers a wrong code, a malformed code and a deleted tip's code exactly alike", async () => {
    const { openTipStatusWithCode } = await import("@/lib/follow-up/with-receipt-code");
    const { checkTipStatus } = await import("@/lib/follow-up/check-tip-status");
    const { deleteTip } = await import("@/lib/db/tips");
    const code = await fileTip();
    const found = await openTipStatusWithCode(code.toLowerCase().replace(/-/g, " "));
    expect(found?.status).toBe("received");
    const { lookupToken } = await deriveReporterKeys(code);
    const tipId = (await checkTipStatus(lookupToken))!.tipId;
    await deleteTip(tipId);
    const answers = [
      await openTipStatusWithCode(code),
      await openTipStatusWithCode(generateReceiptCode()),
      await openTipStatusWithCode("not a code at all"),
      await checkTipStatus(lookupToken),
      await checkTipStatus((await deriveReporterKeys(generateReceiptCode())).lookupToken),
      await checkTipStatus(new Uint8Array(5)),
    ];
    expect(answers).toEqual([null, null, null, null, null, null]);
  });

  it("stops a guessing loop from one address bucket, lets a reporter from elsewhere through, and forgives after the window", async () => {
    const { limitStatusAttempt, STATUS_LIMITS } = await import("@/lib/rate-limit/limit-status-attempt");
    const { openTipStatusWithCode } = await import("@/lib/follow-up/with-receipt-code");
    const code = await fileTip();
    const now = new Date("2026-12-01T10:00:00Z");
    const delays: number[] = [];
    let refusedAt = 0;
    for (let attempt = 1; attempt <= STATUS_LIMITS.perBucket + 5; attempt += 1) {
      const decision = await limitStatusAttempt("v4:203.0.113", now);
      if (!decision.allowed) {
        refusedAt ||= attempt;
        continue;
      }
      delays.push(decision.delayMs);
      expect(await openTipStatusWithCode(generateReceiptCode())).toBeNull();
    }
    expect(refusedAt).toBe(STATUS_LIMITS.perBucket + 1);
    // Free attempts first, then growing delays.
    expect(delays.slice(0, STATUS_LIMITS.freeAttempts)).toEqual([0, 0, 0]);
    for (let index = STATUS_LIMITS.freeAttempts + 1; index < delays.length; index += 1) expect(delays[index]!).toBeGreaterThanOrEqual(delays[index - 1]!);
    expect(delays.at(-1)!).toBeGreaterThan(0);
    // Refused attempts do not eat into everyone's allowance: one client cannot lock all out.
    for (let attempt = 0; attempt < 50; attempt += 1) await limitStatusAttempt("v4:203.0.113", now);
    const counts = (await readRows<{ count: number }>(dataDir, `SELECT "count" FROM "RateLimitCounter"`)).map((row) => row.count).sort((a, b) => a - b);
    expect(counts).toEqual([STATUS_LIMITS.perBucket, STATUS_LIMITS.perBucket + 5 + 50]); // everyone's counter stopped at the bucket's limit
    // A real reporter on another network is not held back by the guesser.
    expect((await limitStatusAttempt("v4:198.51.100", now)).allowed).toBe(true);
    expect((await openTipStatusWithCode(code))?.status).toBe("received");
    // Still refused within the window; allowed again in the next one.
    expect((await limitStatusAttempt("v4:203.0.113", new Date(now.getTime() + 60_000))).allowed).toBe(false);
    expect((await limitStatusAttempt("v4:203.0.113", new Date(now.getTime() + STATUS_LIMITS.windowMs))).allowed).toBe(true);
  });

  it("refuses everyone once the global limit of a window is used up, and keeps no address", async () => {
    const { limitStatusAttempt, STATUS_LIMITS } = await import("@/lib/rate-limit/limit-status-attempt");
    const now = new Date("2026-12-02T10:00:00Z");
    let refused = 0;
    for (let index = 0; index < STATUS_LIMITS.global + 3; index += 1) {
      if (!(await limitStatusAttempt(`v4:10.${index >> 8}.${index & 255}`, now)).allowed) refused += 1;
    }
    expect(refused).toBe(3);
    expect((await limitStatusAttempt("v4:192.0.2", now)).allowed).toBe(false);
    const keys = (await readRows<{ key: string }>(dataDir, `SELECT "key" FROM "RateLimitCounter"`)).map((row) => row.key).join(" ");
    expect(keys).not.toMatch(/10\.\d+\.\d+|192\.0\.2|203\.0\.113|v4:/);
    // Over 3000 attempts one after another, two counter writes each: on PostgreSQL every
    // write is a round trip to the server, which takes more than the default 30 s on a
    // busy machine.
  }, 120_000);
});

describe("the conversation", () => {
  it("seals a question to the reporter and the desk, and an answer to the desk and the reporter, so both sides read the thread", async () => {
    const { askReporterQuestion } = await import("@/lib/follow-up/ask-reporter-question");
    const { addReporterMessageWithCode, openTipStatusWithCode } = await import("@/lib/follow-up/with-receipt-code");
    const { checkTipStatus } = await import("@/lib/follow-up/check-tip-status");
    const { listMessages } = await import("@/lib/db/messages");
    const code = await fileTip();
    const reporter = await deriveReporterKeys(code);
    const { tipId } = (await checkTipStatus(reporter.lookupToken))!;
    const question = "Weet je het kenteken van de auto?";
    expect(
      await askReporterQuestion({ tipId, sealedForReporter: await sealMessage(reporter.publicKey, question), sealedForDesk: await sealMessage(desk.publicKey, question) }),
    ).toBe(true);
    expect(await addReporterMessageWithCode(code, "Een zwarte Audi, 12-ABC-3.")).toBe(true);

    const view = await openTipStatusWithCode(code);
    expect(view?.messages.map((message) => [message.author, message.text])).toEqual([
      ["desk", question],
      ["reporter", "Een zwarte Audi, 12-ABC-3."],
    ]);
    const stored = await listMessages(tipId);
    expect(await openMessage(desk, stored[1]!.sealedForDesk)).toBe("Een zwarte Audi, 12-ABC-3.");
    // The operator's own key is not the desk key: it opens nothing.
    await expect(openMessage(operator, stored[1]!.sealedForDesk)).rejects.toThrow();
    expect(stored[1]!.readByDesk).toBe(false);
    expect(stored[0]!.readByDesk).toBe(true);
  });

  it("lets nothing the server stores open a reporter's answer: every 32-byte string in the database and the secrets tried as a key", async () => {
    const { addReporterMessageWithCode } = await import("@/lib/follow-up/with-receipt-code");
    const code = await fileTip();
    expect(await addReporterMessageWithCode(code, "Alleen voor de meldlijn.")).toBe(true);
    const answers = await readRows<{ sealedForDesk: Buffer; sealedForReporter: Buffer }>(dataDir, `SELECT "sealedForDesk", "sealedForReporter" FROM "Message" WHERE "author" = 'reporter'`);
    const candidates = new Set<string>();
    for (const table of await listTables(dataDir)) {
      for (const row of await readRawRows(dataDir, `SELECT * FROM "${table}"`)) {
        for (const value of row) {
          const bytes = Buffer.isBuffer(value) ? value : typeof value === "string" ? Buffer.from(value) : null;
          // Sealed blobs are ciphertext; their 32-byte windows are tried too, up to the first 512 bytes.
          if (bytes) for (let start = 0; start + 32 <= Math.min(bytes.length, 512); start += 1) candidates.add(bytes.subarray(start, start + 32).toString("hex"));
        }
      }
    }
    // The server's own secrets, and the purpose keys derived from them.
    const { getServerKey } = await import("@/lib/server-keys");
    for (const value of Object.values(secrets)) candidates.add(Buffer.from(value, "base64").subarray(0, 32).toString("hex"));
    for (const purpose of ["receipt-lookup", "operator-auth", "operator-session", "one-time-token", "unknown-operator-salt", "rate-limit"] as const) {
      candidates.add(Buffer.from(getServerKey(purpose)).toString("hex"));
    }
    expect(candidates.size).toBeGreaterThan(1000);
    for (const hex of candidates) {
      const pair = await keyPairFromPrivateKey(new Uint8Array(Buffer.from(hex, "hex")));
      for (const answer of answers) {
        await expect(openMessage(pair, new Uint8Array(answer.sealedForDesk))).rejects.toThrow();
        await expect(openMessage(pair, new Uint8Array(answer.sealedForReporter))).rejects.toThrow();
      }
    }
    // Thousands of candidate keys: CPU-bound, and slow when the fuzz test runs beside it.
  }, 180_000);

  it("refuses an answer to a closed or unknown tip, and blobs that are not sealed messages, storing nothing", async () => {
    const { addReporterMessage } = await import("@/lib/follow-up/add-reporter-message");
    const { askReporterQuestion } = await import("@/lib/follow-up/ask-reporter-question");
    const { checkTipStatus } = await import("@/lib/follow-up/check-tip-status");
    const code = await fileTip();
    const reporter = await deriveReporterKeys(code);
    const { tipId } = (await checkTipStatus(reporter.lookupToken))!;
    const count = () => countRows(dataDir, "Message");
    const before = await count();
    const good = await sealMessage(desk.publicKey, "x");
    expect(await addReporterMessage({ lookupToken: reporter.lookupToken, sealedForDesk: new Uint8Array(good.length), sealedForReporter: good })).toBe(false);
    expect(await addReporterMessage({ lookupToken: (await deriveReporterKeys(generateReceiptCode())).lookupToken, sealedForDesk: good, sealedForReporter: good })).toBe(false);
    expect(await askReporterQuestion({ tipId: "no-such-tip-0000000", sealedForDesk: good, sealedForReporter: good })).toBe(false);
    await writeRow(dataDir, `UPDATE "Tip" SET "status" = 'closed' WHERE "id" = ?`, [tipId]);
    expect(await addReporterMessage({ lookupToken: reporter.lookupToken, sealedForDesk: good, sealedForReporter: good })).toBe(false);
    expect(await count()).toBe(before);
    expect(fromBase64Url(toBase64Url(good))).toEqual(good);
  });
});
