// A SIGKILL in the middle of a burst of submissions, held from a skeptic's side. Real
// reporters post real tips concurrently, through both real paths (sealed in the browser and
// posted to submitSealedTipAction; the no-JavaScript form's "send", posted where its button
// posts it, the send route), and reporters of
// earlier tips post follow-up messages; once KILL_AFTER receipts have come back, with the
// rest still in flight, the whole server process group is SIGKILLed. The server is then
// restarted on the same data folder, and:
// - every receipt any client saw (even in a half-received page) belongs to a stored tip
//   that opens with the desk key to exactly what that client sent, and the code checks its
//   status over HTTP on the restarted server;
// - every stored row is whole: each tip a plausible sealed tip that opens with the desk key
//   to what one of the clients sent, each message opens too and has its tip; the database
//   passes integrity_check and foreign_key_check;
// - a request that got no answer stored either its complete tip or nothing.
// A server that answers before its commit fails here whenever the kill can land between the
// two: a write deferred by 100 ms or 250 ms after the answer (as a write-behind or
// group-commit queue would) was caught when tried on this machine. It cannot catch a write merely not awaited: the SQLite
// driver is synchronous, so such a write still runs before the answer leaves the process.
// SQLite only (vitest project "sqlite"): it holds the embedded file's durability
// (synchronous FULL, WAL, integrity_check); PostgreSQL's side, the database going away
// under load, is fault-postgres-restart.test.ts.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  deriveReporterKeys,
  fromBase64Url,
  generateReceiptCode,
  hashLookupToken,
  isPlausibleSealedMessage,
  isPlausibleSealedTip,
  normaliseReceiptCode,
  openMessage,
  openTip,
  sealMessage,
  sealTip,
  toBase64Url,
  type TKeyPair,
} from "@/lib/crypto";
import { formActionOfButton, hiddenInputsOfPostForm, submitForm } from "../support/html-form";
import { seedFirstOperator } from "../support/seed";
import { serverActionId, startTestServer, testSecrets, type TTestServer } from "../support/server";

// This port only: the other suites use their own.
const PORT = 3311;
/** Receipts of the burst that must have come back before the kill. */
const KILL_AFTER = 10;
/** Requests kept in flight at once. */
const CONCURRENCY = 32;
/** Tips queued for the burst: far more than come back before the kill. */
const BURST_TIPS = 160;
/** Every NO_JS_EVERY-th tip of the burst goes through the no-JavaScript form. */
const NO_JS_EVERY = 4;
/** Every MESSAGE_EVERY-th request of the burst is a follow-up message to an earlier tip. */
const MESSAGE_EVERY = 5;
/** Tips stored before the burst, each with a code the burst's follow-up messages use. */
const WARM_UP_TIPS = 4;

const FORM = "/melden?over=adult";
const RECEIPT = /data-testid="receipt-code"[^>]*>([0-9A-Z-]{19})</;
const FLIGHT_ROW = /^1:(\{.*\})$/m;

type TOutcome = "receipt" | "refused" | "unanswered" | "not sent";

type TTipRequest = {
  kind: "js" | "no-js";
  /** What the reporter typed; unique per request, so a stored tip names its request. */
  text: string;
  /** The code this request's receipt must show: chosen by the browser, or at the review step. */
  code: string;
  lookupToken: Uint8Array;
  reporterPublicKey: string;
  /** The envelope the browser sealed (JavaScript path only). */
  envelope?: unknown;
  /** The request body: the action's arguments, or the review page's form plus "send". */
  body: string | [string, string][];
  /** Where "send" posts without JavaScript: the review page's send button's route. */
  sendPath?: string;
  outcome: TOutcome;
  shownCode?: string;
};

type TMessageRequest = { text: string; lookupToken: Uint8Array; body: string; address: string; outcome: TOutcome };

