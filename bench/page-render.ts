// Server CPU per request for the reporter's pages, one request at a time, on the
// production build (`npm start`'s server, one process, SQLite): what a page render costs before
// any crypto, and what the no-JavaScript form's "send" post costs on top (Argon2id,
// sealing, the insert and the receipt page). It explains where the no-JavaScript path's
// CPU per tip in bench/submit-capacity.ts goes. Uncompressed answers, as the submission
// benchmark's clients ask for them. Prints figures, and one JSON line last.
// Run: npm run bench:page-render
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { generateReceiptCode } from "@/lib/crypto";
import { formActionOfButton, hiddenInputsOfPostForm } from "../tests/support/html-form";
import { cpuOfProcessGroup, processGroupOfServer } from "../tests/support/process-memory";
import { seedFirstOperator } from "../tests/support/seed";
import { startTestServer, testSecrets } from "../tests/support/server";

const RUNS = 300;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tipline-bench-render-"));
const secrets = testSecrets();
await seedFirstOperator(dataDir, secrets);
const { sealPendingReceipt } = await import("@/lib/tips/pending-receipt");
const server = await startTestServer({ port: 3293, dataDir, env: secrets });
const group = processGroupOfServer(dataDir);

const serverCpu = () => cpuOfProcessGroup(group) ?? NaN;

const origin = server.origin;
const headers = { "accept-encoding": "identity", origin };
const form = (pairs: [string, string][]) => {
  const body = new FormData();
  for (const [name, value] of pairs) body.append(name, value);
  return body;
};

const results: { request: string; bytes: number; cpuMsPerRequest: number }[] = [];
async function measure(request: string, call: () => Promise<string>) {
  let bytes = 0;
  for (let index = 0; index < 30; index += 1) bytes = (await call()).length; // warm up
  const start = serverCpu();
  for (let index = 0; index < RUNS; index += 1) await call();
  const cpuMsPerRequest = (serverCpu() - start) / RUNS;
  results.push({ request, bytes, cpuMsPerRequest });
  console.log(`${request.padEnd(76)} ${cpuMsPerRequest.toFixed(2).padStart(6)} ms CPU per request   ${(bytes / 1024).toFixed(1)} KiB`);
}

try {
  if (group === null) throw new Error("no process group for the server");
  for (const page of ["/", "/status", "/melden", "/melden?over=adult"]) {
    await measure(`GET ${page}`, async () => (await fetch(`${origin}${page}`, { headers })).text());
  }
  const page = "/melden?over=adult";
  const fields = hiddenInputsOfPostForm(await (await fetch(`${origin}${page}`, { headers })).text());
  const review: [string, string][] = [...fields, ["intent", "review"], ["subject", "adult"], ["signals", "under-pressure"], ["seenOrHeard", "Gezien bij het station: een jonge vrouw wordt elke avond opgehaald."]];
  const reviewPage = await (await fetch(`${origin}${page}`, { method: "POST", body: form(review), headers })).text();
  const send = hiddenInputsOfPostForm(reviewPage).filter(([name]) => name !== "receipt" && name !== "intent");
  await measure("POST review (no JavaScript: validate, show back)", async () => (await fetch(`${origin}${page}`, { method: "POST", body: form(review), headers })).text());
  const sendRoute = formActionOfButton(reviewPage, "send");
  if (sendRoute === null) throw new Error("the review page's send button has no route of its own");
  await measure(`POST send to ${sendRoute} (no JavaScript: Argon2id, seal, store, receipt)`, async () => {
    const body = form([...send, ["receipt", sealPendingReceipt(generateReceiptCode())], ["intent", "send"]]);
    const response = await fetch(`${origin}${sendRoute}`, { method: "POST", body, headers, redirect: "manual" });
    const html = await response.text();
    if (response.status !== 200 || !html.includes('data-testid="receipt-code"')) throw new Error(`no receipt in the answer (${response.status})`);
    return html;
  });
  // What the route hands over to when it cannot answer itself, and what "send" cost before it.
  await measure("POST send to the form action (the send route's fallback)", async () => {
    const body = form([...send, ["receipt", sealPendingReceipt(generateReceiptCode())], ["intent", "send"]]);
    const html = await (await fetch(`${origin}${page}`, { method: "POST", body, headers })).text();
    if (!html.includes('data-testid="receipt-code"')) throw new Error("no receipt in the answer");
    return html;
  });
} finally {
  await server.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
console.log(JSON.stringify({ benchmark: "page-render", runs: RUNS, results }));
process.exit(0);
