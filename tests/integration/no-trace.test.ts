// Promise 2, held from an attacker's side: a tip sent through the real server action,
// with canary values in the tip, the X-Forwarded-For and the User-Agent, leaves none of
// the three anywhere on disk: the database and its WAL/journal, .next/, the server's log,
// the temp folder. Also: promise 3 (a bad request changes nothing) over real HTTP.
// SQLite only (vitest project "sqlite"): the promise is about the bytes on this machine's
// disk, and with SQLite the database is a file among them; a PostgreSQL server's files are
// not the app's to scan.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { submitForm } from "../support/html-form";
import { startTestServer, testSecrets, type TTestServer } from "../support/server";
import { countStoredTips, seedFirstOperator } from "../support/seed";

const PORT = 3231;
const CANARY_TIP = `tipcanary${randomBytes(8).toString("hex")}`;
// Addresses from the benchmarking block (198.18.0.0/15), which no other test or source file
// uses, with three-digit octets: the search below matches substrings, and documentation
// addresses other tests send (198.51.100.25…) would match a canary like 198.51.100.2 in
// those tests' own files, under the temp folder when the checkout or vitest's cache is there.
const octet = () => 100 + ((randomBytes(1)[0] ?? 0) % 150);
const CANARY_IP = `198.18.${octet()}.${octet()}, 198.19.${octet()}.${octet()}`;
const CANARY_AGENT = `CanaryBrowser/${randomBytes(6).toString("hex")}`;
const identifying = { "x-forwarded-for": CANARY_IP, "x-real-ip": CANARY_IP.split(",")[0]!, "user-agent": CANARY_AGENT };

let server: TTestServer;

const countTips = () => countStoredTips(server.dataDir);

function* filesUnder(root: string): Generator<string> {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(root, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const full = path.join(root, entry.name);
    if (entry.isDirectory()) yield* filesUnder(full);
    else if (entry.isFile()) yield full;
  }
}

function filesContaining(roots: string[], needles: string[]): string[] {
  const hits: string[] = [];
  const encoded = needles.map((needle) => Buffer.from(needle, "utf8"));
  for (const root of roots) {
    for (const file of filesUnder(root)) {
      let content: Buffer;
      try {
        if (fs.statSync(file).size > 200 * 1024 * 1024) continue;
        content = fs.readFileSync(file);
      } catch {
        continue;
      }
      encoded.forEach((needle, index) => {
        if (content.includes(needle)) hits.push(`${file} contains ${needles[index]}`);
      });
    }
  }
  return hits;
}