let server: TTestServer;
let restarted: TTestServer | undefined;
let desk: TKeyPair;
let dataDir = "";
/** The killed run's log (the restarted server writes its own to the same file). */
let killedRunLog = "";
let actionIds: Record<"submitSealedTipAction" | "checkStatusAction" | "sendReporterMessageAction", string>;
const warmUp: TTipRequest[] = [];
const burst: TTipRequest[] = [];
const messages: TMessageRequest[] = [];
const figures = { receiptsAtKill: 0, inFlightAtKill: 0, sentAtKill: 0, unexpected: [] as string[] };

/** The keyed hash under which the server stores a lookup token (the test holds the run's secrets). */
async function lookupHashHex(lookupToken: Uint8Array): Promise<string> {
  const { getServerKey } = await import("@/lib/server-keys");
  return Buffer.from(await hashLookupToken(lookupToken, getServerKey("receipt-lookup"))).toString("hex");
}

function tipText(index: number): string {
  const marker = `fault${index}x${randomBytes(6).toString("hex")}`;
  // Some tips fill a large padding bucket, so that their row spans many database pages.
  const filler = index % 3 === 0 ? ` ${"Zij moest elke avond geld afgeven. ".repeat(250)}` : "";
  return `Gezien bij de bushalte, melding ${marker}.${filler}`;
}

/** The tip as the shared schema makes it of the form's fields, i.e. what must be sealed. */
async function expectedTip(text: string) {
  const { ZTip } = await import("@/lib/tips/tip-schema");
  return ZTip.parse({ subject: "adult", signals: ["under-pressure"], seenOrHeard: text });
}

/** A tip sealed as the guided form does it in the browser, ready to post. */
async function prepareSealedTip(index: number): Promise<TTipRequest> {
  const text = tipText(index);
  const code = generateReceiptCode();
  const reporter = await deriveReporterKeys(code);
  const envelope = { v: 1, channel: "web", tip: await expectedTip(text), reporterPublicKey: toBase64Url(reporter.publicKey) };
  const sealed = await sealTip(desk.publicKey, envelope);
  reporter.privateKey.fill(0);
  return {
    kind: "js",
    text,
    code,
    lookupToken: reporter.lookupToken,
    reporterPublicKey: envelope.reporterPublicKey,
    envelope,
    body: JSON.stringify([{ sealedTip: toBase64Url(sealed), lookupToken: toBase64Url(reporter.lookupToken) }]),
    outcome: "not sent",
  };
}

/** A tip taken through the no-JavaScript form up to its check step; "send" is left for the burst. */
async function prepareFormTip(index: number, formPage: string): Promise<TTipRequest> {
  const { openPendingReceipt } = await import("@/lib/tips/pending-receipt");
  const text = tipText(index);
  const review = await submitForm(`${server.origin}${FORM}`, formPage, [
    ["intent", "review"],
    ["subject", "adult"],
    ["signals", "under-pressure"],
    ["seenOrHeard", text],
  ]);
  expect(review.html).toContain('data-testid="tip-summary"');
  const inputs = hiddenInputsOfPostForm(review.html);
  // The code the server chose at the check step, carried in the form under a server key:
  // opened here so that a stored tip can be matched to this request even without an answer.
  const code = openPendingReceipt(inputs.find(([name]) => name === "receipt")?.[1]);
  if (!code) throw new Error("the check step carried no pending receipt");
  const reporter = await deriveReporterKeys(code);
  reporter.privateKey.fill(0);
  return {
    kind: "no-js",
    text,
    code,
    lookupToken: reporter.lookupToken,
    reporterPublicKey: toBase64Url(reporter.publicKey),
    body: [...inputs, ["intent", "send"]],
    sendPath: formActionOfButton(review.html, "send") ?? FORM,
    outcome: "not sent",
  };
}

