// Bad input, held from an attacker's side over real HTTP: a seeded corpus of thousands of
// malformed, oversized, wrongly encoded and type-confused requests to every public server
// action (both no-JavaScript forms and the JavaScript path) and to the setup and login
// actions. No response is a 5xx with details, nothing in any answer names a stack frame,
// a module or a library, the process stays up with bounded memory, nothing is written
// but the limiter's counters and the failed logins' audit entries, and oversized bodies
// get a 413 with a clear message from proxy.ts before Next reads them, a body that
// declares no length a 411, and a post from another site a 403 (Next's own refusal of any
// of the three is a bare 500).
// SQLite only (vitest project "sqlite"): thousands of requests against one server are the
// heaviest suite, and what it holds is the app's answers, not the engine's; it reads the
// database file directly to count what was written.
import { SERVER_ACTION_BODY_LIMIT_KIB } from "@/lib/body-limit";
import Database from "better-sqlite3";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BODY_LIMIT_BYTES, CANARY, FETCH_ACTIONS, FORM_PAGES, fuzzCorpus, type TFetchAction, type TFormAction, type TFuzzCase, type TTarget } from "../support/fuzz-corpus";
import { hiddenInputsOfPostForm, submitForm } from "../support/html-form";
import { megabytes, memoryOfProcessGroup, processGroupOfServer, type TProcessMemory } from "../support/process-memory";
import { countStoredTips, seedFirstOperator } from "../support/seed";
import { startTestServer, testSecrets, type TTestServer } from "../support/server";

const PORT = 3241;
const SEED = 0x7a11f022;
const CORPUS_SIZE = 3_600;
const CONCURRENCY = 8;
const TIME_BUDGET_MS = 150_000;
const MEMORY_GROWTH_LIMIT_BYTES = 300 * 1024 * 1024;
// Memory is compared from the point where this many requests have been answered, so that
// code and heap first touched by bad input do not count as growth; from a cold start the
// bound is wider.
const WARM_UP_CASES = 600;
const COLD_GROWTH_LIMIT_BYTES = 500 * 1024 * 1024;

// What no answer may contain (unless the page says it anyway, or the request carried it).
const LEAK_MARKERS: [string, RegExp][] = [
  ["stack frame", /(?:^|\n|\\n)\s*at (?:[^\n()]*\()?[^\n()]*:\d+:\d+\)?/],
  ["stack frame", /\bat (?:<anonymous>|ignore-listed frames|async [\w.]+ \()/],
  [".js:", /\.js:/],
  ["node_modules", /node_modules/],
  ["build path", /\[root-of-the-server\]|\[project\]|webpack-internal|turbopack:\/\/|\.next\/server/],
  ["project folder", new RegExp(process.cwd().replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))],
  ["Prisma", /prisma/i],
  ["libsodium", /sodium|crypto_(?:box|pwhash|generichash|kdf|aead|secretbox)|argon2/i],
  ["SQLite", /SQLITE_|sqlite/i],
  ["error class", /\b(?:TypeError|RangeError|SyntaxError|ReferenceError|CryptoInputError|RejectedTipError|OpenError|LoginLockedError|TipLineNotReadyError|InvariantError|ApiError)\b/],
  ["error text", /Maximum call stack|Unexpected token|is not valid JSON|Cannot read propert|Connection closed|Invalid URL|CreateListFromArrayLike/],
];


type TOutcome = { status: number; contentType: string; body: string; ms: number; setCookie: boolean; error?: string };
type TTableCounts = Record<string, number>;

let server: TTestServer;
let pgid: number;
const actionIds = {} as Record<TTarget, string>;
const hiddenInputs = {} as Record<TFormAction, [string, string][]>;
let countsBefore: TTableCounts;
let auditSeqBefore = 0;
let memoryCold: TProcessMemory[] = [];
let memoryWarm: TProcessMemory[] = [];
let peakRss = 0;
let peakNextServerRss = 0;

// Results of the run, filled by the first test and checked by the others.
const histogram = new Map<number, number>();
const byTarget = new Map<string, Map<number, number>>();
const serverErrorsByKind = new Map<string, number>();
const serverErrorExamples = new Map<string, string>();
const leaks: string[] = [];
const networkErrors: string[] = [];
const otherServerErrors: string[] = [];
const successes: string[] = [];
const cookies: string[] = [];
const oversized: { fuzzCase: TFuzzCase; outcome: TOutcome }[] = [];
const atLimit: { fuzzCase: TFuzzCase; outcome: TOutcome }[] = [];
const foreign: { fuzzCase: TFuzzCase; outcome: TOutcome }[] = [];
const failedLogins = { yes: 0, maybe: 0, unexpected: 0, unanswered: [] as string[] };
let sent = 0;
let stoppedByBudget = false;
let slowest = { ms: 0, label: "" };

