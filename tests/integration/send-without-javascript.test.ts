// The no-JavaScript "send" route (POST /melden/verzenden, app/(public)/_routes/send-tip.ts),
// over real HTTP, as a browser without JavaScript uses it and as an attacker would:
// - the review page's send button posts there, and only there;
// - the receipt comes after the commit, the stored tip opens with the desk key to exactly
//   what was reviewed, under the code shown, and a repeated post stores nothing new;
// - its page is the form action's receipt page, element for element, without a script;
// - a post from another site, or one the route cannot handle, stores nothing by itself:
//   refused, or handed to the form action (307) that answers it as before;
// - the page template cannot be had by anyone but the server;
// - proxy.ts does not run for it, so it applies the proxy's body limits and sets its
//   headers itself, on every answer.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SERVER_ACTION_BODY_LIMIT_BYTES } from "@/lib/body-limit";
import { deriveReporterKeys, generateReceiptCode, openTip, toBase64Url, type TKeyPair } from "@/lib/crypto";
import { testPort } from "../support/database";
import { formActionOfButton, hiddenInputsOfPostForm, submitForm } from "../support/html-form";
import { countStoredTips, seedFirstOperator } from "../support/seed";
import { startTestServer, testSecrets, type TTestServer } from "../support/server";

const RECEIPT = /data-testid="receipt-code"[^>]*>([0-9A-Z]{4}(?:-[0-9A-Z]{4}){3})</;

let server: TTestServer;
let desk: TKeyPair;
let sealPendingReceipt: (code: string, now?: number) => string;

beforeAll(async () => {
  const secrets = testSecrets();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tipline-send-route-"));
  ({ desk } = await seedFirstOperator(dataDir, secrets));
  ({ sealPendingReceipt } = await import("@/lib/tips/pending-receipt"));
  server = await startTestServer({ port: testPort(3234), dataDir, env: secrets });
});

afterAll(async () => {
  await server?.stop();
  if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
});

const countTips = () => countStoredTips(server.dataDir);

async function openStoredTips(): Promise<{ envelope: { tip: Record<string, unknown>; reporterPublicKey: string } }[]> {
  const { listTips } = await import("@/lib/db/tips");
  return Promise.all((await listTips()).map(async (tip) => ({ envelope: (await openTip(desk, tip.sealed)) as { tip: Record<string, unknown>; reporterPublicKey: string } })));
}

/** A review page of a real no-JavaScript journey, in `lang`, for a tip saying `text`. */
async function reviewPage(text: string, lang: "nl" | "en" = "nl"): Promise<{ url: string; html: string }> {
  const url = `${server.origin}${lang === "en" ? "/en" : ""}/melden?over=adult`;
  const review = await submitForm(url, await (await fetch(url)).text(), [
    ["intent", "review"],
    ["subject", "adult"],
    ["signals", "under-pressure"],
    ["seenOrHeard", text],
  ]);
  expect(review.status).toBe(200);
  expect(review.html).toContain('data-testid="tip-summary"');
  return { url, html: review.html };
}

/** Posts the review page's form as a browser does when "send" is pressed, without following a redirect. */
async function pressSend(html: string, options: { to?: string; replace?: Record<string, string>; headers?: Record<string, string> } = {}) {
  const target = options.to ?? formActionOfButton(html, "send");
  if (target === null) throw new Error("the send button has no route");
  const body = new FormData();
  for (const [name, value] of hiddenInputsOfPostForm(html)) body.append(name, options.replace?.[name] ?? value);
  body.append("intent", "send");
  const response = await fetch(`${server.origin}${target}`, { method: "POST", body, headers: { origin: server.origin, ...options.headers }, redirect: "manual" });
  return { response, html: await response.text(), body };
}

/** A POST with headers fetch will not send (a declared length that is a lie, a chunked body). */
function rawPost(pathname: string, headers: Record<string, string>, chunks: string[]): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const request = http.request(`${server.origin}${pathname}`, { method: "POST", headers: { origin: server.origin, ...headers } });
    request.on("response", (response) => {
      let body = "";
      response.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    request.on("error", reject);
    for (const chunk of chunks) request.write(chunk);
    request.end();
  });
}

