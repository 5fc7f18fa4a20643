// The operator's inbox at scale, as an operator meets it in headless Chromium: log in
// (Argon2id in the browser, both factors), unwrap the keys, fetch every sealed tip (500 a
// page, the next page asked for while the tab opens the last), open each one in the tab,
// count and filter them all, and draw the list (its first 200 rows; "Toon meer" draws
// more). Times the whole from clicking "Inloggen" until every tip is
// counted and the rows are on screen, for each inbox size given (default 1000 and 10000
// tips). Prints the figures; asserts nothing.
// Run: npx tsx bench/inbox-unlock.ts [sizes…]   (needs a build and Debian's chromium)
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { chromium } from "@playwright/test";
import { generate } from "otplib";
import { sealTip, toBase64Url, generateToken } from "../lib/crypto";
import { buildIfStale } from "../scripts/lib/build-if-stale";
import { seedFirstOperator, SEED_OPERATOR } from "../tests/support/seed";
import { startTestServer, testSecrets } from "../tests/support/server";
import { SEED_TOTP_SECRET } from "../tests/support/totp";

const sizes = process.argv.slice(2).map(Number).filter((n) => Number.isInteger(n) && n > 0);
buildIfStale();
const results: { tips: number; seconds: number; rowsShown: number }[] = [];

// One process per size: the database client is made once per process, for one data folder.
if (sizes.length !== 1) {
  for (const size of sizes.length > 0 ? sizes : [1000, 10000]) {
    const run = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "bench/inbox-unlock.ts", String(size)], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
    const lines = run.stdout.trim().split("\n");
    const last = lines.pop() ?? "";
    for (const line of lines) console.log(line);
    if (run.status !== 0 || !last.startsWith("{")) throw new Error(`inbox of ${size} tips: the run failed (exit code ${run.status})`);
    results.push(...(JSON.parse(last) as { results: typeof results }).results);
  }
  console.log(JSON.stringify({ benchmark: "inbox-unlock", results }));
  process.exit(0);
}

for (const size of sizes) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tipline-bench-inbox-"));
  const secrets = testSecrets();
  const { desk } = await seedFirstOperator(dataDir, secrets);
  const { insertTip } = await import("../lib/db/tips");
  const { ZTip } = await import("../lib/tips/tip-schema");
  const { getDb } = await import("../lib/db/client");
  for (let index = 0; index < size; index += 1) {
    const tip = ZTip.parse({
      subject: index % 3 === 0 ? "minor" : "adult",
      signals: [],
      seenOrHeard: `Melding ${index}: gezien bij het station, een man haalt haar op in een blauwe auto.`,
    });
    const sealed = await sealTip(desk.publicKey, { v: 1, channel: index % 10 === 0 ? "phone" : "web", tip, reporterPublicKey: toBase64Url(randomBytes(32)) });
    await insertTip({ id: generateToken(16), sealed, receivedOn: `2026-${String(1 + (index % 11)).padStart(2, "0")}-15`, lookupHash: randomBytes(32) });
  }
  await (await getDb()).$disconnect();

  const server = await startTestServer({ port: 3292, dataDir, env: secrets });
  let browser: Awaited<ReturnType<typeof chromium.launch>> | undefined;
  try {
    // Inside the try: if Chromium is missing, the server is stopped all the same.
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
    });
    const page = await browser.newPage();
    await page.goto(`${server.origin}/operator`);
    await page.locator("#login-name").fill(SEED_OPERATOR.name);
    await page.locator("#login-passphrase").fill(SEED_OPERATOR.passphrase);
    await page.locator("#login-code").fill(await generate({ secret: SEED_TOTP_SECRET, epoch: Math.floor(Date.now() / 1000) }));
    const started = performance.now();
    await page.locator('button[type="submit"]').click();
    // Every tip decrypted and counted, and the first rows drawn (the list draws 200 at a time).
    await page.locator('[data-testid="inbox-count"]', { hasText: new RegExp(`\\b${size}\\b`) }).waitFor({ timeout: 600_000 });
    await page.locator('[data-testid="inbox-row"]').nth(Math.min(size, 200) - 1).waitFor({ timeout: 600_000 });
    const seconds = (performance.now() - started) / 1000;
    results.push({ tips: size, seconds, rowsShown: await page.locator('[data-testid="inbox-row"]').count() });
    console.log(`inbox of ${size} tips: logged in, unlocked and listed in ${seconds.toFixed(2)} s`);
  } finally {
    await browser?.close();
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
console.log(JSON.stringify({ benchmark: "inbox-unlock", results }));
process.exit(0);