const dbFile = () => path.join(server.dataDir, "tipline.db");

function tableCounts(): TTableCounts {
  const db = new Database(dbFile(), { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
    return Object.fromEntries(tables.map(({ name }) => [name, (db.prepare(`SELECT COUNT(*) AS n FROM "${name}"`).get() as { n: number }).n]));
  } finally {
    db.close();
  }
}

function readDb<T>(sql: string): T[] {
  const db = new Database(dbFile(), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

function serverMemory(): { total: number; nextServer: number; members: TProcessMemory[] } {
  const members = memoryOfProcessGroup(pgid);
  return {
    total: members.reduce((sum, member) => sum + member.rssBytes, 0),
    nextServer: members.filter((member) => member.comm.startsWith("next-server")).reduce((sum, member) => sum + member.rssBytes, 0),
    members,
  };
}

/** Every `createServerReference("<id>", …, "<name>")` in the client chunks the browser loads. */
function idsFromClientChunks(): Map<string, string> {
  const ids = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".js")) {
        for (const match of fs.readFileSync(full, "utf8").matchAll(/createServerReference\)\("([0-9a-f]{42})",[^)]*?"(\w+)"\)/g)) ids.set(match[2]!, match[1]!);
      }
    }
  };
  walk(path.join(process.cwd(), ".next", "static", "chunks"));
  return ids;
}

async function send(fuzzCase: TFuzzCase): Promise<TOutcome> {
  const started = performance.now();
  try {
    const response = await fetch(`${server.origin}${fuzzCase.path}`, {
      method: "POST",
      headers: fuzzCase.headers,
      body: fuzzCase.body,
      redirect: "manual",
      signal: AbortSignal.timeout(60_000),
    });
    const body = await response.text();
    return { status: response.status, contentType: response.headers.get("content-type") ?? "", body, ms: performance.now() - started, setCookie: response.headers.has("set-cookie") };
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : "";
    return { status: 0, contentType: "", body: "", ms: performance.now() - started, setCookie: false, error: `${error instanceof Error ? error.message : String(error)}${cause}` };
  }
}

// Markers a page shows on its own (the privacy page names SQLite, say) are not leaks there.
const baselineMarkers = new Map<string, Promise<Set<string>>>();
function markersOfPage(pagePath: string): Promise<Set<string>> {
  let markers = baselineMarkers.get(pagePath);
  if (!markers) {
    markers = fetch(`${server.origin}${pagePath}`)
      .then((response) => response.text())
      .then((html) => new Set(LEAK_MARKERS.filter(([, pattern]) => pattern.test(html)).map(([name]) => name)));
    baselineMarkers.set(pagePath, markers);
  }
  return markers;
}

const label = (fuzzCase: TFuzzCase) => `#${fuzzCase.index} ${fuzzCase.target}/${fuzzCase.kind} ${fuzzCase.path} (${fuzzCase.bodyBytes} B)`;

