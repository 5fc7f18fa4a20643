// The receipt page template of the no-JavaScript send route (lib/tips/receipt-page.ts),
// from an attacker's side: nothing that runs survives into the static page, a page that
// is not the expected receipt is never used, only a receipt code is ever filled in, and a
// template that cannot be fetched sends the route's posts to the form action for a while
// (nothing is lost), then is fetched again.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { generateReceiptCode } from "@/lib/crypto";

const SECRET = "A".repeat(43);
let port = 0;
let answer: { status: number; body: string } = { status: 200, body: "" };
const seen: { path: string; token: string | undefined }[] = [];
const stub = http.createServer((request, response) => {
  seen.push({ path: request.url ?? "", token: request.headers["x-tipline-receipt-template"] as string | undefined });
  response.writeHead(answer.status, { "content-type": "text/html" });
  response.end(answer.body);
});

vi.mock("@/lib/env", () => ({ getEnv: () => ({ TIPLINE_SECRET_KEY: SECRET, PORT: port, TIPLINE_LISTEN_HOST: "0.0.0.0" }) }));

const { fillReceiptPage, isReceiptTemplateRequest, receiptPageTemplate, RECEIPT_TEMPLATE_CODE, toStaticReceiptPage } = await import("@/lib/tips/receipt-page");

const receipt = (code: string) => `<section data-testid="receipt"><p><output class="receipt-code" data-testid="receipt-code" aria-label="Je meldcode">${code}</output></p></section>`;
const reactPage = (inside: string) =>
  `<!DOCTYPE html><html lang="nl"><head><link rel="stylesheet" href="/_next/static/chunks/a.css" nonce="abc==" data-precedence="next"/>` +
  `<link rel="preload" as="script" fetchPriority="low" nonce="abc==" href="/_next/static/chunks/b.js"/><script src="/_next/static/chunks/c.js" async="" nonce="abc=="></script>` +
  `<title>Melden</title></head><body><main>${inside}</main><script nonce="abc==">self.__next_f.push([1,"${RECEIPT_TEMPLATE_CODE.replace(/-/g, "")}"])</script></body></html>`;