describe("the no-JavaScript submission over real HTTP", () => {
  beforeAll(async () => {
    const secrets = testSecrets();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tipline-it-"));
    await seedFirstOperator(dataDir, secrets);
    server = await startTestServer({ port: PORT, dataDir, env: secrets });
  });

  afterAll(async () => {
    await server?.stop();
    if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
  });

  it("stores a tip carrying canaries in text and headers, and none of them reaches the disk", async () => {
    const url = `${server.origin}/melden?over=adult`;
    const page = await fetch(url, { headers: identifying });
    expect(page.status).toBe(200);
    expect(page.headers.get("set-cookie")).toBeNull();
    const review = await submitForm(
      url,
      await page.text(),
      [
        ["intent", "review"],
        ["subject", "adult"],
        ["signals", "under-pressure"],
        ["adult.workplace", `Kelderbox ${CANARY_TIP}`],
        ["seenOrHeard", `Gezien en gehoord: ${CANARY_TIP}`],
      ],
      identifying,
    );
    expect(review.status).toBe(200);
    expect(review.html).toContain('data-testid="tip-summary"');
    const done = await submitForm(url, review.html, [["intent", "send"]], identifying);
    expect(done.status).toBe(200);
    const code = /data-testid="receipt-code"[^>]*>([0-9A-Z-]{19})</.exec(done.html)?.[1];
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    expect(await countTips()).toBe(1);
    // A reload of the receipt page posts "send" again: the same tip, stored once, same code.
    const again = await submitForm(url, review.html, [["intent", "send"]], identifying);
    expect(/data-testid="receipt-code"[^>]*>([0-9A-Z-]{19})</.exec(again.html)?.[1]).toBe(code);
    expect(await countTips()).toBe(1);

    // Let SQLite checkpoint nothing on purpose: the WAL is searched as it is.
    const hits = filesContaining(
      [server.dataDir, path.join(process.cwd(), ".next"), os.tmpdir()],
      [CANARY_TIP, CANARY_AGENT, ...CANARY_IP.split(",").map((address) => address.trim()), code!, code!.replace(/-/g, "")],
    );
    expect(hits).toEqual([]);
    // The server's own output was captured: it is there and holds none of it either.
    expect(fs.existsSync(server.logFile)).toBe(true);
    // The production build loaded libsodium's native addon for the code's Argon2id and
    // timed it against WebAssembly (it keeps the faster on this CPU): a bundling mistake
    // would fall back without a choice, and say so here.
    const log = await server.waitForOutput(0, [/\[crypto\] receipt Argon2id: (native|WebAssembly) \(native [\d.]+ ms, WebAssembly [\d.]+ ms on this CPU\)/]);
    expect(log).not.toMatch(/native Argon2id (unavailable|failed|disagrees)/);
  });

  it("answers a tampered review payload with a clear error and stores nothing", async () => {
    const before = await countTips();
    const url = `${server.origin}/melden?over=adult`;
    const page = await (await fetch(url)).text();
    const tampered = await submitForm(url, page, [
      ["intent", "send"],
      ["payload", JSON.stringify({ subject: "adult", signals: ["no-such-signal"], seenOrHeard: "x", smuggled: "extra field" })],
    ]);
    expect(tampered.status).toBe(200);
    expect(tampered.html).toContain('role="alert"');
    const notJson = await submitForm(url, page, [
      ["intent", "send"],
      ["payload", "{not json"],
    ]);
    expect(notJson.status).toBe(200);
    expect(notJson.html).toContain('role="alert"');
    const empty = await submitForm(url, page, [
      ["intent", "review"],
      ["subject", "adult"],
      ["signals", "under-pressure"],
    ]);
    expect(empty.html).toContain('role="alert"');
    expect(await countTips()).toBe(before);
  });

  it("sets no cookie and no tracking on any page of the reporter's zone", async () => {
    for (const pagePath of ["/", "/melden", "/melden?over=minor", "/status", "/beroepsgeheim", "/privacy", "/en", "/en/melden", "/en/status", "/en/privacy"]) {
      const response = await fetch(`${server.origin}${pagePath}`, { redirect: "manual" });
      expect(response.status, pagePath).toBe(200);
      expect(response.headers.get("set-cookie"), pagePath).toBeNull();
      expect(response.headers.get("referrer-policy"), pagePath).toBe("no-referrer");
      expect(response.headers.get("x-powered-by"), pagePath).toBeNull();
      expect(response.headers.get("cache-control"), pagePath).toContain("no-store");
      const csp = response.headers.get("content-security-policy") ?? "";
      expect(csp, pagePath).toContain("frame-ancestors 'none'");
      expect(csp, pagePath).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
      expect(csp.includes("'wasm-unsafe-eval'"), pagePath).toBe(/melden|status/.test(pagePath));
      const html = await response.text();
      // Nothing on the page is loaded from another origin (the quick-exit link is a
      // navigation the reporter chooses, not a request the page makes).
      const external = [...html.matchAll(/(?:\ssrc="|\ssrcset="|<link[^>]*\shref="|action="|url\()['"]?(?:https?:)?\/\/[^"')]*/g)].map((match) => match[0]);
      expect(external, pagePath).toEqual([]);
    }
  });

  it("serves the threat model from the site as plain text, linked from every page's footer", async () => {
    const home = await (await fetch(`${server.origin}/`)).text();
    expect(home).toContain('href="/threat-model"');
    const response = await fetch(`${server.origin}/threat-model`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    expect(await response.text()).toContain("## Protections and the tests that hold them");
    expect(response.headers.get("set-cookie")).toBeNull();
  });

  it("serves the operators' pages uncached, framed by nobody, with no referrer, no X-Powered-By, a fresh script nonce per response, and WebAssembly allowed only there", async () => {
    // The operators' pages, and for comparison a public page of each language.
    for (const pagePath of ["/operator", "/operator/setup", "/", "/en/status"]) {
      const nonces: string[] = [];
      for (let round = 0; round < 2; round += 1) {
        const response = await fetch(`${server.origin}${pagePath}`);
        expect(response.status, pagePath).toBe(200);
        expect(response.headers.get("cache-control"), pagePath).toContain("no-store");
        expect(response.headers.get("referrer-policy"), pagePath).toBe("no-referrer");
        expect(response.headers.get("x-powered-by"), pagePath).toBeNull();
        expect(response.headers.get("set-cookie"), pagePath).toBeNull();
        const csp = response.headers.get("content-security-policy") ?? "";
        expect(csp, pagePath).toContain("frame-ancestors 'none'");
        expect(csp.includes("'wasm-unsafe-eval'"), pagePath).toBe(pagePath !== "/");
        expect(csp, pagePath).not.toContain("'unsafe-inline'");
        expect(csp, pagePath).not.toMatch(/script-src[^;]*'unsafe-eval'/);
        const nonce = /script-src 'self' 'nonce-([A-Za-z0-9+/=]{16,})' 'strict-dynamic'/.exec(csp)?.[1];
        expect(nonce, `${pagePath}: ${csp}`).toBeTruthy();
        nonces.push(nonce!);
        // Every script the page carries bears that nonce, so the policy is what lets it run.
        const html = await response.text();
        const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
        expect(scripts.length, pagePath).toBeGreaterThan(0);
        for (const script of scripts) expect(script, pagePath).toContain(`nonce="${nonce}"`);
      }
      // A nonce is worth something only when nobody can know it in advance.
      expect(nonces[0], pagePath).not.toBe(nonces[1]);
    }
  });

  it("serves each language at its own path with no rewrite, so no internal path or middleware header leaks", async () => {
    for (const [pagePath, lang] of [["/", "nl"], ["/melden", "nl"], ["/status", "nl"], ["/en", "en"], ["/en/melden", "en"], ["/en/status", "en"]] as const) {
      const response = await fetch(`${server.origin}${pagePath}`);
      expect(response.status, pagePath).toBe(200);
      expect(await response.text(), pagePath).toContain(`<html lang="${lang}"`);
      for (const name of response.headers.keys()) expect(name, pagePath).not.toMatch(/^x-middleware|^x-nextjs-rewrite|^x-tipline/);
    }
    // The Dutch pages are not a rewrite of some /nl/… route: that path does not exist.
    for (const pagePath of ["/nl", "/nl/melden", "/nl/status", "/fr/melden"]) expect((await fetch(`${server.origin}${pagePath}`)).status, pagePath).toBe(404);
  });
});
