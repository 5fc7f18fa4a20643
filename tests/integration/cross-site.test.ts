// CSRF from an attacker's side: the reporter's form action accepts a post only from its
// own origin (a browser's "Origin: null" counts only when the browser itself marks the
// request same-origin), and a refused post stores nothing and shows no stack trace.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testPort } from "../support/database";
import { submitForm } from "../support/html-form";
import { startTestServer, testSecrets, type TTestServer } from "../support/server";
import { countStoredTips, seedFirstOperator } from "../support/seed";

describe("cross-site requests to the form's server action", () => {
  let other: TTestServer;
  const countTips = () => countStoredTips(other.dataDir);
  beforeAll(async () => {
    const secrets = testSecrets();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tipline-it-"));
    await seedFirstOperator(dataDir, secrets);
    other = await startTestServer({ port: testPort(3232), dataDir, env: secrets });
  });
  afterAll(async () => {
    await other?.stop();
    if (other) fs.rmSync(other.dataDir, { recursive: true, force: true });
  });

  it("refuses a post from another site, or with a null origin the browser did not mark same-origin, and stores nothing", async () => {
    const url = `${other.origin}/melden?over=adult`;
    const html = await (await fetch(url)).text();
    // A forged "send" with a valid tip: the one post that would store something.
    const fields: [string, string][] = [
      ["intent", "send"],
      ["payload", JSON.stringify({ subject: "adult", signals: [], seenOrHeard: "cross-site attempt" })],
    ];
    const attempts: Record<string, string>[] = [
      { origin: "https://evil.example" },
      { origin: "null", "sec-fetch-site": "cross-site" },
      { origin: "null" },
    ];
    for (const headers of attempts) {
      const response = await submitForm(url, html, fields, headers);
      expect(response.html, JSON.stringify(headers)).not.toContain('data-testid="receipt-code"');
      expect(response.html).not.toMatch(/at [\w$.]+ \(.*\.js:\d+:\d+\)/); // no stack trace
    }
    expect(await countTips()).toBe(0);
    // The control: the same post, marked same-origin by the browser, is stored.
    const sameOrigin = await submitForm(url, html, fields, { origin: "null", "sec-fetch-site": "same-origin" });
    expect(sameOrigin.html).toContain('data-testid="receipt-code"');
    expect(await countTips()).toBe(1);
  });
});
