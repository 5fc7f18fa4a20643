// The status page over real HTTP, from a guesser's side: a wrong code and the code of a
// deleted tip get the same status, the same page and take the same time, on the
// no-JavaScript form and on the JavaScript path's lookup-token action; the page never
// echoes a code back; and a guessing loop from one address bucket is stopped by the
// limiter, while a reporter from another network still gets through.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deriveReporterKeys, generateReceiptCode, toBase64Url } from "@/lib/crypto";
import { testPort } from "../support/database";
import { submitForm } from "../support/html-form";
import { seedFirstOperator } from "../support/seed";
import { serverActionId, startTestServer, testSecrets, type TTestServer } from "../support/server";

let server: TTestServer;
let deletedCode = "";
let liveCode = "";
let checkStatusActionId = "";
let sendMessageActionId = "";
const SITE_NL = JSON.parse(fs.readFileSync("messages/nl/site.json", "utf8")) as { status: { errors: Record<string, string> } };

beforeAll(async () => {
  const secrets = testSecrets();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tipline-status-"));
  await seedFirstOperator(dataDir, secrets);
  const { sealAndStoreTip } = await import("@/lib/tips/seal-and-store-tip");
  const { ZTip } = await import("@/lib/tips/tip-schema");
  const { checkTipStatus } = await import("@/lib/follow-up/check-tip-status");
  const { deriveReporterKeys } = await import("@/lib/crypto");
  const { deleteTip } = await import("@/lib/db/tips");
  const tip = ZTip.parse({ subject: "adult", signals: [], seenOrHeard: "Gezien bij het station." });
  deletedCode = (await sealAndStoreTip(tip)).receiptCode;
  liveCode = (await sealAndStoreTip(tip)).receiptCode;
  await deleteTip((await checkTipStatus((await deriveReporterKeys(deletedCode)).lookupToken))!.tipId);
  const { getDb } = await import("@/lib/db/client");
  await (await getDb()).$disconnect();
  server = await startTestServer({ port: testPort(3233), dataDir, env: secrets });
  checkStatusActionId = serverActionId("checkStatusAction");
  sendMessageActionId = serverActionId("sendReporterMessageAction");
});

afterAll(async () => {
  await server?.stop();
  if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
});

