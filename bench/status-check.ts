// Server CPU per status check, on both paths, measured in-process on a real SQLite file:
// - JavaScript path: the browser derived the lookup token; the server hashes it (keyed
//   BLAKE2b) and looks the tip and its thread up.
// - No-JavaScript path: the server runs Argon2id on the code, then the same, then opens
//   the thread for the response.
// Plus the limiter's two counter upserts, which both paths pay. Prints figures only, and
// one JSON line last.
// Run: npm run bench:status
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { deriveReporterKeys, generateReceiptCode, sealMessage } from "@/lib/crypto";
import { seedFirstOperator } from "../tests/support/seed";
import { testSecrets } from "../tests/support/server";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tipline-bench-status-"));
const { desk } = await seedFirstOperator(dataDir, testSecrets());
const { sealAndStoreTip } = await import("@/lib/tips/seal-and-store-tip");
const { ZTip } = await import("@/lib/tips/tip-schema");
const { checkTipStatus } = await import("@/lib/follow-up/check-tip-status");
const { openTipStatusWithCode } = await import("@/lib/follow-up/with-receipt-code");
const { askReporterQuestion } = await import("@/lib/follow-up/ask-reporter-question");
const { limitStatusAttempt } = await import("@/lib/rate-limit/limit-status-attempt");

// A realistic database: 1,000 tips, the measured one with a two-message thread.
const tip = ZTip.parse({ subject: "adult", signals: ["under-pressure"], seenOrHeard: "x".repeat(1500) });
let code = "";
for (let index = 0; index < 1000; index += 1) code = (await sealAndStoreTip(tip)).receiptCode;
const reporter = await deriveReporterKeys(code);
const { tipId } = (await checkTipStatus(reporter.lookupToken))!;
for (const text of ["Welke auto?", "Wanneer?"]) {
  await askReporterQuestion({ tipId, sealedForReporter: await sealMessage(reporter.publicKey, text), sealedForDesk: await sealMessage(desk.publicKey, text) });
}
const wrongToken = (await deriveReporterKeys(generateReceiptCode())).lookupToken;
const wrongCode = generateReceiptCode();

async function cpuPerCall(name: string, runs: number, call: (index: number) => Promise<unknown>) {
  for (let index = 0; index < 20; index += 1) await call(index); // warm up
  const start = process.cpuUsage();
  const wall = performance.now();
  for (let index = 0; index < runs; index += 1) await call(index);
  const used = process.cpuUsage(start);
  const cpuMs = (used.user + used.system) / 1000 / runs;
  const wallMs = (performance.now() - wall) / runs;
  console.log(`${name.padEnd(58)} ${cpuMs.toFixed(3)} ms CPU, ${wallMs.toFixed(3)} ms wall per call (${runs} runs)`);
  return cpuMs;
}

const limiter = await cpuPerCall("limiter (two counter upserts)", 500, (index) => limitStatusAttempt(`v4:10.0.${index % 200}`));
const jsFound = await cpuPerCall("JavaScript path: check, tip found (thread of 2)", 500, () => checkTipStatus(reporter.lookupToken));
const jsWrong = await cpuPerCall("JavaScript path: check, wrong code", 500, () => checkTipStatus(wrongToken));
const plainFound = await cpuPerCall("no-JavaScript path: Argon2id + check + open thread, found", 200, () => openTipStatusWithCode(code));
const plainWrong = await cpuPerCall("no-JavaScript path: Argon2id + check, wrong code", 200, () => openTipStatusWithCode(wrongCode));
console.log("");
console.log(`Server CPU per status check, limiter included: JavaScript path ${(jsFound + limiter).toFixed(2)} ms (wrong code ${(jsWrong + limiter).toFixed(2)} ms); no-JavaScript path ${(plainFound + limiter).toFixed(2)} ms (wrong code ${(plainWrong + limiter).toFixed(2)} ms).`);
console.log(`At the window's global limit of guesses the JavaScript path would cost ${(((jsWrong + limiter) * 3000) / 1000).toFixed(1)} s CPU per 10 minutes, the no-JavaScript path ${(((plainWrong + limiter) * 3000) / 1000).toFixed(1)} s.`);
console.log(
  JSON.stringify({
    benchmark: "status-check",
    cpuMsPerCheck: { javascript: jsFound + limiter, javascriptWrongCode: jsWrong + limiter, noJavascript: plainFound + limiter, noJavascriptWrongCode: plainWrong + limiter },
    parts: { limiter, jsFound, jsWrong, plainFound, plainWrong },
  }),
);
fs.rmSync(dataDir, { recursive: true, force: true });
process.exit(0);