async function record(fuzzCase: TFuzzCase, outcome: TOutcome) {
  const count = (map: Map<number, number>, key: number) => map.set(key, (map.get(key) ?? 0) + 1);
  count(histogram, outcome.status);
  const target = fuzzCase.kind.startsWith("send-route/") ? "send route" : fuzzCase.target;
  if (!byTarget.has(target)) byTarget.set(target, new Map());
  count(byTarget.get(target)!, outcome.status);
  if (outcome.ms > slowest.ms) slowest = { ms: Math.round(outcome.ms), label: label(fuzzCase) };
  if (outcome.error) {
    networkErrors.push(`${label(fuzzCase)}: ${outcome.error}`);
    return;
  }
  const sentText = typeof fuzzCase.body === "string" ? fuzzCase.body : Buffer.from(fuzzCase.body).toString("utf8");
  const onPage = await markersOfPage(fuzzCase.path);
  for (const [name, pattern] of LEAK_MARKERS) {
    if (onPage.has(name) || pattern.test(sentText) || pattern.test(fuzzCase.path)) continue;
    const match = pattern.exec(outcome.body);
    if (match) leaks.push(`${label(fuzzCase)} → ${outcome.status}: ${name} in …${outcome.body.slice(Math.max(0, match.index - 80), match.index + 120)}…`);
  }
  if (outcome.status >= 500) {
    const key = `${fuzzCase.oversized ? "oversized " : ""}${fuzzCase.target}/${fuzzCase.kind}`;
    serverErrorsByKind.set(key, (serverErrorsByKind.get(key) ?? 0) + 1);
    if (!serverErrorExamples.has(key)) serverErrorExamples.set(key, `${label(fuzzCase)}: ${outcome.contentType} ${JSON.stringify(outcome.body.slice(0, 120))}`);
    if (outcome.status !== 500) otherServerErrors.push(`${label(fuzzCase)} → ${outcome.status}`);
  }
  if (outcome.setCookie) cookies.push(label(fuzzCase));
  // Nothing stored, no setup, no login, no status shown: no request in the corpus is entitled
  // to any. (A salt is handed to any well-formed name, a stable fake one for unknown names.)
  const success = fuzzCase.target === "getLoginSaltAction" ? /data-testid="receipt-code"|data-testid="status-summary"/ : /"ok":true|data-testid="receipt-code"|data-testid="status-summary"/;
  if (success.test(outcome.body)) successes.push(`${label(fuzzCase)} → ${outcome.body.slice(0, 200)}`);
  if (fuzzCase.oversized) oversized.push({ fuzzCase, outcome });
  if (fuzzCase.foreignOrigin) foreign.push({ fuzzCase, outcome });
  if (fuzzCase.atLimit) atLimit.push({ fuzzCase, outcome });
  if (fuzzCase.failedLogin === "yes") {
    failedLogins.yes += 1;
    if (outcome.status !== 200 || !/"error":"errors\.login(?:Failed|Locked)"/.test(outcome.body)) failedLogins.unanswered.push(`${label(fuzzCase)} → ${outcome.status} ${outcome.body.slice(0, 160)}`);
  }
  if (fuzzCase.failedLogin === "maybe") failedLogins.maybe += 1;
  if (fuzzCase.target === "logInAction" && outcome.body.includes('"error":"errors.unexpected"')) failedLogins.unexpected += 1;
}

async function postAction(target: TFetchAction, args: unknown[]): Promise<{ status: number; body: string }> {
  const response = await fetch(`${server.origin}${FETCH_ACTIONS[target]}`, {
    method: "POST",
    headers: { "next-action": actionIds[target], "content-type": "text/plain;charset=UTF-8", origin: server.origin, "x-forwarded-for": "192.0.2.1" },
    body: JSON.stringify(args),
  });
  return { status: response.status, body: await response.text() };
}

/**
 * Every other tip-form case is sent a second time, unchanged, to the no-JavaScript send
 * route (app/(public)/_routes/send-tip.ts), where the review page's send button posts:
 * the same bodies, origins and encodings, against the route's own reading of them. (The
 * corpus never holds a storable tip, so the route must store nothing either.)
 */
function* withSendRoute(cases: Generator<TFuzzCase>): Generator<TFuzzCase> {
  for (const fuzzCase of cases) {
    yield fuzzCase;
    if (fuzzCase.target !== "tipFormAction" || fuzzCase.atLimit || fuzzCase.index % 2 !== 0) continue;
    const english = /^\/en(\/|$)/.test(fuzzCase.path);
    if (fuzzCase.path !== FORM_PAGES.tipFormAction && !english) continue;
    yield { ...fuzzCase, kind: `send-route/${fuzzCase.kind}`, path: english ? "/en/melden/verzenden" : "/melden/verzenden" };
  }
}