/** The headers proxy.ts gives every other answer, which the route must give its own. */
function expectOwnHeaders(headers: { get(name: string): string | null } | http.IncomingHttpHeaders, what: string) {
  const get = (name: string) => ("get" in headers && typeof headers.get === "function" ? (headers as { get(name: string): string | null }).get(name) : ((headers as http.IncomingHttpHeaders)[name] as string | undefined) ?? null);
  expect(get("content-security-policy"), what).toMatch(/^default-src 'self'; script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'.*frame-ancestors 'none'/);
  expect(get("cache-control"), what).toContain("no-store");
  expect(get("referrer-policy"), what).toBe("no-referrer");
  expect(get("set-cookie"), what).toBeNull();
}

/** The body of a page as a reader sees it: no scripts, comments, nonces or script preloads. */
function visibleBody(html: string): string {
  const body = /<body[^>]*>([\s\S]*)<\/body>/.exec(html)?.[1] ?? "";
  return body
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, "")
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<link\b[^>]*>/g, "")
    .replace(/\snonce="[^"]*"/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

describe("the no-JavaScript send route", () => {
  it("is where the review page's send button posts, in both languages; 'edit' stays with the form action", async () => {
    expect(formActionOfButton((await reviewPage("Knoppen.")).html, "send")).toBe("/melden/verzenden");
    const english = (await reviewPage("Buttons.", "en")).html;
    expect(formActionOfButton(english, "send")).toBe("/en/melden/verzenden");
    expect(formActionOfButton(english, "edit")).toBeNull();
  });

  it("stores the tip before it shows the receipt, under the code shown, exactly as reviewed; a repeated post stores nothing new", async () => {
    const before = await countTips();
    const text = "Via de verzendroute: elke avond opgehaald bij het station.";
    const { html } = await reviewPage(text);
    const sent = await pressSend(html);
    expect(sent.response.status).toBe(200);
    expect(sent.response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(sent.response.headers.get("cache-control")).toContain("no-store");
    expectOwnHeaders(sent.response.headers, "receipt");
    const code = RECEIPT.exec(sent.html)?.[1];
    expect(code).toBeDefined();
    expect(await countTips()).toBe(before + 1);

    // The stored tip is what was reviewed, sealed to the desk key, with the reporter's key from the code shown.
    const mine = (await openStoredTips()).filter(({ envelope }) => envelope.tip.seenOrHeard === text);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.envelope.tip).toMatchObject({ subject: "adult", signals: ["under-pressure"], seenOrHeard: text });
    expect(mine[0]!.envelope.reporterPublicKey).toBe(toBase64Url((await deriveReporterKeys(code!)).publicKey));

    // A reload of the answer posts the same form again: the same code, no second tip.
    const again = await pressSend(html);
    expect(again.response.status).toBe(200);
    expect(RECEIPT.exec(again.html)?.[1]).toBe(code);
    expect(await countTips()).toBe(before + 1);

    // And the code works on the status page.
    const statusUrl = `${server.origin}/status`;
    const status = await submitForm(statusUrl, await (await fetch(statusUrl)).text(), [["code", code!], ["intent", "check"]], { "x-forwarded-for": "192.0.2.31" });
    expect(status.html).toContain('data-testid="status-summary"');
  });

  it("answers with the form action's own receipt page, element for element, without a script, in both languages", async () => {
    for (const lang of ["nl", "en"] as const) {
      const { url, html } = await reviewPage(`Vergelijking ${lang}.`, lang);
      const viaRoute = await pressSend(html);
      // The same review page sent to the form action, as before the route existed (with a
      // code of its own: posted to the page without ?over, so the language switch agrees).
      const viaAction = await pressSend(html, { to: new URL(url).pathname, replace: { receipt: sealPendingReceipt(generateReceiptCode()) } });
      expect(viaAction.response.status).toBe(200);
      const [routeCode, actionCode] = [RECEIPT.exec(viaRoute.html)?.[1], RECEIPT.exec(viaAction.html)?.[1]];
      expect(routeCode && actionCode && routeCode !== actionCode).toBeTruthy();
      expect(visibleBody(viaRoute.html).replace(routeCode!, "CODE")).toBe(visibleBody(viaAction.html).replace(actionCode!, "CODE"));
      expect(visibleBody(viaRoute.html)).toContain('data-testid="quick-exit"');
      // The head: the same title, language and stylesheet.
      expect(viaRoute.html).toContain(`<html lang="${lang}">`);
      expect(/<title>[^<]+<\/title>/.exec(viaRoute.html)?.[0]).toBe(/<title>[^<]+<\/title>/.exec(viaAction.html)?.[0]);
      const stylesheet = /<link rel="stylesheet" href="[^"]+"/.exec(viaAction.html)?.[0];
      expect(stylesheet).toBeDefined();
      expect(viaRoute.html).toContain(stylesheet!);
      expect(viaRoute.html).not.toMatch(/<script|nonce=|\son[a-z]+=/i);
      expect(viaRoute.html).not.toContain("UUUU-UUUU");
    }
  });

  it("refuses a post from another site, or a null origin the browser did not mark same-origin, and stores nothing", async () => {
    const { html } = await reviewPage("Een poging van een andere site.");
    const before = await countTips();
    const attempts: Record<string, string>[] = [{ origin: "https://evil.example" }, { origin: "null" }, { origin: "null", "sec-fetch-site": "cross-site" }, { origin: `${server.origin}.evil.example` }, { origin: "not a url" }];
    for (const headers of attempts) {
      const sent = await pressSend(html, { headers });
      expect(sent.response.status, JSON.stringify(headers)).toBe(403);
      expectOwnHeaders(sent.response.headers, "403");
      expect(sent.html).toContain('data-testid="send-refused"');
      expect(sent.html).not.toMatch(RECEIPT);
    }
    // A reverse proxy's host counts as this host only when the origin names it.
    const proxied = await pressSend(html, { headers: { origin: "https://meldlijn.example", "x-forwarded-host": "other.example" } });
    expect(proxied.response.status).toBe(403);
    expect(await countTips()).toBe(before);
    // The control: the browser's own "Origin: null" on a same-origin post (Referrer-Policy: no-referrer).
    const sameOrigin = await pressSend(html, { headers: { origin: "null", "sec-fetch-site": "same-origin" } });
    expect(sameOrigin.response.status).toBe(200);
    expect(await countTips()).toBe(before + 1);
  });

  it("hands what it does not handle to the form action with a 307, having stored nothing; followed, the action answers as before", async () => {
    const { html } = await reviewPage("Overgedragen aan de formulieractie.");
    const before = await countTips();
    const cases: [string, Record<string, string>][] = [
      ["a forged pending receipt", { receipt: "A".repeat(120) }],
      ["an expired pending receipt", { receipt: sealPendingReceipt(generateReceiptCode(), Date.now() - 7 * 60 * 60 * 1000) }],
      ["a payload the schema refuses", { payload: JSON.stringify({ subject: "adult", signals: [], seenOrHeard: "x", smuggled: 1 }) }],
      ["a payload that is not JSON", { payload: "{not json" }],
    ];
    for (const [name, replace] of cases) {
      const sent = await pressSend(html, { replace });
      expect(sent.response.status, name).toBe(307);
      expect(sent.response.headers.get("location"), name).toBe("/melden");
      expectOwnHeaders(sent.response.headers, name);
      expect(await countTips(), name).toBe(before);
    }
    // An "edit" sent here goes to the action too.
    const edit = new FormData();
    for (const [name, value] of hiddenInputsOfPostForm(html)) edit.append(name, value);
    edit.append("intent", "edit");
    const edited = await fetch(`${server.origin}/melden/verzenden`, { method: "POST", body: edit, headers: { origin: server.origin }, redirect: "manual" });
    expect(edited.status).toBe(307);

    // A browser repeats a 307's POST at its target: with a forged receipt the action stores
    // the tip under a fresh code and shows it, once.
    const forged = await pressSend(html, { replace: { receipt: "A".repeat(120) } });
    const followed = await fetch(`${server.origin}${forged.response.headers.get("location")}`, { method: "POST", body: forged.body, headers: { origin: server.origin } });
    expect(followed.status).toBe(200);
    expect(await followed.text()).toMatch(RECEIPT);
    expect(await countTips()).toBe(before + 1);
  });

  it("answers a body it cannot read with a clear page, and a GET with the way back to the form", async () => {
    const before = await countTips();
    for (const [contentType, body] of [
      ["multipart/form-data; boundary=nothing", "garbage"],
      ["text/plain", "intent=send"],
      ["application/json", '{"intent":"send"}'],
    ] as const) {
      const response = await fetch(`${server.origin}/en/melden/verzenden`, { method: "POST", body, headers: { origin: server.origin, "content-type": contentType }, redirect: "manual" });
      const text = await response.text();
      expect(response.status, contentType).toBe(400);
      expectOwnHeaders(response.headers, contentType);
      expect(text).toContain('<html lang="en">');
      expect(text).toContain("Nothing was stored");
      expect(text).not.toMatch(/TypeError|at [\w$.]+ \(|node_modules/);
    }
    expect(await countTips()).toBe(before);
    const get = await fetch(`${server.origin}/melden/verzenden`, { redirect: "manual" });
    expect(get.status).toBe(303);
    expect(get.headers.get("location")).toBe("/melden");
    expectOwnHeaders(get.headers, "GET");
  });

  it("refuses, before reading it, a body that declares more than the limit (413) or no length (411), with the page proxy.ts gives the form action", async () => {
    const before = await countTips();
    const { html } = await reviewPage("Te groot of zonder lengte.");
    const boundary = "limitboundary";
    const parts = [...hiddenInputsOfPostForm(html), ["intent", "send"]].map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`).join("") + `--${boundary}--\r\n`;
    const type = { "content-type": `multipart/form-data; boundary=${boundary}` };
    // A valid tip padded to one byte over the limit (a comment part the route never reads).
    const padding = `--${boundary}\r\nContent-Disposition: form-data; name="padding"\r\n\r\n`;
    const fill = SERVER_ACTION_BODY_LIMIT_BYTES + 1 - Buffer.byteLength(parts) - Buffer.byteLength(padding) - 2;
    const oversized = `${padding}${"P".repeat(fill)}\r\n${parts}`;
    expect(Buffer.byteLength(oversized)).toBe(SERVER_ACTION_BODY_LIMIT_BYTES + 1);
    const tooLarge = await rawPost("/melden/verzenden", { ...type, "content-length": String(SERVER_ACTION_BODY_LIMIT_BYTES + 1) }, [oversized]).catch((error: unknown) => ({ status: 0, headers: {} as http.IncomingHttpHeaders, body: String(error) }));
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body).toContain("Er is niets opgeslagen");
    expectOwnHeaders(tooLarge.headers, "413");
    // A valid tip, chunked: no length, so 411, and nothing stored.
    const chunked = await rawPost("/en/melden/verzenden", { ...type, "transfer-encoding": "chunked" }, [parts.slice(0, 100), parts.slice(100)]);
    expect(chunked.status).toBe(411);
    expect(chunked.body).toContain('<html lang="en">');
    expect(chunked.body).toContain("without saying how large it is");
    expectOwnHeaders(chunked.headers, "411");
    expect(await countTips()).toBe(before);
    // The control: the same bytes with their length are stored.
    const sent = await rawPost("/melden/verzenden", { ...type, "content-length": String(Buffer.byteLength(parts)) }, [parts]);
    expect(sent.status).toBe(200);
    expect(sent.body).toMatch(RECEIPT);
    expect(await countTips()).toBe(before + 1);
  });

  it("leaves everything else to proxy.ts: a path below the route, or beside it, still gets the proxy's answer", async () => {
    for (const pathname of ["/melden/verzenden/x", "/melden/verzendenx", "/en/melden/verzenden/x"]) {
      const response = await fetch(`${server.origin}${pathname}`, { redirect: "manual" });
      await response.text();
      expect(response.headers.get("content-security-policy"), pathname).toMatch(/'nonce-/);
    }
    // The proxy's own mark: a POST over the limit to the form page is still refused there.
    const refused = await rawPost("/melden", { "content-type": "text/plain", "content-length": String(SERVER_ACTION_BODY_LIMIT_BYTES + 1) }, ["x".repeat(SERVER_ACTION_BODY_LIMIT_BYTES + 1)]).catch((error: unknown) => ({ status: 0, headers: {} as http.IncomingHttpHeaders, body: String(error) }));
    expect(refused.status).toBe(413);
    expect(refused.headers["content-security-policy"]).toMatch(/'nonce-/);
  });

  it("gives the receipt page template to no one but the server: a wrong, empty or partial token gets the ordinary form", async () => {
    const { getServerKey } = await import("@/lib/server-keys");
    const token = Buffer.from(getServerKey("receipt-template")).toString("base64url");
    for (const value of ["", "x", token.slice(0, -1), `${token}x`, token.toLowerCase() === token ? token.toUpperCase() : token.toLowerCase()]) {
      const html = await (await fetch(`${server.origin}/melden`, { headers: { "x-tipline-receipt-template": value } })).text();
      expect(html, JSON.stringify(value)).not.toContain('data-testid="receipt"');
      expect(html).not.toContain("UUUU-UUUU");
    }
    // The control: with this deployment's token the page is the receipt with its placeholder.
    const template = await (await fetch(`${server.origin}/melden`, { headers: { "x-tipline-receipt-template": token } })).text();
    expect(template).toContain('data-testid="receipt-code" aria-label="Je meldcode">UUUU-UUUU-UUUU-UUUU<');
    // The token appears in no page the route or the form give out.
    const { html } = await reviewPage("Geen sleutel in de pagina.");
    expect(html).not.toContain(token);
    expect((await pressSend(html)).html).not.toContain(token);
  });
});