/** The page as a guesser compares it: per-response nonces and action keys taken out. */
function comparable(html: string): string {
  return html
    .replace(/nonce="[^"]*"/g, 'nonce=""')
    .replace(/(\\?"nonce\\?":\\?")[A-Za-z0-9+/=]+/g, "$1")
    .replace(/(\$ACTION_KEY" value=")[^"]*/g, "$1")
    .replace(/"k[0-9a-f]{32}"/g, '"k"');
}

let bucket = 0;
async function check(code: string): Promise<{ status: number; html: string; ms: number }> {
  const url = `${server.origin}/status`;
  // A fresh address bucket per request, so the limiter's delays do not enter the timing.
  const forwardedFor = { "x-forwarded-for": `10.${Math.floor(bucket / 250)}.${bucket++ % 250}.7` };
  const page = await (await fetch(url, { headers: forwardedFor })).text();
  const started = performance.now();
  const response = await submitForm(url, page, [["code", code], ["intent", "check"]], forwardedFor);
  return { ...response, ms: performance.now() - started };
}

/** The texts of the page's alerts (role="alert"), as a reader hears them. */
function alerts(html: string): string[] {
  return [...html.matchAll(/<(p|div)\b[^>]*\brole="alert"[^>]*>([\s\S]*?)<\/\1>/g)].map((match) => match[2]!.replace(/<[^>]*>/g, "").trim());
}

let jsBucket = 0;
/** The JavaScript path: the browser posts only the lookup token to the checkStatusAction server action. */
async function lookUp(lookupToken: string, forwardedFor = `10.128.${jsBucket++}.7`): Promise<{ status: number; contentType: string | null; body: Buffer }> {
  const response = await fetch(`${server.origin}/status`, {
    method: "POST",
    headers: { "next-action": checkStatusActionId, "content-type": "text/plain;charset=UTF-8", origin: server.origin, "x-forwarded-for": forwardedFor },
    body: JSON.stringify([{ lookupToken }]),
  });
  return { status: response.status, contentType: response.headers.get("content-type"), body: Buffer.from(await response.arrayBuffer()) };
}

/** The JavaScript path's answer, with blobs that are not sealed messages: only the limiter's verdict matters here. */
async function sendMessage(lookupToken: string, forwardedFor: string): Promise<string> {
  const response = await fetch(`${server.origin}/status`, {
    method: "POST",
    headers: { "next-action": sendMessageActionId, "content-type": "text/plain;charset=UTF-8", origin: server.origin, "x-forwarded-for": forwardedFor },
    body: JSON.stringify([{ lookupToken, sealedForDesk: "AAAA", sealedForReporter: "AAAA" }]),
  });
  expect(response.status).toBe(200);
  return response.text();
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe("the status page over HTTP", () => {
  it("shows a live tip's status to its code", async () => {
    const live = await check(liveCode.toLowerCase());
    expect(live.html).toContain('data-testid="status-summary"');
  });

  it("answers a wrong code and a deleted tip's code with the same status and the same page, never echoing the code", async () => {
    const wrongCode = generateReceiptCode();
    const wrong = await check(wrongCode);
    const deleted = await check(deletedCode);
    expect(deleted.status).toBe(wrong.status);
    expect(comparable(deleted.html)).toBe(comparable(wrong.html));
    expect(wrong.html).toContain('role="alert"');
    expect(deleted.html).not.toContain(deletedCode);
    expect(deleted.html).not.toContain(deletedCode.replace(/-/g, ""));
    expect(wrong.html).not.toContain(wrongCode);
  });

  it("answers the JavaScript path's lookup token of a wrong code and of a deleted tip byte for byte alike", async () => {
    const wrong = await lookUp(toBase64Url((await deriveReporterKeys(generateReceiptCode())).lookupToken));
    const deleted = await lookUp(toBase64Url((await deriveReporterKeys(deletedCode)).lookupToken));
    expect(deleted.status).toBe(wrong.status);
    expect(deleted.contentType).toBe(wrong.contentType);
    // No nonce or other per-request value is in an action's answer: the bytes themselves must match.
    expect(Buffer.compare(deleted.body, wrong.body)).toBe(0);
    expect(wrong.body.toString("utf8")).toContain('{"ok":false,"error":"errors.notFound"}');
    // Not an action that answers every token alike: the live tip's token gets its status.
    const live = await lookUp(toBase64Url((await deriveReporterKeys(liveCode)).lookupToken));
    expect(live.status).toBe(200);
    expect(live.body.toString("utf8")).toMatch(/"ok":true,"view":\{"status":"received"/);
  });

  it("answers malformed lookup tokens as bad requests before the limiter counts them, and logs no failure for them", async () => {
    const { STATUS_LIMITS } = await import("@/lib/rate-limit/limit-status-attempt");
    const malformed = [
      "+".repeat(43), // base64, not base64url
      `${"A".repeat(42)}=`, // padding
      `${"A".repeat(42)}B`, // trailing bits set: no 32-byte token encodes to this
      `${"A".repeat(42)}é`, // not ASCII
      `${"A".repeat(21)} ${"A".repeat(21)}`, // whitespace
    ];
    // More than one bucket's allowance, all from one bucket (one /24): none may use it up.
    for (let round = 0; round * malformed.length <= STATUS_LIMITS.perBucket; round += 1) {
      for (const token of malformed) {
        const answer = await lookUp(token, `10.77.0.${round + 1}`);
        expect(answer.status).toBe(200);
        expect(answer.body.toString("utf8")).toContain('{"ok":false,"error":"errors.invalidRequest"}');
        const message = await sendMessage(token, `10.77.0.${round + 101}`);
        expect(message).toContain('{"ok":false,"error":"errors.invalidRequest"}');
      }
    }
    // The same bucket still looks up a real token at once: nothing was counted.
    const started = performance.now();
    const live = await lookUp(toBase64Url((await deriveReporterKeys(liveCode)).lookupToken), "10.77.0.200");
    expect(performance.now() - started).toBeLessThan(450);
    expect(live.body.toString("utf8")).toMatch(/"ok":true,"view":\{"status":"received"/);
    // A malformed field is a bad request, not a failure of the server: nothing in the log.
    expect(fs.readFileSync(server.logFile, "utf8")).not.toMatch(/\[status\] failed/);
  });

  it("stops a guessing loop from one address bucket with growing delays, refuses that bucket's checks and answers on both paths, and lets a reporter from another network through", async () => {
    const { STATUS_LIMITS } = await import("@/lib/rate-limit/limit-status-attempt");
    // Counters belong to a ten-minute window; start well inside one, so that the loop and
    // the checks after it are counted in the same window.
    const left = STATUS_LIMITS.windowMs - (Date.now() % STATUS_LIMITS.windowMs);
    if (left < 30_000) await new Promise((resolve) => setTimeout(resolve, left + 200));

    const url = `${server.origin}/status`;
    const page = await (await fetch(url, { headers: { "x-forwarded-for": "198.51.100.1" } })).text();
    const post = async (code: string, forwardedFor: string) => {
      const started = performance.now();
      const response = await submitForm(url, page, [["code", code], ["intent", "check"]], { "x-forwarded-for": forwardedFor });
      return { ...response, ms: performance.now() - started };
    };
    // The guesser sends a burst at once, as a script would: each request from another host
    // of one /24, with made-up entries in front of the proxy's (the rightmost counts).
    const guesses = STATUS_LIMITS.perBucket + 4;
    const answers = await Promise.all(
      Array.from({ length: guesses }, (_, index) => post(generateReceiptCode(), `10.66.${index}.1, 192.0.2.${index + 1}`)),
    );
    // Every page carries all of the panel's texts for its script, so the alert is what counts.
    const notFound = SITE_NL.status.errors.notFound!;
    const tooMany = SITE_NL.status.errors.tooManyAttempts!;
    for (const answer of answers) expect(answer.status).toBe(200);
    const looked = answers.filter((answer) => alerts(answer.html).includes(notFound));
    const refused = answers.filter((answer) => alerts(answer.html).includes(tooMany));
    expect(looked).toHaveLength(STATUS_LIMITS.perBucket);
    expect(refused).toHaveLength(guesses - STATUS_LIMITS.perBucket);

    // Past the free attempts each allowed guess waited longer: 0.5 s, 1 s, 2 s, 4 s, then the cap.
    const expectedDelays = Array.from({ length: STATUS_LIMITS.perBucket }, (_, index) => {
      const past = index + 1 - STATUS_LIMITS.freeAttempts;
      return past <= 0 ? 0 : Math.min(500 * 2 ** (past - 1), STATUS_LIMITS.maxDelayMs);
    }).sort((a, b) => b - a);
    const waited = looked.map((answer) => answer.ms).sort((a, b) => b - a);
    expectedDelays.forEach((delay, index) => expect(waited[index], `guess ${index + 1} of the slowest`).toBeGreaterThanOrEqual(delay - 20));

    // The bucket stays shut for the window: the real code from the same /24 is refused too,
    // with or without JavaScript, whatever is written in front of the proxy's entry.
    const sameBucket = await post(liveCode, "203.0.113.50, 192.0.2.200");
    expect(alerts(sameBucket.html)).toEqual([tooMany]);
    expect(sameBucket.html).not.toContain('data-testid="status-summary"');
    const liveToken = toBase64Url((await deriveReporterKeys(liveCode)).lookupToken);
    const sameBucketJs = await lookUp(liveToken, "192.0.2.201");
    expect(sameBucketJs.body.toString("utf8")).toContain('{"ok":false,"error":"errors.tooManyAttempts"}');
    // Answers pass the same limiter, on both paths.
    const answerNoJs = await submitForm(url, page, [["code", liveCode], ["intent", "answer"], ["message", "Nog een detail."]], { "x-forwarded-for": "192.0.2.202" });
    expect(alerts(answerNoJs.html)).toEqual([tooMany]);
    const answerJs = await sendMessage(liveToken, "192.0.2.203");
    expect(answerJs).toContain('{"ok":false,"error":"errors.tooManyAttempts"}');
    // ...and it was the limiter that refused: the same answer from elsewhere is let through to
    // the checks behind it (here: not a sealed message, so nothing is stored).
    const answerElsewhere = await sendMessage(liveToken, "198.51.100.25");
    expect(answerElsewhere).toMatch(/\{"ok":false,"error":"errors\.(notSent|invalidRequest)"\}/);

    // A reporter on another network is not held up by the guesser: the code opens the status.
    const elsewhere = await post(liveCode, "198.51.100.23");
    expect(elsewhere.html).toContain('data-testid="status-summary"');
    expect(alerts(elsewhere.html)).toEqual([]);
    const elsewhereJs = await lookUp(toBase64Url((await deriveReporterKeys(liveCode)).lookupToken), "198.51.100.24");
    expect(elsewhereJs.body.toString("utf8")).toMatch(/"ok":true,"view":\{"status":"received"/);
    // Up to 30 s waiting for a fresh window, then ~10 s of guesses and checks: more than the
    // default 30 s timeout when the run starts near the end of a window.
  }, 90_000);

  it("takes the same time for a wrong code as for a deleted tip's code", async () => {
    const wrong: number[] = [];
    const deleted: number[] = [];
    for (let round = 0; round < 15; round += 1) {
      wrong.push((await check(generateReceiptCode())).ms);
      deleted.push((await check(deletedCode)).ms);
    }
    const ratio = median(deleted) / median(wrong);
    // Both are one Argon2id derivation and one missed lookup; a different code path for
    // deleted tips (a tombstone check, say) would show up as a clear ratio.
    expect(ratio).toBeGreaterThan(0.6);
    expect(ratio).toBeLessThan(1.6);
  });
});