describe("bad input over real HTTP", () => {
  beforeAll(async () => {
    const secrets = testSecrets();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tipline-fuzz-"));
    await seedFirstOperator(dataDir, secrets);
    server = await startTestServer({ port: PORT, dataDir, env: secrets });
    const group = processGroupOfServer(server.dataDir);
    if (group === null) throw new Error("the test server's process group was not found in /proc");
    pgid = group;

    // The no-JavaScript forms name their action in the hidden `$ACTION_1:0` input.
    for (const target of ["tipFormAction", "statusFormAction"] as const) {
      const inputs = hiddenInputsOfPostForm(await (await fetch(`${server.origin}${FORM_PAGES[target]}`)).text());
      hiddenInputs[target] = inputs;
      const descriptor = inputs.find(([name]) => name === "$ACTION_1:0")?.[1];
      actionIds[target] = (JSON.parse(descriptor ?? "{}") as { id?: string }).id ?? "";
    }
    // The JavaScript path's actions are named in the client chunks; the server's manifest must agree.
    const fromChunks = idsFromClientChunks();
    const manifest = JSON.parse(fs.readFileSync(path.join(process.cwd(), ".next", "server", "server-reference-manifest.json"), "utf8")) as {
      node: Record<string, { exportedName: string; filename: string }>;
    };
    for (const target of Object.keys(FETCH_ACTIONS) as TFetchAction[]) actionIds[target] = fromChunks.get(target) ?? "";
    for (const [target, id] of Object.entries(actionIds)) {
      expect(id, target).toMatch(/^[0-9a-f]{42}$/);
      expect(manifest.node[id]?.exportedName, target).toBe(target);
    }

    // Warm up every action once with a harmless call, so that lazily loaded code does not
    // count as growth; then take the figures the run is compared with.
    for (const target of Object.keys(FETCH_ACTIONS) as TFetchAction[]) await postAction(target, [target === "getLoginSaltAction" ? "Warm Up" : {}]);
    for (const target of ["tipFormAction", "statusFormAction"] as const) {
      const url = `${server.origin}${FORM_PAGES[target]}`;
      await submitForm(url, await (await fetch(url)).text(), [["intent", target === "tipFormAction" ? "review" : "check"]], { "x-forwarded-for": "192.0.2.2" });
    }
    countsBefore = tableCounts();
    auditSeqBefore = readDb<{ seq: number | null }>('SELECT MAX(seq) AS seq FROM "AuditEntry"')[0]?.seq ?? 0;
    memoryCold = serverMemory().members;
  });

  afterAll(async () => {
    await server?.stop();
    if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
  });

  it(`answers a seeded corpus of ${CORPUS_SIZE} bad requests without a 5xx that tells anything`, async () => {
    const cases = withSendRoute(fuzzCorpus(SEED, CORPUS_SIZE, { origin: server.origin, actionIds, hiddenInputs }));
    const deadline = Date.now() + TIME_BUDGET_MS;
    const sampler = setInterval(() => {
      const now = serverMemory();
      peakRss = Math.max(peakRss, now.total);
      peakNextServerRss = Math.max(peakNextServerRss, now.nextServer);
    }, 500);
    let answered = 0;
    const worker = async () => {
      for (;;) {
        if (Date.now() > deadline) {
          stoppedByBudget = true;
          return;
        }
        const next = cases.next();
        if (next.done) return;
        sent += 1;
        await record(next.value, await send(next.value));
        answered += 1;
        if (answered === WARM_UP_CASES) memoryWarm = serverMemory().members;
      }
    };
    const started = Date.now();
    try {
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    } finally {
      clearInterval(sampler);
    }

    const sorted = (map: Map<number, number>) => [...map.entries()].sort(([a], [b]) => a - b).map(([status, n]) => `${status}×${n}`).join(" ");
    console.log(`[fuzz] ${sent} requests in ${Math.round((Date.now() - started) / 1000)} s${stoppedByBudget ? " (stopped by the time budget)" : ""}; slowest ${slowest.ms} ms: ${slowest.label}`);
    console.log(`[fuzz] status codes: ${sorted(histogram)}`);
    for (const [target, map] of byTarget) console.log(`[fuzz]   ${target}: ${sorted(map)}`);
    console.log(`[fuzz] bare 500s by target/kind:\n${[...serverErrorsByKind.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, n]) => `  ${key}×${n}, e.g. ${serverErrorExamples.get(key)}`).join("\n")}`);
    const shownByPages = await Promise.all([...baselineMarkers.entries()].map(async ([page, markers]) => [page, [...(await markers)]] as const));
    console.log(`[fuzz] markers pages show by themselves (not counted there): ${shownByPages.filter(([, markers]) => markers.length > 0).map(([page, markers]) => `${page}: ${markers.join(", ")}`).join("; ") || "none"}`);
    console.log(`[fuzz] failed logins expected: ${failedLogins.yes} certain, ${failedLogins.maybe} possible; ${failedLogins.unexpected} logins answered "errors.unexpected"`);

    expect(sent).toBeGreaterThanOrEqual(stoppedByBudget ? 1_000 : CORPUS_SIZE);
    expect(networkErrors).toEqual([]);
    expect(leaks).toEqual([]);
    expect(otherServerErrors).toEqual([]);
    expect(successes).toEqual([]);
    expect(cookies).toEqual([]);
    expect(failedLogins.unanswered).toEqual([]);
    // The send route answered its share itself: refused (403 another origin, 400 a body it
    // cannot read, 413 too large) or handed to the form action (307), never anything else.
    const route = byTarget.get("send route") ?? new Map<number, number>();
    expect([...route.values()].reduce((sum, n) => sum + n, 0)).toBeGreaterThanOrEqual(stoppedByBudget ? 100 : 300);
    expect([...route.keys()].filter((status) => ![307, 400, 403, 413].includes(status))).toEqual([]);
  }, 420_000);

  it("refuses an oversized body with a 413 and a clear message before any action runs, and accepts one at the limit", () => {
    const fetchRefusals = oversized.filter(({ fuzzCase }) => fuzzCase.oversized === "fetch");
    const formRefusals = oversized.filter(({ fuzzCase }) => fuzzCase.oversized === "form");
    console.log(`[fuzz] oversized: ${fetchRefusals.length} fetch-action bodies, ${formRefusals.length} form posts; sizes ${[...new Set(oversized.map(({ fuzzCase }) => fuzzCase.bodyBytes))].sort((a, b) => a - b).join(", ")} B`);
    expect(fetchRefusals.length).toBeGreaterThanOrEqual(10);
    expect(formRefusals.length).toBeGreaterThanOrEqual(10);
    // A JavaScript action call: its client shows no page, so a short plain-text answer.
    for (const { fuzzCase, outcome } of fetchRefusals) {
      expect({ case: label(fuzzCase), status: outcome.status, type: outcome.contentType, body: outcome.body }).toEqual({
        case: label(fuzzCase),
        status: 413,
        type: "text/plain; charset=utf-8",
        body: `Request body too large: the limit is ${SERVER_ACTION_BODY_LIMIT_KIB} KiB. Nothing was stored.`,
      });
    }
    // A no-JavaScript post: a page in the path's language that says what happened and what to do.
    for (const { fuzzCase, outcome } of formRefusals) {
      expect({ case: label(fuzzCase), status: outcome.status, type: outcome.contentType }).toEqual({ case: label(fuzzCase), status: 413, type: "text/html; charset=utf-8" });
      const english = /^\/en(\/|$)/.test(fuzzCase.path);
      expect(outcome.body, label(fuzzCase)).toContain(english ? `<html lang="en">` : `<html lang="nl">`);
      expect(outcome.body, label(fuzzCase)).toContain(
        english ? `What you sent is larger than ${SERVER_ACTION_BODY_LIMIT_KIB} KB. Nothing was stored` : `Wat je verstuurde is groter dan ${SERVER_ACTION_BODY_LIMIT_KIB} KB. Er is niets opgeslagen`,
      );
    }
    expect(atLimit.map(({ fuzzCase, outcome }) => `${fuzzCase.target} ${fuzzCase.bodyBytes} ${outcome.status}`).sort()).toEqual([`checkStatusAction ${BODY_LIMIT_BYTES} 200`, `tipFormAction ${BODY_LIMIT_BYTES} 200`]);
    expect(atLimit.find(({ fuzzCase }) => fuzzCase.target === "checkStatusAction")?.outcome.body).toContain('1:{"ok":false,"error":"errors.invalidRequest"}');
  });

  it("refuses a post from another site with a 403 and a clear message before any action runs, on every target", () => {
    const counts = new Map<string, number>();
    for (const { fuzzCase } of foreign) counts.set(fuzzCase.target, (counts.get(fuzzCase.target) ?? 0) + 1);
    console.log(`[fuzz] posts from another site: ${foreign.length} (${[...counts.entries()].map(([target, n]) => `${target}×${n}`).join(" ")})`);
    expect(foreign.length).toBeGreaterThanOrEqual(100);
    expect(counts.size).toBe(Object.keys(FETCH_ACTIONS).length + Object.keys(FORM_PAGES).length);
    for (const { fuzzCase, outcome } of foreign) {
      // The length is checked first: a body over the limit gets its 413 whatever its origin.
      const status = fuzzCase.bodyBytes > BODY_LIMIT_BYTES ? 413 : 403;
      const call = "next-action" in fuzzCase.headers;
      expect({ case: label(fuzzCase), status: outcome.status, type: outcome.contentType }).toEqual({ case: label(fuzzCase), status, type: call ? "text/plain; charset=utf-8" : "text/html; charset=utf-8" });
      if (status !== 403) continue;
      if (call) {
        expect(outcome.body, label(fuzzCase)).toBe("Forbidden: this request did not come from this site's own pages. Nothing was stored.");
        continue;
      }
      // A no-JavaScript post: a page in the path's language (the send route's own names its form).
      const english = /^\/en(\/|$)/.test(fuzzCase.path);
      const sendRoute = fuzzCase.kind.startsWith("send-route/");
      expect(outcome.body, label(fuzzCase)).toContain(english ? `<html lang="en">` : `<html lang="nl">`);
      expect(outcome.body, label(fuzzCase)).toContain(
        english
          ? sendRoute
            ? "This form can only be sent from the tip line's own page. Nothing was stored."
            : "This form can only be sent from the tip line's own pages, and this came from somewhere else. Nothing was stored"
          : sendRoute
            ? "Dit formulier kan alleen worden verstuurd vanaf de eigen pagina van de meldlijn. Er is niets opgeslagen."
            : "Dit formulier kan alleen worden verstuurd vanaf de eigen pagina's van de meldlijn, en dit kwam ergens anders vandaan. Er is niets opgeslagen",
      );
    }
  });

  // A body without a declared length (chunked) can be measured only by reading it, and Next
  // refuses one over its limit only as a bare 500: proxy.ts answers 411 before Next reads
  // a byte of it, whatever its size. No browser sends a form or fetch body that way.
  it("refuses a body that declares no length (chunked) with a 411 and a clear message, large or small, form or action call: nothing stored, no action reached", async () => {
    const before = await countStoredTips(server.dataDir);
    const logBefore = fs.readFileSync(server.logFile, "utf8").length;
    const inputs = hiddenInputsOfPostForm(await (await fetch(`${server.origin}${FORM_PAGES.tipFormAction}`)).text());
    const boundary = "chunkedfuzzboundary";
    const part = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const head = [...inputs.map(([name, value]) => part(name, value)), part("intent", "review"), part("subject", "adult")].join("");
    const sendChunked = (pagePath: string, headers: Record<string, string>, chunks: Iterable<string>) =>
      new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
        const request = http.request(`${server.origin}${pagePath}`, { method: "POST", headers: { ...headers, "transfer-encoding": "chunked", origin: server.origin } });
        request.on("response", (response) => {
          let body = "";
          response.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
          response.on("end", () => resolve({ status: response.statusCode ?? 0, type: String(response.headers["content-type"]), body }));
        });
        // The server answers without reading the body: the rest of the upload may meet a
        // closed socket once the answer is in, which is not this test's failure.
        request.on("error", (error) => reject(error));
        for (const chunk of chunks) request.write(chunk);
        request.end();
      }).catch((error: unknown) => ({ status: 0, type: "", body: String(error) }));
    function* huge() {
      yield head;
      yield `--${boundary}\r\nContent-Disposition: form-data; name="seenOrHeard"\r\n\r\n`;
      for (let sent = 0; sent < BODY_LIMIT_BYTES + 64 * 1024; sent += 16 * 1024) yield "A".repeat(16 * 1024);
      yield `\r\n--${boundary}--\r\n`;
    }
    const multipartType = { "content-type": `multipart/form-data; boundary=${boundary}` };

    const hugeForm = await sendChunked(FORM_PAGES.tipFormAction, multipartType, huge());
    expect({ status: hugeForm.status, type: hugeForm.type }).toEqual({ status: 411, type: "text/html; charset=utf-8" });
    expect(hugeForm.body).toContain(`<html lang="nl">`);
    expect(hugeForm.body).toContain("zonder te zeggen hoe groot het is");
    expect(hugeForm.body).toContain("Er is niets opgeslagen");

    const smallEnglishForm = await sendChunked(`/en${FORM_PAGES.tipFormAction}`, multipartType, [head, `--${boundary}--\r\n`]);
    expect({ status: smallEnglishForm.status, type: smallEnglishForm.type }).toEqual({ status: 411, type: "text/html; charset=utf-8" });
    expect(smallEnglishForm.body).toContain(`<html lang="en">`);
    expect(smallEnglishForm.body).toContain("without saying how large it is");

    const actionCall = await sendChunked(FETCH_ACTIONS.submitSealedTipAction, { "next-action": actionIds.submitSealedTipAction, "content-type": "text/plain;charset=UTF-8" }, ['[{"sealedTip":"', "AAAA", '","lookupToken":"x"}]']);
    expect(actionCall).toEqual({ status: 411, type: "text/plain; charset=utf-8", body: "Length required: send the body with a Content-Length header. Nothing was stored." });

    expect(await countStoredTips(server.dataDir)).toBe(before);
    // Refused before any action read the body: Next's own limit never came into play.
    expect(fs.readFileSync(server.logFile, "utf8").slice(logBefore)).not.toContain("Body exceeded");
  });

  // Next forwards an action posted to a page that does not hold it to itself, chunked and
  // marked x-action-forwarded; npm start's server (guardRequest, as proxy.ts would) lets
  // that through. Anyone can forge the mark: a chunked body over the limit must then still
  // be refused, by Next's own action limit (proxy.ts, which would first copy up to 1 MiB
  // over the limit, does not run for an action call guarded by the server), and the
  // connection must not be left waiting behind the rest Next did not read.
  it("lets Next's own action forwarding through, and a forged forwarding mark gains nothing: over the limit is refused however Next cuts it", async () => {
    const forwarded = await fetch(`${server.origin}/melden`, {
      method: "POST",
      headers: { "next-action": actionIds.logInAction, "content-type": "text/plain;charset=UTF-8", origin: server.origin },
      body: JSON.stringify([{}]),
    });
    expect(forwarded.status).toBe(200);
    expect(await forwarded.text()).toContain('"error":"errors.loginFailed"');

    const before = await countStoredTips(server.dataDir);
    const outputBefore = server.output().length;
    const forge = (bytes: number) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const request = http.request(`${server.origin}${FETCH_ACTIONS.submitSealedTipAction}`, {
          method: "POST",
          headers: {
            "next-action": actionIds.submitSealedTipAction,
            "content-type": "text/plain;charset=UTF-8",
            "transfer-encoding": "chunked",
            "x-action-forwarded": "1",
            origin: server.origin,
          },
        });
        request.on("response", (response) => {
          let body = "";
          response.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
          response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
        });
        request.on("error", reject);
        // A well-formed call whose sealed tip is padded with spaces inside the JSON: cut
        // anywhere, it no longer parses; whole, it is over the limit.
        request.write('[{"sealedTip":"');
        for (let sent = 0; sent < bytes; sent += 64 * 1024) request.write(" ".repeat(64 * 1024));
        request.end('","lookupToken":"x"}]');
      });
    for (const bytes of [BODY_LIMIT_BYTES + 64 * 1024, 2 * 1024 * 1024]) {
      const answer = await forge(bytes);
      expect({ bytes, status: answer.status, stored: answer.body.includes('"ok":true') }).toEqual({ bytes, status: 500, stored: false });
    }
    expect(await countStoredTips(server.dataDir)).toBe(before);
    // Next's lines may reach this process after the answers did: wait for them (bounded).
    await server.waitForOutput(outputBefore, [`Body exceeded ${SERVER_ACTION_BODY_LIMIT_KIB}kb limit.`]);
  });

  it("stays up: pages answer, no prototype was polluted, and a real no-JavaScript tip still goes through end to end", async () => {
    expect(serverMemory().members.some((member) => member.comm.startsWith("next-server"))).toBe(true);
    expect((await fetch(`${server.origin}/`)).status).toBe(200);
    // Empty objects must still be refused: nothing the corpus sent reached Object.prototype.
    for (const target of ["submitSealedTipAction", "checkStatusAction", "sendReporterMessageAction"] as const) {
      const answer = await postAction(target, [{}]);
      expect(answer.status, target).toBe(200);
      expect(answer.body, target).toContain('"error":"errors.invalidRequest"');
    }
    expect((await postAction("logInAction", [{}])).body).toContain('"error":"errors.loginFailed"');

    const tipsBefore = await countStoredTips(server.dataDir);
    const url = `${server.origin}/melden?over=adult`;
    const review = await submitForm(url, await (await fetch(url)).text(), [
      ["intent", "review"],
      ["subject", "adult"],
      ["signals", "under-pressure"],
      ["seenOrHeard", "Gezien na de fuzz-test: alles werkt nog."],
    ]);
    expect(review.status).toBe(200);
    expect(review.html).toContain('data-testid="tip-summary"');
    const done = await submitForm(url, review.html, [["intent", "send"]]);
    expect(done.status).toBe(200);
    const code = /data-testid="receipt-code"[^>]*>([0-9A-Z-]{19})</.exec(done.html)?.[1];
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    expect(await countStoredTips(server.dataDir)).toBe(tipsBefore + 1);
    const statusUrl = `${server.origin}/status`;
    const status = await submitForm(statusUrl, await (await fetch(statusUrl)).text(), [["code", code!], ["intent", "check"]], { "x-forwarded-for": "192.0.2.77" });
    expect(status.html).toContain('data-testid="status-summary"');
  });

  it("wrote nothing but the control tip, the limiter's counters and one audit entry per failed login", () => {
    const after = tableCounts();
    const changes = Object.fromEntries(Object.keys({ ...countsBefore, ...after }).map((table) => [table, (after[table] ?? 0) - (countsBefore[table] ?? 0)]));
    console.log(`[fuzz] rows added per table: ${JSON.stringify(changes)}`);
    // JobLease: the app's own retention schedule takes its lease a minute after start, input or not.
    const { RateLimitCounter: counters, AuditEntry: audit, Tip: tips, JobLease: leases = 0, ...rest } = changes;
    expect(tips).toBe(1);
    expect(leases).toBeLessThanOrEqual(1);
    expect(Object.values(rest).every((change) => change === 0), JSON.stringify(rest)).toBe(true);
    expect(counters).toBeGreaterThanOrEqual(0);
    // Counters are keyed hashes: no address, name or code in the clear.
    for (const { key } of readDb<{ key: string }>('SELECT key FROM "RateLimitCounter"')) expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const entries = readDb<{ action: string; operatorId: string | null; subject: string | null }>(`SELECT action, operatorId, subject FROM "AuditEntry" WHERE seq > ${auditSeqBefore}`);
    expect(entries.length).toBe(audit);
    expect(entries.every((entry) => entry.action === "operator.login-failed" && entry.operatorId === null && entry.subject === null), JSON.stringify(entries.slice(0, 3))).toBe(true);
    expect(entries.length).toBeGreaterThanOrEqual(failedLogins.yes);
    expect(entries.length).toBeLessThanOrEqual(failedLogins.yes + failedLogins.maybe);
  });

  it("kept its memory bounded", () => {
    const after = serverMemory();
    const sum = (members: TProcessMemory[], nextServerOnly = false) => members.filter((member) => !nextServerOnly || member.comm.startsWith("next-server")).reduce((total, member) => total + member.rssBytes, 0);
    const figures = (members: TProcessMemory[]) => `${megabytes(sum(members))} MB (next-server ${megabytes(sum(members, true))} MB)`;
    console.log(
      `[fuzz] RSS of process group ${pgid}: cold ${figures(memoryCold)}, after ${WARM_UP_CASES} requests ${figures(memoryWarm)}, peak ${megabytes(peakRss)} MB (next-server ${megabytes(peakNextServerRss)} MB), after the run ${figures(after.members)}; ${after.members.map((member) => `${member.pid} ${member.comm} ${megabytes(member.rssBytes)} MB`).join("; ")}`,
    );
    expect(sum(memoryCold, true)).toBeGreaterThan(0);
    expect(sum(memoryWarm, true)).toBeGreaterThan(0);
    expect(after.nextServer - sum(memoryWarm, true)).toBeLessThan(MEMORY_GROWTH_LIMIT_BYTES);
    expect(after.total - sum(memoryWarm)).toBeLessThan(MEMORY_GROWTH_LIMIT_BYTES);
    expect(after.total - sum(memoryCold)).toBeLessThan(COLD_GROWTH_LIMIT_BYTES);
  });

  it("logged no crash, and the app's own log lines carry no input", () => {
    const log = fs.readFileSync(server.logFile, "utf8");
    expect(log).not.toMatch(/uncaughtException|unhandledRejection|FATAL ERROR|heap out of memory|Segmentation fault|EADDRINUSE/);
    const ownLines = log.split("\n").filter((line) => /^\[(?:tip|status|operator)\]/.test(line));
    expect(ownLines.filter((line) => line.includes(CANARY))).toEqual([]);
    // Malformed input is a bad request, answered as one, not a failure the server logs.
    expect(ownLines.filter((line) => line.includes("CryptoInputError"))).toEqual([]);
    // Next's own error log is another matter: a JSON.parse error quotes the body it choked on.
    const echoed = log.split("\n").filter((line) => line.includes(CANARY));
    const quoting = log.split("\n").filter((line) => /^⨯ SyntaxError: .*"[^"]*" is not valid JSON|to a BigInt/.test(line));
    console.log(`[fuzz] server log: ${log.split("\n").filter((line) => line.startsWith("⨯")).length} errors logged by Next, ${ownLines.length} by the app; ${quoting.length} of Next's quote part of the body (${echoed.length} with the canary), e.g. ${JSON.stringify(echoed[0]?.slice(0, 160) ?? "")}`);
    const own = new Map<string, number>();
    for (const line of ownLines) own.set(line, (own.get(line) ?? 0) + 1);
    console.log(`[fuzz] the app's log lines: ${[...own.entries()].map(([line, n]) => `${line} ×${n}`).join("; ")}`);
  });
});