/** A follow-up message to a stored tip, sealed as the status page does it in the browser. */
async function prepareMessage(index: number, tip: TTipRequest): Promise<TMessageRequest> {
  const text = `Nog iets gezien, bericht ${index}x${randomBytes(6).toString("hex")}.`;
  const reporterPublicKey = fromBase64Url(tip.reporterPublicKey);
  const body = JSON.stringify([
    {
      lookupToken: toBase64Url(tip.lookupToken),
      sealedForDesk: toBase64Url(await sealMessage(desk.publicKey, text)),
      sealedForReporter: toBase64Url(await sealMessage(reporterPublicKey, text)),
    },
  ]);
  // A bucket of its own per message: the status limiter's delays are not under test here.
  return { text, lookupToken: tip.lookupToken, body, address: `10.31.${index}.1`, outcome: "not sent" };
}

/**
 * Posts one request and reads the answer as it streams in. `isReceipt` is asked of what has
 * arrived so far, also when the connection breaks midway: a browser renders a receipt from
 * a half-received page, so a receipt in a broken answer is a receipt all the same.
 */
async function post(
  url: string,
  init: { headers: Record<string, string>; body: string | FormData },
  isReceipt: (text: string) => boolean,
): Promise<{ outcome: Exclude<TOutcome, "not sent">; text: string; error?: string }> {
  let text = "";
  try {
    const response = await fetch(url, { method: "POST", headers: { origin: server.origin, ...init.headers }, body: init.body, signal: AbortSignal.timeout(240_000) });
    const decoder = new TextDecoder();
    const reader = response.body!.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    return { outcome: isReceipt(text) ? "receipt" : "refused", text };
  } catch (error) {
    return { outcome: isReceipt(text) ? "receipt" : "unanswered", text, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

const flightResult = (text: string): unknown => {
  const row = FLIGHT_ROW.exec(text)?.[1];
  if (!row) return null;
  try {
    return JSON.parse(row) as unknown;
  } catch {
    return null;
  }
};
const isOkAnswer = (text: string) => JSON.stringify(flightResult(text)) === '{"ok":true}';

async function sendTip(request: TTipRequest): Promise<Exclude<TOutcome, "not sent">> {
  if (request.kind === "js") {
    const answer = await post(
      `${server.origin}/melden`,
      { headers: { "next-action": actionIds.submitSealedTipAction, "content-type": "text/plain;charset=UTF-8" }, body: request.body as string },
      isOkAnswer,
    );
    if (answer.outcome === "refused") figures.unexpected.push(`sealed tip refused: ${answer.text.slice(0, 200)}`);
    return answer.outcome;
  }
  const form = new FormData();
  for (const [name, value] of request.body as [string, string][]) form.append(name, value);
  const answer = await post(`${server.origin}${request.sendPath ?? FORM}`, { headers: {}, body: form }, (text) => RECEIPT.test(text));
  const shown = RECEIPT.exec(answer.text)?.[1];
  if (shown) request.shownCode = shown;
  if (answer.outcome === "refused") figures.unexpected.push(`form tip refused: ${answer.text.slice(0, 200)}`);
  return answer.outcome;
}

async function sendMessage(request: TMessageRequest): Promise<Exclude<TOutcome, "not sent">> {
  const answer = await post(
    `${server.origin}/status`,
    {
      headers: { "next-action": actionIds.sendReporterMessageAction, "content-type": "text/plain;charset=UTF-8", "x-forwarded-for": request.address },
      body: request.body,
    },
    isOkAnswer,
  );
  if (answer.outcome === "refused") figures.unexpected.push(`message refused: ${answer.text.slice(0, 200)}`);
  return answer.outcome;
}

/** The database file read directly, as a seized disk would give it (the server may run). */
function readDb<T>(sql: string): T[] {
  const db = new Database(path.join(dataDir, "tipline.db"), { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

describe("a SIGKILL in the middle of a burst of submissions", () => {
  beforeAll(async () => {
    const secrets = testSecrets();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tipline-fault-"));
    ({ desk } = await seedFirstOperator(dataDir, secrets));
    server = await startTestServer({ port: PORT, dataDir, env: secrets });
    actionIds = {
      submitSealedTipAction: serverActionId("submitSealedTipAction"),
      checkStatusAction: serverActionId("checkStatusAction"),
      sendReporterMessageAction: serverActionId("sendReporterMessageAction"),
    };
    const formPage = await (await fetch(`${server.origin}${FORM}`)).text();

    // Tips stored before the burst, through both paths: their receipts count like any, and
    // the burst's follow-up messages go to them.
    for (let i = 0; i < WARM_UP_TIPS; i += 1) {
      const request = i % 2 === 0 ? await prepareSealedTip(-1 - i) : await prepareFormTip(-1 - i, formPage);
      request.outcome = await sendTip(request);
      expect(request.outcome, figures.unexpected.join("\n")).toBe("receipt");
      warmUp.push(request);
    }
    // Everything sealed and reviewed beforehand, so that the burst is nothing but the sends.
    for (let i = 0; i < BURST_TIPS; i += 1) burst.push(i % NO_JS_EVERY === NO_JS_EVERY - 1 ? await prepareFormTip(i, formPage) : await prepareSealedTip(i));
    for (let i = 0; i < BURST_TIPS / MESSAGE_EVERY; i += 1) messages.push(await prepareMessage(i, warmUp[i % warmUp.length]!));

    const queue: (() => Promise<void>)[] = [];
    for (let i = 0; i < BURST_TIPS; i += 1) {
      const tip = burst[i]!;
      queue.push(async () => void (tip.outcome = await sendTip(tip)));
      const message = i % MESSAGE_EVERY === 0 ? messages[i / MESSAGE_EVERY] : undefined;
      if (message) queue.push(async () => void (message.outcome = await sendMessage(message)));
    }

    let killed: Promise<void> | null = null;
    let sent = 0;
    let settled = 0;
    const burstReceipts = () => burst.filter((tip) => tip.outcome === "receipt").length;
    const worker = async () => {
      for (;;) {
        // Nothing new once the server is gone: a refused connection is not a request in flight.
        if (killed) return;
        const next = queue.shift();
        if (!next) return;
        sent += 1;
        await next();
        settled += 1;
        if (!killed && burstReceipts() >= KILL_AFTER) {
          // Sent synchronously, before any other answer is read: whatever else was sent is
          // still in flight as far as this client knows.
          killed = server.kill();
          figures.receiptsAtKill = burstReceipts();
          figures.inFlightAtKill = sent - settled;
          figures.sentAtKill = sent;
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    if (!killed) throw new Error(`the burst ended before ${KILL_AFTER} receipts came back:\n${figures.unexpected.join("\n")}`);
    await killed;
    killedRunLog = fs.readFileSync(server.logFile, "utf8");

    restarted = await startTestServer({ port: PORT, dataDir, env: secrets });
    const count = (list: { outcome: TOutcome }[], outcome: TOutcome) => list.filter((request) => request.outcome === outcome).length;
    console.log(
      `[fault] killed after ${figures.receiptsAtKill} burst receipts with ${figures.inFlightAtKill} requests in flight (${figures.sentAtKill} of ${queue.length + figures.sentAtKill} sent); ` +
        `tips: ${count(burst, "receipt")} receipts, ${count(burst, "unanswered")} unanswered, ${count(burst, "refused")} refused; ` +
        `messages: ${count(messages, "receipt")} confirmed, ${count(messages, "unanswered")} unanswered; stored tips ${readDb<{ n: number }>("SELECT COUNT(*) AS n FROM Tip")[0]!.n}`,
    );
  }, 600_000);

  afterAll(async () => {
    await restarted?.stop();
    await server?.kill();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("killed the server mid-burst: receipts had come back and requests were still in flight", () => {
    expect(figures.receiptsAtKill).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(figures.inFlightAtKill).toBeGreaterThanOrEqual(CONCURRENCY / 2);
    // Some requests lost their answer to the kill; none was refused while the server ran.
    expect(burst.filter((tip) => tip.outcome === "unanswered").length).toBeGreaterThan(0);
    expect(figures.unexpected).toEqual([]);
    expect(killedRunLog).not.toContain("[tip] submission failed");
  });

  it("stores every receipted tip whole, sealed to exactly what its reporter sent", async () => {
    const rows = new Map(
      readDb<{ id: string; sealed: Buffer; lookupHash: Buffer }>("SELECT id, sealed, lookupHash FROM Tip").map((row) => [row.lookupHash.toString("hex"), row]),
    );
    const receipted = [...warmUp, ...burst].filter((tip) => tip.outcome === "receipt");
    expect(receipted.length).toBeGreaterThanOrEqual(WARM_UP_TIPS + KILL_AFTER);
    for (const tip of receipted) {
      // The no-JavaScript page shows the code the check step chose; the JavaScript path shows its own.
      if (tip.kind === "no-js") expect(normaliseReceiptCode(tip.shownCode ?? "")).toBe(normaliseReceiptCode(tip.code));
      const row = rows.get(await lookupHashHex(tip.lookupToken));
      expect(row, `no stored tip for the receipt of ${tip.text.slice(0, 60)}`).toBeDefined();
      const opened = await openTip(desk, new Uint8Array(row!.sealed));
      expect(opened).toEqual(tip.envelope ?? { v: 1, channel: "web", tip: await expectedTip(tip.text), reporterPublicKey: tip.reporterPublicKey });
    }
  });

  it("holds no half-written row: every tip and message opens to what a client sent, nothing is orphaned, the file is intact", async () => {
    const { ZTipEnvelope } = await import("@/lib/tips/tip-schema");
    const byHash = new Map<string, TTipRequest>();
    for (const tip of [...warmUp, ...burst]) byHash.set(await lookupHashHex(tip.lookupToken), tip);
    const tips = readDb<{ id: string; sealed: Buffer; lookupHash: Buffer; status: string }>("SELECT id, sealed, lookupHash, status FROM Tip");
    const tipIds = new Set(tips.map((tip) => tip.id));
    for (const row of tips) {
      const sealed = new Uint8Array(row.sealed);
      expect(isPlausibleSealedTip(sealed), row.id).toBe(true);
      const opened = await openTip(desk, sealed);
      expect(ZTipEnvelope.safeParse(opened).success, row.id).toBe(true);
      const request = byHash.get(row.lookupHash.toString("hex"));
      expect(request, `stored tip ${row.id} belongs to no request`).toBeDefined();
      expect(request!.outcome).not.toBe("not sent");
      expect(opened).toEqual(request!.envelope ?? { v: 1, channel: "web", tip: await expectedTip(request!.text), reporterPublicKey: request!.reporterPublicKey });
      expect(row.status).toBe("received");
    }

    const sentMessages = new Map(messages.map((message) => [message.text, message]));
    const stored = readDb<{ tipId: string; author: string; sealedForDesk: Buffer; sealedForReporter: Buffer }>(
      "SELECT tipId, author, sealedForDesk, sealedForReporter FROM Message",
    );
    const storedTexts = new Set<string>();
    for (const message of stored) {
      expect(tipIds.has(message.tipId), `message of a missing tip ${message.tipId}`).toBe(true);
      expect(message.author).toBe("reporter");
      expect(isPlausibleSealedMessage(new Uint8Array(message.sealedForDesk))).toBe(true);
      expect(isPlausibleSealedMessage(new Uint8Array(message.sealedForReporter))).toBe(true);
      const text = await openMessage(desk, new Uint8Array(message.sealedForDesk));
      expect(sentMessages.has(text), `stored message that no client sent: ${text}`).toBe(true);
      storedTexts.add(text);
    }
    expect(storedTexts.size).toBe(stored.length);
    // A confirmed message is stored; one that got no answer is stored whole or not at all.
    for (const message of messages) {
      if (message.outcome === "receipt") expect(storedTexts.has(message.text), message.text).toBe(true);
      if (message.outcome === "not sent") expect(storedTexts.has(message.text), message.text).toBe(false);
    }
    expect(messages.filter((message) => message.outcome === "receipt").length).toBeGreaterThan(0);

    for (const table of ["Message", "Note", "PolicePackage"]) {
      expect(readDb<{ n: number }>(`SELECT COUNT(*) AS n FROM "${table}" WHERE tipId NOT IN (SELECT id FROM Tip)`)[0]!.n, table).toBe(0);
    }
    expect(readDb<{ integrity_check: string }>("PRAGMA integrity_check")).toEqual([{ integrity_check: "ok" }]);
    expect(readDb("PRAGMA foreign_key_check")).toEqual([]);
  });

  it("stored, of the requests that got no answer, each tip whole or not at all", async () => {
    const stored = new Set(readDb<{ lookupHash: Buffer }>("SELECT lookupHash FROM Tip").map((row) => row.lookupHash.toString("hex")));
    const all = [...warmUp, ...burst];
    const receipts = all.filter((tip) => tip.outcome === "receipt").length;
    const unanswered = all.filter((tip) => tip.outcome === "unanswered");
    let unansweredStored = 0;
    for (const tip of unanswered) if (stored.has(await lookupHashHex(tip.lookupToken))) unansweredStored += 1;
    for (const tip of all.filter((request) => request.outcome === "not sent")) expect(stored.has(await lookupHashHex(tip.lookupToken))).toBe(false);
    console.log(`[fault] ${receipts} receipts, ${unanswered.length} unanswered of which ${unansweredStored} stored; ${stored.size} tips stored`);
    // Every stored tip opened whole (above); here the counts: nothing receipted is missing,
    // nothing beyond the requests sent was stored.
    expect(stored.size).toBeGreaterThanOrEqual(receipts);
    expect(stored.size).toBe(receipts + unansweredStored);
  });

  it("shows every receipted tip's status to its code over HTTP on the restarted server", async () => {
    const receipted = [...warmUp, ...burst].filter((tip) => tip.outcome === "receipt");
    let bucket = 0;
    for (const tip of receipted) {
      // A fresh address bucket per check: the limiter is not under test here.
      const address = `10.32.${bucket++}.1`;
      if (tip.kind === "js") {
        // The status page with JavaScript: the browser derives the lookup token from the code.
        const { lookupToken } = await deriveReporterKeys(tip.code);
        const response = await fetch(`${restarted!.origin}/status`, {
          method: "POST",
          headers: { "next-action": actionIds.checkStatusAction, "content-type": "text/plain;charset=UTF-8", origin: restarted!.origin, "x-forwarded-for": address },
          body: JSON.stringify([{ lookupToken: toBase64Url(lookupToken) }]),
        });
        expect(response.status).toBe(200);
        // The view's sealed messages come as Flight text rows of their own (base64url, with no
        // newline after them), so the answer's row is looked for rather than parsed.
        expect(await response.text()).toMatch(/1:\{"ok":true,"view":\{"status":"received","changedOn":"[0-9-]{10}","open":true,/);
      } else {
        const url = `${restarted!.origin}/status`;
        const page = await (await fetch(url, { headers: { "x-forwarded-for": address } })).text();
        const answer = await submitForm(url, page, [["code", tip.code], ["intent", "check"]], { "x-forwarded-for": address });
        expect(answer.status).toBe(200);
        expect(answer.html).toContain('data-testid="status-summary"');
      }
    }
    // Not a server that shows any code a status: a code never sent gets none.
    const url = `${restarted!.origin}/status`;
    const address = `10.32.${bucket}.1`;
    const page = await (await fetch(url, { headers: { "x-forwarded-for": address } })).text();
    const wrong = await submitForm(url, page, [["code", generateReceiptCode()], ["intent", "check"]], { "x-forwarded-for": address });
    expect(wrong.html).not.toContain('data-testid="status-summary"');
  }, 120_000);

  it("wrote no tip or message text into either run's server log", () => {
    const logs = `${killedRunLog}\n${fs.readFileSync(restarted!.logFile, "utf8")}`;
    for (const tip of [...warmUp, ...burst]) expect(logs).not.toContain(tip.text.slice(0, 60));
    for (const message of messages) expect(logs).not.toContain(message.text);
  });
});
