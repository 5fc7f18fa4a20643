// The status page over real HTTP, from a guesser's side: a wrong code and the code of a
// deleted tip get the same status, the same page and take the same time; the page sets no
// cookie and never echoes a code back.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateReceiptCode } from "@/lib/crypto";
import { testPort } from "../support/database";
import { submitForm } from "../support/html-form";
import { seedFirstOperator } from "../support/seed";
import { startTestServer, testSecrets, type TTestServer } from "../support/server";

let server: TTestServer;
let deletedCode = "";
let liveCode = "";

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
