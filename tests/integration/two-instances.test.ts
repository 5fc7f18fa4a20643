// Two real app instances on one PostgreSQL database, as behind a round-robin proxy, held
// from a skeptic's side: whatever one instance was told, the other must know, and a job
// must not run twice. Runs when TEST_DATABASE_URL is set (CI sets it), in a fresh schema.
// - A tip sent without JavaScript on A is stored once, opens with the desk key, and its
//   receipt code reads its status on B; a form rendered by one instance posts to the other.
// - A status-check limit used up on A refuses the same address bucket on B, right code or not.
// - Failed logins racing on both instances each leave their audit entry, in one intact chain;
//   a session started on one instance holds on the other, and ends on both.
// - The retention lease goes to exactly one of many racing connections, and of the two
//   instances' schedules exactly one runs retention while the other stands by.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deriveOperatorSecrets, deriveReporterKeys, generateReceiptCode, openTip, toBase64Url, type TKeyPair } from "@/lib/crypto";
import { submitForm } from "../support/html-form";
import { dropSchema, freshSchemaUrl, TEST_DATABASE_URL } from "../support/postgres";
import { seedFirstOperator, seedLoginCode, SEED_OPERATOR } from "../support/seed";
import { serverActionId, startTestServer, testSecrets, type TTestServer } from "../support/server";

// These two ports only: the other suites use their own.
const PORTS = [3301, 3302] as const;
const RECEIPT = /data-testid="receipt-code"[^>]*>([0-9A-Z-]{19})</;
const SUMMARY = 'data-testid="status-summary"';
/** The error the status page shows (the page also carries every text in its script data). */
const shownError = (html: string) => /<p class="error" role="alert">([^<]*)<\/p>/.exec(html)?.[1] ?? null;
const statusTexts = (JSON.parse(fs.readFileSync("messages/nl/site.json", "utf8")) as { status: { errors: Record<string, string> } }).status.errors;

