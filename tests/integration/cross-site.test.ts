// CSRF from an attacker's side: the reporter's form action accepts a post only from its
// own origin (a browser's "Origin: null" counts only when the browser itself marks the
// request same-origin), and a refused post stores nothing and shows no stack trace. The
// refusal comes from proxy.ts before Next reads the post: a 403 that says what happened,
// a page in the path's language for a form, a line of text for a JavaScript action call
// (Next's own refusal is a bare 500). A JavaScript action call is refused the same way by
// npm start's server, which guards it instead of proxy.ts; no client can claim that mark.
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

  it("answers a post from another site with a 403 and a page in the path's language, in every zone, before any action runs", async () => {
    const before = await countTips();
    const foreign: Record<string, string>[] = [
      { origin: "https://evil.example" },
      { origin: `${other.origin}.evil.example` },
      { origin: "not a url" },
      { origin: "null" },
      { origin: "null", "sec-fetch-site": "cross-site" },
      // A reverse proxy's X-Forwarded-Host is what the origin must name when there is one,
      // and only its first value counts.
      { origin: other.origin, "x-forwarded-host": "tips.example.org" },
      { origin: "https://app.internal", "x-forwarded-host": "tips.example.org, app.internal" },
    ];
    const pages = [
      { path: "/melden?over=adult", lang: "nl", fields: [["intent", "review"], ["seenOrHeard", "x"]] as [string, string][] },
      { path: "/en/status", lang: "en", fields: [["intent", "check"], ["code", "ABCD-EFGH-JKLM-NPQR"]] as [string, string][] },
      { path: "/operator/setup", lang: "nl", fields: [] as [string, string][] },
    ];
    for (const page of pages) {
      const url = `${other.origin}${page.path}`;
      const html = await (await fetch(url)).text();
      for (const headers of foreign) {
        const response = await submitForm(url, html.includes("<form") ? html : `<form method="post"></form>`, page.fields, headers);
        const what = `${page.path} ${JSON.stringify(headers)}`;
        expect(response.status, what).toBe(403);
        expect(response.html, what).toContain(`<html lang="${page.lang}">`);
        expect(response.html, what).toContain('data-testid="cross-site"');
        expect(response.html, what).toContain(page.lang === "en" ? "Nothing was stored" : "Er is niets opgeslagen");
      }
    }
    // A JavaScript action call (the reporter's sealed tip) from another site: a line of text.
    const call = await fetch(`${other.origin}/melden`, {
      method: "POST",
      headers: { origin: "https://evil.example", "next-action": "0".repeat(42), "content-type": "text/plain;charset=UTF-8" },
      body: "[{}]",
    });
    expect(call.status).toBe(403);
    expect(call.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(call.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(call.headers.get("cache-control")).toBe("no-store, max-age=0");
    expect(await call.text()).toBe("Forbidden: this request did not come from this site's own pages. Nothing was stored.");
    expect(await countTips()).toBe(before);
    // The controls: the same origin, by Host or by a reverse proxy's X-Forwarded-Host, is let through.
    const status = `${other.origin}/en/status`;
    const statusHtml = await (await fetch(status)).text();
    // A reverse proxy's X-Forwarded-Host counts by its first value, as Next reads it; a null
    // origin the browser marked same-origin is rewritten to that host for Next's own check.
    const controls: Record<string, string>[] = [
      {},
      { origin: "https://tips.example.org", "x-forwarded-host": "tips.example.org" },
      { origin: "https://tips.example.org", "x-forwarded-host": "tips.example.org, app.internal" },
      { origin: "null", "sec-fetch-site": "same-origin", "x-forwarded-host": "tips.example.org, app.internal" },
    ];
    for (const headers of controls) {
      const response = await submitForm(status, statusHtml, [["intent", "check"], ["code", "ABCD-EFGH-JKLM-NPQR"]], headers);
      expect(response.status, JSON.stringify(headers)).toBe(200);
      expect(response.html, JSON.stringify(headers)).not.toContain('data-testid="cross-site"');
    }
  });

  it("runs proxy.ts for any request a client marks as already guarded: only npm start's server may set that mark", async () => {
    const before = await countTips();
    const url = `${other.origin}/melden?over=adult`;
    const page = await fetch(url, { headers: { "x-tipline-guarded": "1" } });
    await page.text();
    expect(page.headers.get("content-security-policy")).toMatch(/'nonce-[A-Za-z0-9+/]{22}=='/);
    const html = await (await fetch(url)).text();
    for (const mark of ["1", "yes", ""]) {
      const form = await submitForm(url, html, [["intent", "review"], ["seenOrHeard", "x"]], { origin: "https://evil.example", "x-tipline-guarded": mark });
      expect(form.status, mark).toBe(403);
      expect(form.html).toContain('data-testid="cross-site"');
      const call = await fetch(`${other.origin}/melden`, {
        method: "POST",
        headers: { origin: "https://evil.example", "next-action": "0".repeat(42), "content-type": "text/plain;charset=UTF-8", "x-tipline-guarded": mark },
        body: "[{}]",
      });
      expect(call.status, mark).toBe(403);
      expect(await call.text()).toContain("did not come from this site");
    }
    expect(await countTips()).toBe(before);
  });
});
