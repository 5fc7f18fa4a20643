// Page weight of the reporter's first pages, as headless Chromium loads them: JavaScript
// and total bytes, gzipped, for "/" and "/melden", and the libsodium chunk that the form
// fetches only when it seals. Prints the figures, and one JSON line last; asserts nothing.
// Run: npx tsx bench/page-weight.ts   (needs a build: npm run build, and Debian's chromium)
import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";
import { startTestServer, testSecrets } from "../tests/support/server";

const server = await startTestServer({ port: 3291, env: testSecrets() });
// Launched before the try below: if Chromium is missing, the server must still be stopped.
const browser = await chromium
  .launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  })
  .catch(async (error: unknown) => {
    await server.stop();
    fs.rmSync(server.dataDir, { recursive: true, force: true });
    throw error;
  });

async function weigh(pagePath: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const bodies: { url: string; type: string; gzip: number }[] = [];
  page.on("response", async (response) => {
    try {
      const body = await response.body();
      bodies.push({ url: response.url(), type: response.request().resourceType(), gzip: gzipSync(body).length });
    } catch {
      // redirects have no body
    }
  });
  await page.goto(`${server.origin}${pagePath}`, { waitUntil: "networkidle" });
  await context.close();
  const js = bodies.filter((body) => body.type === "script").reduce((sum, body) => sum + body.gzip, 0);
  const total = bodies.reduce((sum, body) => sum + body.gzip, 0);
  return { js, total, requests: bodies.length };
}

function libsodiumChunk() {
  const dir = path.join(".next", "static", "chunks");
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name);
    if (!name.endsWith(".js")) continue;
    const content = fs.readFileSync(file);
    if (content.includes("crypto_pwhash_ALG_ARGON2ID13")) return { name, raw: content.length, gzip: gzipSync(content).length };
  }
  return null;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
try {
  const home = await weigh("/");
  const form = await weigh("/melden");
  const sodium = libsodiumChunk();
  console.log(`Reporter's first page "/": JavaScript ${kb(home.js)} gzipped, everything ${kb(home.total)} gzipped (${home.requests} requests)`);
  console.log(`Form page "/melden": JavaScript ${kb(form.js)} gzipped, everything ${kb(form.total)} gzipped (${form.requests} requests)`);
  if (sodium) {
    console.log(`libsodium chunk (loaded only when the tip is sealed): ${kb(sodium.gzip)} gzipped (${kb(sodium.raw)} raw)`);
    console.log(`Form page with the libsodium chunk: JavaScript ${kb(form.js + sodium.gzip)} gzipped`);
  }
  console.log(JSON.stringify({ benchmark: "page-weight", home, form, libsodium: sodium }));
} finally {
  await browser.close();
  await server.stop();
  fs.rmSync(server.dataDir, { recursive: true, force: true });
}