describe.runIf(TEST_DATABASE_URL !== "")("two instances on one PostgreSQL database", () => {
  const { url, schema } = TEST_DATABASE_URL ? freshSchemaUrl() : { url: "", schema: "" };
  const secrets = testSecrets();
  const dataDirs: string[] = [];
  let a: TTestServer;
  let b: TTestServer;
  let desk: TKeyPair;
  let startedAt = 0;

  /** A query straight into the run's schema, as a seized database would be read. */
  async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      await client.query(`SET search_path TO "${schema}"`);
      return (await client.query<T>(text, values)).rows;
    } finally {
      await client.end();
    }
  }

  const log = (server: TTestServer) => fs.readFileSync(server.logFile, "utf8");

  beforeAll(async () => {
    dataDirs.push(...PORTS.map(() => fs.mkdtempSync(path.join(os.tmpdir(), "tipline-two-"))));
    ({ desk } = await seedFirstOperator(dataDirs[0]!, secrets, url));
    // Started together, so that their retention schedules' first checks race as well. Each
    // has its own data folder: nothing on one instance's disk may be needed by the other.
    startedAt = Date.now();
    const start = (index: 0 | 1) => startTestServer({ port: PORTS[index], dataDir: dataDirs[index], env: { ...secrets, DATABASE_URL: url } });
    [a, b] = await Promise.all([start(0), start(1)]);
  });

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    const { getDb } = await import("@/lib/db/client");
    await (await getDb()).$disconnect();
    if (schema) await dropSchema(schema);
    for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Calls an operator action on `server` as the operator's browser does, with JavaScript. */
  async function callOperatorAction(server: TTestServer, exportedName: string, args: unknown[], cookie?: string) {
    const response = await fetch(`${server.origin}/operator`, {
      method: "POST",
      headers: { "next-action": serverActionId(exportedName), "content-type": "text/plain;charset=UTF-8", origin: server.origin, ...(cookie ? { cookie } : {}) },
      body: JSON.stringify(args),
    });
    return { status: response.status, body: await response.text(), setCookie: response.headers.getSetCookie() };
  }

  /** Checks a code on the no-JavaScript status page of `server`, from `address`. */
  async function checkStatus(server: TTestServer, code: string, address: string, pageFrom: TTestServer = server) {
    const headers = { "x-forwarded-for": address };
    const page = await (await fetch(`${pageFrom.origin}/status`, { headers })).text();
    return submitForm(`${server.origin}/status`, page, [["code", code], ["intent", "check"]], headers);
  }

  /** The no-JavaScript tip form: the page and the review from `first`, the send to `second`. */
  async function sendTip(first: TTestServer, second: TTestServer, text: string): Promise<string> {
    const form = "/melden?over=adult";
    const page = await (await fetch(`${first.origin}${form}`)).text();
    const review = await submitForm(`${first.origin}${form}`, page, [
      ["intent", "review"],
      ["subject", "adult"],
      ["signals", "under-pressure"],
      ["seenOrHeard", text],
    ]);
    expect(review.html).toContain('data-testid="tip-summary"');
    const done = await submitForm(`${second.origin}${form}`, review.html, [["intent", "send"]]);
    expect(done.status).toBe(200);
    const code = RECEIPT.exec(done.html)?.[1];
    expect(code, done.html.slice(0, 500)).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    return code!;
  }

  /** The stored tip a receipt code belongs to, opened with the desk key as an operator would. */
  async function openStoredTip(code: string): Promise<string> {
    const { checkTipStatus } = await import("@/lib/follow-up/check-tip-status");
    const { listTips } = await import("@/lib/db/tips");
    const found = await checkTipStatus((await deriveReporterKeys(code)).lookupToken);
    const stored = (await listTips()).find((tip) => tip.id === found?.tipId);
    expect(stored).toBeDefined();
    return JSON.stringify(await openTip(desk, stored!.sealed));
  }

  it("stores a tip sent on A once, and shows its status on B to its receipt code only", async () => {
    const marker = `tweeinstanties${randomBytes(6).toString("hex")}`;
    const before = Number((await sql<{ n: string }>(`SELECT COUNT(*) AS n FROM "Tip"`))[0]!.n);
    const code = await sendTip(a, a, `Gezien bij de bushalte: ${marker}`);
    expect(Number((await sql<{ n: string }>(`SELECT COUNT(*) AS n FROM "Tip"`))[0]!.n)).toBe(before + 1);
    expect(await openStoredTip(code)).toContain(marker);

    const onB = await checkStatus(b, code, "10.21.0.1");
    expect(onB.status).toBe(200);
    expect(onB.html).toContain(SUMMARY);
    // B does not show a summary to just any code.
    const wrong = await checkStatus(b, generateReceiptCode(), "10.21.0.1");
    expect(wrong.html).not.toContain(SUMMARY);
    expect(shownError(wrong.html)).toBe(statusTexts.notFound);
  }, 60_000);

  it("accepts on one instance a form the other rendered (one server-action key, one build)", async () => {
    const marker = `kruislings${randomBytes(6).toString("hex")}`;
    // Reviewed on B, sent through A; the status page rendered by A, posted to B.
    const code = await sendTip(b, a, `Gehoord in de wachtkamer: ${marker}`);
    expect(await openStoredTip(code)).toContain(marker);
    expect((await checkStatus(b, code, "10.22.0.1", a)).html).toContain(SUMMARY);
  }, 60_000);

  it("refuses on B an address bucket that used up its status checks on A, even with the right code", async () => {
    const { STATUS_LIMITS } = await import("@/lib/rate-limit/limit-status-attempt");
    const code = await sendTip(a, a, "Gezien op de parkeerplaats.");
    // One /24 bucket, a different address in it for every request. Concurrently, so that the
    // limiter's growing delays overlap instead of adding up.
    const used = await Promise.all(
      Array.from({ length: STATUS_LIMITS.perBucket }, (_, i) => checkStatus(a, generateReceiptCode(), `10.77.1.${i + 1}`)),
    );
    expect(used.map((answer) => shownError(answer.html))).toEqual(used.map(() => statusTexts.notFound));
    const refused = await checkStatus(b, code, "10.77.1.200");
    expect(shownError(refused.html)).toBe(statusTexts.tooManyAttempts);
    expect(refused.html).not.toContain(SUMMARY);
    // Not B refusing everyone: another bucket gets the status there.
    expect((await checkStatus(b, code, "10.78.1.1")).html).toContain(SUMMARY);
  }, 90_000);

  it("keeps every audit entry of failed logins racing on both instances, in one intact chain", async () => {
    const { verifyAuditChain } = await import("@/lib/audit/verify-audit-chain");
    const before = await sql<{ seq: number }>(`SELECT seq FROM "AuditEntry"`);
    const ATTEMPTS = 60;
    // A different unknown name each, so that no name's login delay spaces them out.
    const answers = await Promise.all(
      Array.from({ length: ATTEMPTS }, (_, i) =>
        callOperatorAction(i % 2 === 0 ? a : b, "logInAction", [{ name: `Gast ${i}`, authKey: toBase64Url(randomBytes(32)) }]),
      ),
    );
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.body).toContain('"error":"errors.loginFailed"');
    }
    const after = await sql<{ seq: number; action: string }>(`SELECT seq, action FROM "AuditEntry" ORDER BY seq`);
    // Every failure was recorded: an append that gave up would only have been logged.
    expect(after.length - before.length).toBe(ATTEMPTS);
    expect(after.slice(before.length).every((entry) => entry.action === "operator.login-failed")).toBe(true);
    expect(after.map((entry) => entry.seq)).toEqual(after.map((_, index) => index + 1));
    expect(await verifyAuditChain()).toEqual({ ok: true, entries: after.length });
    for (const server of [a, b]) expect(log(server)).not.toMatch(/audit operator\.login-failed failed/);
  }, 90_000);

  it("keeps an operator logged in on B after logging in on A, and out on A after logging out on B", async () => {
    const { getLoginSalt } = await import("@/lib/operators/get-login-salt");
    const { SESSION_COOKIE } = await import("@/lib/operators/get-operator-session");
    const { authKey } = await deriveOperatorSecrets(SEED_OPERATOR.passphrase, await getLoginSalt(SEED_OPERATOR.name));
    const login = await callOperatorAction(a, "logInAction", [{ name: SEED_OPERATOR.name, authKey: toBase64Url(authKey), code: await seedLoginCode() }]);
    expect(login.body).toContain('"ok":true');
    const cookie = login.setCookie.map((line) => line.split(";")[0]!).find((pair) => pair.startsWith(`${SESSION_COOKIE}=`));
    expect(cookie).toBeDefined();
    // The device cookie (lib/operators/login-device.ts): the operator zone's only, out of
    // scripts' reach, and kept past the session.
    const { DEVICE_COOKIE, DEVICE_LIFETIME_DAYS } = await import("@/lib/operators/login-device");
    const deviceLine = login.setCookie.find((line) => line.startsWith(`${DEVICE_COOKIE}=`));
    expect(deviceLine).toBeDefined();
    const attributes = deviceLine!.split(";").slice(1).map((part) => part.trim().toLowerCase());
    // Next writes Expires beside Max-Age; everything else is named here.
    expect(attributes.filter((attribute) => !attribute.startsWith("expires=")).sort()).toEqual(
      ["httponly", `max-age=${DEVICE_LIFETIME_DAYS * 24 * 60 * 60}`, "path=/operator", "samesite=strict", "secure"].sort(),
    );
    // Issued by A, it is this operator's device on B as well: a login there with it
    // succeeds and is given a new one.
    const device = deviceLine!.split(";")[0]!;
    const again = await callOperatorAction(b, "logInAction", [{ name: SEED_OPERATOR.name, authKey: toBase64Url(authKey), code: await seedLoginCode() }], device);
    expect(again.body).toContain('"ok":true');
    const renewed = again.setCookie.find((line) => line.startsWith(`${DEVICE_COOKIE}=`))?.split(";")[0];
    expect(renewed).toMatch(new RegExp(`^${DEVICE_COOKIE}=[A-Za-z0-9_-]{22}\\.\\d+\\.[A-Za-z0-9_-]{43}$`));
    expect(renewed).not.toBe(device);
    const listed = await callOperatorAction(b, "listTipsAction", [], cookie);
    expect(listed.body).toContain('"ok":true');
    expect(listed.body).toContain('"tips":[{');
    // Not B letting anyone list: without the cookie it refuses.
    expect((await callOperatorAction(b, "listTipsAction", [])).body).toContain('"error":"errors.notLoggedIn"');
    expect((await callOperatorAction(b, "logOutAction", [], cookie)).body).toContain('"ok":true');
    expect((await callOperatorAction(a, "listTipsAction", [], cookie)).body).toContain('"error":"errors.notLoggedIn"');
  }, 60_000);

  it("gives the retention lease to exactly one of many connections racing, and to none while it runs", async () => {
    const { acquireJobLease } = await import("@/lib/db/job-leases");
    const now = new Date();
    const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
    // The test process's pool holds ten connections: these are real concurrent statements.
    const race = (holders: string, from: Date, until: Date) =>
      Promise.all(Array.from({ length: 20 }, (_, i) => acquireJobLease({ name: "two-instance-race", holder: `${holders}${i}`, now: from, expiresAt: until })));
    expect((await race("first", at(0), at(60))).filter(Boolean)).toHaveLength(1);
    expect((await race("during", at(30), at(90))).filter(Boolean)).toHaveLength(0);
    expect((await race("after", at(60), at(120))).filter(Boolean)).toHaveLength(1);
    const rows = await sql<{ holder: string }>(`SELECT holder FROM "JobLease" WHERE name = $1`, ["two-instance-race"]);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.holder).toMatch(/^after\d+$/);
  }, 60_000);

  it("runs retention on exactly one of the two instances whose schedules started together", async () => {
    const { RETENTION_LEASE, RETENTION_SCHEDULE } = await import("@/lib/retention/start-retention-schedule");
    const ran = (text: string) => text.split("[retention] tips=").length - 1;
    const stoodBy = (text: string) => text.split("[retention] another instance ran retention within the period; this one stands by").length - 1;
    const decided = (server: TTestServer) => ran(log(server)) + stoodBy(log(server)) > 0;
    // Both instances' first checks come a minute after they started; wait until both have
    // decided, so that a schedule that never checked cannot pass for one that stood by.
    const deadline = startedAt + RETENTION_SCHEDULE.firstRunAfterMs + 120_000;
    while (!(decided(a) && decided(b)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 1000));
    const logs = [log(a), log(b)];
    expect(logs.map(ran).sort()).toEqual([0, 1]);
    expect(logs.map(stoodBy).sort()).toEqual([0, 1]);
    // The one that ran is not the one that stood by.
    expect(logs.map((text) => ran(text) + stoodBy(text))).toEqual([1, 1]);
    expect(logs.join("\n")).not.toContain("[retention] failed");
    // Prisma keeps UTC in a column without a time zone: read it as such, not as local time.
    const [lease] = await sql<{ holder: string; expiresAt: string }>(
      `SELECT holder, to_char("expiresAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "expiresAt" FROM "JobLease" WHERE name = $1`,
      [RETENTION_LEASE],
    );
    // A random process id, nothing about the host; the lease runs for the whole period.
    expect(lease?.holder).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(Date.parse(lease!.expiresAt) - Date.now()).toBeGreaterThan(RETENTION_SCHEDULE.everyMs - 5 * 60_000);
  }, 240_000);
});