beforeAll(async () => {
  await new Promise<void>((resolve) => stub.listen(0, "127.0.0.1", resolve));
  port = (stub.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => stub.close(() => resolve())));
afterEach(() => vi.restoreAllMocks());

describe("toStaticReceiptPage", () => {
  it("keeps React's page without its scripts, script preloads and nonces", () => {
    const page = toStaticReceiptPage(reactPage(receipt(RECEIPT_TEMPLATE_CODE)));
    expect(page).not.toBeNull();
    expect(page).not.toMatch(/<script|nonce=|as="script"/);
    expect(page).toContain('<link rel="stylesheet" href="/_next/static/chunks/a.css" data-precedence="next"/>');
    expect(page).toContain(receipt(RECEIPT_TEMPLATE_CODE));
  });

  it.each([
    ["no placeholder", reactPage(receipt("ABCD-EFGH-JKMN-PQRS"))],
    ["the placeholder twice", reactPage(receipt(RECEIPT_TEMPLATE_CODE) + `<p>${RECEIPT_TEMPLATE_CODE}</p>`)],
    ["the placeholder outside the receipt", reactPage(`<p>${RECEIPT_TEMPLATE_CODE}</p>`)],
    ["a script in capitals that a lazy pattern would keep", reactPage(receipt(RECEIPT_TEMPLATE_CODE) + "<SCRIPT>alert(1)</SCRIPT")],
    ["an unclosed script", reactPage(receipt(RECEIPT_TEMPLATE_CODE) + "<script>alert(1)")],
    ["an event handler", reactPage(receipt(RECEIPT_TEMPLATE_CODE) + '<img src="x" onerror="alert(1)">')],
    ["a javascript: link", reactPage(receipt(RECEIPT_TEMPLATE_CODE) + '<a href=" javascript:alert(1)">x</a>')],
    ["an error page", "<!DOCTYPE html><html><body><h1>500</h1></body></html>"],
    ["a cut-off page", reactPage(receipt(RECEIPT_TEMPLATE_CODE)).slice(0, -20)],
  ])("refuses a page with %s", (_name, html) => {
    expect(toStaticReceiptPage(html)).toBeNull();
  });

  it("lets the word JavaScript in the text through: only attributes count", () => {
    expect(toStaticReceiptPage(reactPage(receipt(RECEIPT_TEMPLATE_CODE) + "<p>Zonder JavaScript: ook goed. Klik onder=boven.</p>"))).not.toBeNull();
  });
});

describe("fillReceiptPage", () => {
  const template = toStaticReceiptPage(reactPage(receipt(RECEIPT_TEMPLATE_CODE)))!;

  it("puts a receipt code where the placeholder was, once", () => {
    const code = generateReceiptCode();
    const page = fillReceiptPage(template, code);
    expect(page).toContain(receipt(code));
    expect(page).not.toContain(RECEIPT_TEMPLATE_CODE);
    expect(page.split(code)).toHaveLength(2);
  });

  it.each([
    "<script>alert(1)</script>",
    `${generateReceiptCode()}<script>`,
    "$&$&$&",
    "$'",
    RECEIPT_TEMPLATE_CODE,
    "abcd-efgh-jkmn-pqrs",
    "ABCD-EFGH-JKMN-PQRSX",
    "ABCDEFGHJKMNPQRS",
  ])("refuses %j: only a receipt code is ever filled in", (value) => {
    expect(() => fillReceiptPage(template, value)).toThrow();
  });
});

describe("isReceiptTemplateRequest", () => {
  it("accepts this deployment's token and nothing else", async () => {
    const { getServerKey } = await import("@/lib/server-keys");
    const token = Buffer.from(getServerKey("receipt-template")).toString("base64url");
    expect(isReceiptTemplateRequest(token)).toBe(true);
    for (const value of [null, "", token.slice(1), `${token}=`, token.replace(/^./, (c) => (c === "A" ? "B" : "A")), Buffer.from(getServerKey("pending-receipt")).toString("base64url")]) {
      expect(isReceiptTemplateRequest(value), JSON.stringify(value)).toBe(false);
    }
  });
});

describe("receiptPageTemplate", () => {
  it("fetches the page from the process's own port once, with the token, and keeps it; a bad page is not used, and is asked for again only after a pause", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const now = Date.now();
    answer = { status: 500, body: "Internal Server Error" };
    expect(await receiptPageTemplate("en", now)).toBeNull();
    expect(seen).toHaveLength(1);
    expect(seen[0]!.path).toBe("/en/melden");
    expect(isReceiptTemplateRequest(seen[0]!.token ?? null)).toBe(true);
    // While it pauses, no request: the route hands every post to the form action.
    answer = { status: 200, body: reactPage(receipt(RECEIPT_TEMPLATE_CODE)) };
    expect(await receiptPageTemplate("en", now + 1_000)).toBeNull();
    expect(seen).toHaveLength(1);
    // A page that is not the receipt (a 200 with something else) is refused too.
    answer = { status: 200, body: reactPage("<p>not a receipt</p>") };
    expect(await receiptPageTemplate("en", now + 31_000)).toBeNull();
    expect(seen).toHaveLength(2);
    // Then the real one, fetched once and kept.
    answer = { status: 200, body: reactPage(receipt(RECEIPT_TEMPLATE_CODE)) };
    const page = await receiptPageTemplate("en", now + 62_000);
    expect(page).toContain(receipt(RECEIPT_TEMPLATE_CODE));
    expect(await receiptPageTemplate("en", now + 63_000)).toBe(page);
    expect(seen).toHaveLength(3);
    // The warning said what kind of failure, once per language, and nothing of a page.
    expect(vi.mocked(console.warn).mock.calls.map((call) => String(call[0]))).toEqual(["[tip] receipt page template unavailable (en): status 500; the form action renders receipts"]);
  });

  it("asks once for many concurrent first requests", async () => {
    answer = { status: 200, body: reactPage(receipt(RECEIPT_TEMPLATE_CODE)) };
    const before = seen.length;
    const pages = await Promise.all(Array.from({ length: 20 }, () => receiptPageTemplate("nl")));
    expect(new Set(pages).size).toBe(1);
    expect(pages[0]).toContain(RECEIPT_TEMPLATE_CODE);
    expect(seen.length - before).toBe(1);
    expect(seen.at(-1)!.path).toBe("/melden");
  });
});
