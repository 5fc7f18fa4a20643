import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import fs from "node:fs";
import { spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { deriveReporterKeys, toBase64Url } from "../../lib/crypto";
import { hiddenInputsOfPostForm } from "../support/html-form";
import { E2E_STATE_FILE } from "./global-setup";
import { enrolSecondFactor, logInOperator } from "./operator-login";

type TState = { origin: string; setupLink: string | null };
const state = (): TState => JSON.parse(fs.readFileSync(E2E_STATE_FILE, "utf8")) as TState;

const OPERATOR = { name: "Anna de Vries", passphrase: "paarse olifant danst op het dak" };
const EN_SUBJECT_TITLE = JSON.parse(fs.readFileSync("messages/en/tip.json", "utf8")).steps.subject.title as string;
const UNREAD_TOTAL_NL = JSON.parse(fs.readFileSync("messages/nl/operator.json", "utf8")).inbox.unreadTotal as string;
const PRIVACY_TITLE = { nl: "Privacy: zo gaan we om met je melding", en: "Privacy: how we handle your tip" };
const RECEIPT = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/;

// Unique strings per journey: they must come back exactly in the operator's view, and
// never appear in a request body of the JavaScript path.
const ADULT_CANARY = `kelderbox-canary-${Date.now().toString(36)}`;
const MINOR_CANARY = `jeugd-canary-${Date.now().toString(36)}`;
const QUESTION = `Weet je welke auto er voorrijdt? vraag-${Date.now().toString(36)}`;
const ANSWER_JS = `Een zwarte Audi, elke vrijdag. antwoord-js-${Date.now().toString(36)}`;
const ANSWER_NOJS = `Ook een witte bus. antwoord-zonder-js-${Date.now().toString(36)}`;
const NOTE = `Kenteken nagevraagd bij de politie. notitie-${Date.now().toString(36)}`;
const NOJS_CANARY = `zonder-js-canary-${Date.now().toString(36)}`;
const PHONE_CANARY = `telefoon-canary-${Date.now().toString(36)}`;
const POSSIBLY_MINOR_CANARY = `mogelijk-minderjarig-canary-${Date.now().toString(36)}`;

type TRecorded = { url: string; method: string; body: string };

// Any Content-Security-Policy violation in any test fails it: the policy must fit the app.
const cspViolations: string[] = [];
test.afterEach(() => {
  expect(cspViolations.splice(0)).toEqual([]);
});

/** Records every request the context makes, to check bodies and origins afterwards. */
function record(context: BrowserContext): TRecorded[] {
  const requests: TRecorded[] = [];
  context.on("request", (request) => {
    requests.push({ url: request.url(), method: request.method(), body: request.postData() ?? "" });
  });
  context.on("console", (message) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  return requests;
}

/** Nothing of the form may persist in the browser: no web storage, no IndexedDB, no cookie. */
async function expectNothingStored(page: Page) {
  const stored = await page.evaluate(async () => ({
    local: window.localStorage.length,
    session: window.sessionStorage.length,
    indexedDb: (await window.indexedDB.databases()).length,
    cookie: document.cookie,
  }));
  expect(stored).toEqual({ local: 0, session: 0, indexedDb: 0, cookie: "" });
}

function expectSameOrigin(requests: TRecorded[]) {
  const { origin } = state();
  const foreign = requests.filter((request) => !request.url.startsWith(`${origin}/`) && !/^(data|blob):/.test(request.url));
  expect(foreign.map((request) => request.url)).toEqual([]);
}

async function expectAccessible(page: Page, step: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
  expect(serious.map((violation) => `${step}: ${violation.id} (${violation.nodes.map((node) => node.target.join(" ")).join(", ")})`)).toEqual([]);
}

/**
 * axe needs JavaScript, which a no-JS page does not run: the page's HTML (scripts removed)
 * is served at the same origin to a JavaScript-enabled page, so its styles apply, and
 * checked there.
 */
async function expectAccessibleWithoutJs(browser: Browser, page: Page, step: string) {
  const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, "");
  const context = await browser.newContext();
  const copy = await context.newPage();
  const url = `${state().origin}/__axe_copy__`;
  await copy.route(url, (route) => route.fulfill({ status: 200, contentType: "text/html", body: html }));
  await copy.goto(url);
  await expectAccessible(copy, step);
  await context.close();
}

async function logIn(page: Page) {
  await logInOperator(page, OPERATOR);
  await expect(page.locator('[data-testid="inbox-row"]').first()).toBeVisible({ timeout: 60_000 });
}

/** Opens the inbox row whose tip contains `text`. */
async function openTipContaining(page: Page, text: string) {
  const rows = page.locator('[data-testid="inbox-row"]');
  for (let index = 0; index < (await rows.count()); index += 1) {
    await rows.nth(index).locator("button").click();
    if (((await page.locator('[data-testid="tip-summary"]').textContent()) ?? "").includes(text)) return;
    await page.locator("button", { hasText: /Terug naar de meldingen/ }).click();
  }
  throw new Error(`no tip contains ${text}`);
}

async function next(page: Page) {
  await page.locator('form[data-testid="guided-form"] button[type="submit"]').click();
}

test.describe.serial("reporter and operator journeys", () => {
  const receipts: string[] = [];

  test("first-run setup creates the first operator in the browser", async ({ page, context }) => {
    const requests = record(context);
    const { setupLink } = state();
    expect(setupLink, "npm start prints a setup link while no operator exists").toBeTruthy();
    await page.goto(setupLink!);
    await page.locator("#setup-name").fill(OPERATOR.name);
    // A common passphrase is refused in the browser, before any key is made.
    await page.locator("#setup-passphrase").fill("Wachtwoord2026!");
    await page.locator("#setup-passphrase-repeat").fill("Wachtwoord2026!");
    await page.locator('button[type="submit"]').click();
    await expect(page.locator('main [role="alert"]')).toContainText(/te makkelijk te raden/, { timeout: 60_000 });
    await page.locator("#setup-passphrase").fill(OPERATOR.passphrase);
    await page.locator("#setup-passphrase-repeat").fill(OPERATOR.passphrase);
    await expectAccessible(page, "setup");
    await page.locator('button[type="submit"]').click();
    await expect(page.locator(".callout--ok")).toBeVisible({ timeout: 60_000 });
    // The passphrase never leaves the browser.
    expect(requests.filter((request) => request.body.includes(OPERATOR.passphrase))).toEqual([]);
    // The token left the address bar at once.
    expect(page.url()).not.toContain("#");
    expectSameOrigin(requests);
  });

  test("a newcomer files an adult tip with JavaScript on; only ciphertext is posted", async ({ page, context }) => {
    const requests = record(context);
    const { origin } = state();
    await page.goto(`${origin}/`);
    await expectAccessible(page, "home");
    // "Snel weg" is on the home page, pointing to the neutral site.
    await expect(page.locator('[data-testid="quick-exit"]')).toBeVisible();
    await expect(page.locator('[data-testid="quick-exit"]')).toHaveAttribute("href", "https://www.weeronline.nl/");
    await page.locator('main a[href="/melden"]').first().click();
    await expect(page.locator('form[data-testid="guided-form"]')).toBeVisible();
    await expectAccessible(page, "subject");
    await next(page);
    await expect(page.locator(".error").first()).toBeVisible(); // no subject chosen: a Dutch message beside the field
    await expectAccessible(page, "subject with a validation error");
    await page.locator("#subject-adult").check();
    await next(page);

    await page.locator("#signal-under-pressure").check();
    await page.locator("#signal-no-passport").check();
    await page.locator("#since-months").check();
    await expectAccessible(page, "signals");
    await expectNothingStored(page);
    await next(page);

    await page.locator("#f-adult-workplace").fill(`Kelderbox Industrieweg ${ADULT_CANARY}`);
    await page.locator("#f-adult-ads-0-url").fill("www.example.nl/advertentie/123?utm_source=flyer&id=5&fbclid=abc");
    await page.locator("#f-adult-plates-0").fill("12abc3");
    await expectAccessible(page, "details");
    await expectNothingStored(page);
    await next(page);

    // Back and next keep what was typed.
    await page.locator("button", { hasText: /Vorige|Terug/ }).first().click();
    await expect(page.locator("#f-adult-workplace")).toHaveValue(`Kelderbox Industrieweg ${ADULT_CANARY}`);
    await next(page);

    await page.locator("#f-suspects-0-name").fill("Rico");
    await page.locator("#f-seenOrHeard").fill(`Ik ben haar mentor en zag dit op de groep. ${ADULT_CANARY}`);
    await expectAccessible(page, "more");
    await next(page);

    await expect(page.locator('[data-testid="tip-summary"]')).toBeVisible();
    await expect(page.locator('[data-testid="hints"]')).toContainText(/mentor/i);
    await expect(page.locator('[data-field="adult.ads.0.url"]')).toHaveText("https://www.example.nl/advertentie/123?id=5");
    await expect(page.locator('[data-field="adult.plates"]')).toHaveText("12-ABC-3");
    await expectAccessible(page, "review");
    await expectNothingStored(page);
    // Nothing left the browser before "send": no draft on the server either.
    expect(requests.filter((request) => request.method === "POST")).toEqual([]);
    await page.locator('[data-testid="send"]').click();

    const code = (await page.locator('[data-testid="receipt-code"]').textContent({ timeout: 60_000 }))?.trim() ?? "";
    expect(code).toMatch(RECEIPT);
    receipts.push(code);
    await expectAccessible(page, "receipt");

    const posts = requests.filter((request) => request.method === "POST");
    expect(posts.length).toBeGreaterThan(0);
    for (const post of posts) {
      expect(post.body).not.toContain(ADULT_CANARY);
      expect(post.body).not.toContain("Kelderbox");
      expect(post.body).not.toContain("mentor");
      expect(post.body).not.toContain(code);
      expect(post.body).not.toContain(code.replace(/-/g, ""));
    }
    // What was posted is a sealed blob of a padded size, not the form's fields.
    expect(posts.some((post) => /[A-Za-z0-9_-]{5000,}/.test(post.body))).toBe(true);
    expectSameOrigin(requests);
  });

  test("a minor tip with JavaScript on, in English", async ({ page, context }) => {
    const requests = record(context);
    await page.goto(`${state().origin}/en/melden`);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.locator("h1")).toHaveText(EN_SUBJECT_TITLE);
    await page.locator("#subject-minor").check();
    await next(page);
    await page.locator("#signal-runs-away").check();
    await page.locator("#signal-sudden-money").check();
    await expectAccessible(page, "minor signals");
    await next(page);
    await page.locator("#f-minor-residence").fill(`Woongroep ${MINOR_CANARY}`);
    await page.locator("#f-minor-phones-0").fill("06-12345678");
    await page.locator("#f-minor-phones-0").press("Tab");
    await expectAccessible(page, "minor details");
    await next(page);
    await page.locator("#f-seenOrHeard").fill(`Wordt opgehaald door een oudere vriend. ${MINOR_CANARY}`);
    await expectAccessible(page, "minor more");
    await next(page);
    await expectAccessible(page, "minor check");
    await expect(page.locator('[data-field="minor.phones"]')).toHaveText("+31612345678");
    await page.locator('[data-testid="send"]').click();
    const code = (await page.locator('[data-testid="receipt-code"]').textContent({ timeout: 60_000 }))?.trim() ?? "";
    expect(code).toMatch(RECEIPT);
    receipts.push(code);
    const posts = requests.filter((request) => request.method === "POST");
    expect(posts.length).toBeGreaterThan(0);
    for (const post of posts) expect(post.body).not.toContain(MINOR_CANARY);
    expect(posts.some((post) => /[A-Za-z0-9_-]{5000,}/.test(post.body))).toBe(true);
    expectSameOrigin(requests);
  });

  test("the adult journey works with JavaScript off", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const requests = record(context);
    const page = await context.newPage();
    await page.goto(`${state().origin}/melden`);
    await page.locator("#subject-adult").check();
    await expectAccessibleWithoutJs(browser, page, "no-js subject");
    await page.locator('button[type="submit"]').click();
    await expect(page.locator("#f-adult-workplace")).toBeVisible();
    await expectAccessibleWithoutJs(browser, page, "no-js form");

    // Nothing substantive filled in: a clear error, and nothing stored.
    await page.locator("#signal-under-pressure").check();
    await page.locator('button[name="intent"][value="review"]').click();
    await expect(page.locator('main [role="alert"]').first()).toBeVisible();
    await expect(page.locator("#signal-under-pressure")).toBeChecked();
    await expectAccessibleWithoutJs(browser, page, "no-js form with a validation error");

    await page.locator("#f-adult-workplace").fill(`Vakantiepark ${NOJS_CANARY}`);
    await page.locator("#f-adult-plates-0").fill("xx-99-xx");
    await page.locator("#f-seenOrHeard").fill(`Zonder JavaScript gemeld. ${NOJS_CANARY}`);
    await page.locator('button[name="intent"][value="review"]').click();
    await expect(page.locator('[data-testid="tip-summary"]')).toBeVisible();
    await expectAccessibleWithoutJs(browser, page, "no-js review");
    await page.locator('[data-testid="send"]').click();
    const code = (await page.locator('[data-testid="receipt-code"]').textContent())?.trim() ?? "";
    expect(code).toMatch(RECEIPT);
    receipts.push(code);
    // "send" went to its own route, which answers with the receipt page as static HTML.
    expect(new URL(page.url()).pathname).toBe("/melden/verzenden");
    expect(await page.locator("script").count()).toBe(0);
    await expect(page.locator('[data-testid="quick-exit"]')).toBeVisible();
    await expectAccessibleWithoutJs(browser, page, "no-js receipt");
    expectSameOrigin(requests);
    await context.close();
  });

  test("Snel weg leaves the form for a neutral site and Back does not return to the form", async ({ page, context }) => {
    // The neutral site is stubbed: tests make no request to another origin.
    await context.route("https://www.weeronline.nl/**", (route) => route.fulfill({ status: 200, contentType: "text/html", body: "<title>Weer</title>neutral" }));
    await page.goto(`${state().origin}/`);
    await page.locator('main a[href="/melden"]').first().click();
    // Once the page runs (the guided form has replaced the plain one), "Snel weg" replaces
    // the history entry; before that it is a plain link (see the threat model).
    await expect(page.locator('form[data-testid="guided-form"]')).toBeVisible();
    await page.locator("#subject-adult").check();
    await page.locator('[data-testid="quick-exit"]').click();
    await expect(page).toHaveURL("https://www.weeronline.nl/");
    await page.goBack();
    await expect(page).toHaveURL(`${state().origin}/`);
  });

  test("the operator enrols an authenticator at the first login, and reads every tip back exactly", async ({ page, context }) => {
    const requests = record(context);
    await page.goto(`${state().origin}/operator`);
    await page.locator("#login-name").fill(OPERATOR.name);
    await page.locator("#login-passphrase").fill("wrong passphrase entirely");
    await page.locator('button[type="submit"]').click();
    await expect(page.locator('main [role="alert"]')).toBeVisible({ timeout: 60_000 });

    // The right passphrase without a second factor yet: the enrolment screen, with a QR code.
    await page.locator("#login-passphrase").fill(OPERATOR.passphrase);
    await page.locator('button[type="submit"]').click();
    await expect(page.locator(".qr svg")).toBeVisible({ timeout: 60_000 });
    await expectAccessible(page, "second-factor enrolment");
    // A wrong first code enrols nothing.
    await page.locator("#enrol-code").fill("000000");
    await page.locator('button[type="submit"]').click();
    await expect(page.locator('main [role="alert"]')).toContainText(/klopt niet/, { timeout: 60_000 });
    const recoveryCodes = await enrolSecondFactor(page, OPERATOR.name);
    expect(new Set(recoveryCodes).size).toBe(10);
    // Neither the secret's codes nor the recovery codes live anywhere but on screen.
    expect(await page.evaluate(() => window.localStorage.length + window.sessionStorage.length)).toBe(0);
    await expect(page.locator('[data-testid="inbox-row"]')).toHaveCount(3, { timeout: 60_000 });
    // The session cookie and the device cookie (which keeps a stranger's failed logins from
    // locking this browser out): HttpOnly, Secure, SameSite=Strict, sent only to the
    // operators' zone.
    const cookies = (await context.cookies()).sort((a, b) => a.name.localeCompare(b.name));
    expect(cookies.map((cookie) => ({ name: cookie.name, httpOnly: cookie.httpOnly, secure: cookie.secure, sameSite: cookie.sameSite, path: cookie.path }))).toEqual([
      { name: "tipline_device", httpOnly: true, secure: true, sameSite: "Strict", path: "/operator" },
      { name: "tipline_operator", httpOnly: true, secure: true, sameSite: "Strict", path: "/operator" },
    ]);
    // Keys live in memory only: nothing in web storage.
    expect(await page.evaluate(() => window.localStorage.length + window.sessionStorage.length)).toBe(0);
    await expectAccessible(page, "inbox");
    await expect(page.locator(".badge--minor")).toHaveCount(1);

    const seen: string[] = [];
    for (let index = 0; index < 3; index += 1) {
      await page.locator('[data-testid="inbox-row"]').nth(index).locator("button").click();
      const summary = page.locator('[data-testid="tip-summary"]');
      await expect(summary).toBeVisible();
      seen.push((await summary.textContent()) ?? "");
      await page.locator("button", { hasText: /Terug naar de meldingen/ }).click();
    }
    const all = seen.join("\n");
    expect(all).toContain(`Kelderbox Industrieweg ${ADULT_CANARY}`);
    expect(all).toContain(`Ik ben haar mentor en zag dit op de groep. ${ADULT_CANARY}`);
    expect(all).toContain("https://www.example.nl/advertentie/123?id=5");
    expect(all).toContain(`Woongroep ${MINOR_CANARY}`);
    expect(all).toContain("+31612345678");
    expect(all).toContain(`Vakantiepark ${NOJS_CANARY}`);
    expect(all).toContain("XX-99-XX");
    // The passphrase is never posted; only the derived auth key is.
    expect(requests.filter((request) => request.body.includes(OPERATOR.passphrase))).toEqual([]);
    expectSameOrigin(requests);
    expect(receipts).toHaveLength(3);
  });
  test("the operator asks the reporter of a tip a question from the tip view", async ({ page, context }) => {
    const requests = record(context);
    await logIn(page);
    await openTipContaining(page, ADULT_CANARY);
    await page.locator("#question").fill(QUESTION);
    await expectAccessible(page, "tip view with thread");
    await page.locator("form button[type=submit]", { hasText: /Vraag versturen/ }).click();
    await expect(page.locator('[data-testid="operator-thread"]')).toContainText(QUESTION);
    // Sealed in the browser: the question's text is in no request.
    expect(requests.filter((request) => request.body.includes(QUESTION))).toEqual([]);
  });

  test("the reporter sees the question and answers with JavaScript on; the code and the reporter's key never leave the browser", async ({ page, context }) => {
    const requests = record(context);
    const code = receipts[0]!;
    await page.goto(`${state().origin}/status`);
    await expect(page.locator('[data-testid="status-form"]')).toBeVisible();
    // "Snel weg" is on the status page too, and the browser is asked not to offer or keep the code.
    await expect(page.locator('[data-testid="quick-exit"]')).toBeVisible();
    await expect(page.locator("#receipt-code")).toHaveAttribute("autocomplete", "off");
    await page.locator("#receipt-code").fill("AAAA-BBBB-CCCC-DDDD");
    await page.locator('[data-testid="status-form"] button[type="submit"]').click();
    await expect(page.locator('main [role="alert"]')).toBeVisible();
    await page.locator("#receipt-code").fill(code.toLowerCase().replace(/-/g, " "));
    await page.locator('[data-testid="status-form"] button[type="submit"]').click();
    await expect(page.locator('[data-testid="status-value"]')).toHaveText("Ontvangen");
    await expect(page.locator('[data-testid="thread"]')).toContainText(QUESTION);
    // The status check left nothing behind in the browser: no storage, no cookie.
    await expectNothingStored(page);
    await expect(page.locator("#reporter-message")).toHaveAttribute("autocomplete", "off");
    await expectAccessible(page, "status view");
    await page.locator("#reporter-message").fill(ANSWER_JS);
    await page.locator("main form button[type=submit]").click();
    await expect(page.locator('[data-testid="thread"]')).toContainText(ANSWER_JS);

    const keys = await deriveReporterKeys(code);
    const secrets = [code, code.replace(/-/g, ""), code.toLowerCase(), code.toLowerCase().replace(/-/g, " "), toBase64Url(keys.privateKey), Buffer.from(keys.privateKey).toString("hex"), ANSWER_JS, QUESTION];
    for (const request of requests) {
      for (const secret of secrets) expect(`${request.url} ${request.body}`, `a request carried ${secret}`).not.toContain(secret);
    }
    expectSameOrigin(requests);
    // "Klaar" wipes the code and the thread from the page.
    await page.locator("button", { hasText: /^Klaar$/ }).click();
    await expect(page.locator("#receipt-code")).toHaveValue("");
    await expect(page.locator('[data-testid="thread"]')).toHaveCount(0);
  });

  test("the reporter sees the conversation and answers with JavaScript off", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const requests = record(context);
    const page = await context.newPage();
    await page.goto(`${state().origin}/status`);
    await expect(page.locator('[data-testid="quick-exit"]')).toBeVisible();
    await expect(page.locator("#receipt-code")).toHaveAttribute("autocomplete", "off");
    await page.locator("#receipt-code").fill(receipts[0]!);
    await expectAccessibleWithoutJs(browser, page, "no-js status form");
    await page.locator('button[name="intent"][value="check"]').click();
    await expect(page.locator('[data-testid="thread"]')).toContainText(QUESTION);
    await expect(page.locator('[data-testid="thread"]')).toContainText(ANSWER_JS);
    await expectNothingStored(page);
    expect(await context.cookies()).toEqual([]);
    await expectAccessibleWithoutJs(browser, page, "no-js status view");
    await page.locator("#reporter-message").fill(ANSWER_NOJS);
    await page.locator('button[name="intent"][value="answer"]').click();
    await expect(page.locator('[data-testid="thread"]')).toContainText(ANSWER_NOJS);
    // The code was posted, never put in a URL.
    expect(requests.filter((request) => request.url.includes(receipts[0]!) || request.url.includes(receipts[0]!.replace(/-/g, "")))).toEqual([]);
    expectSameOrigin(requests);
    // "Klaar" without JavaScript: back to an empty code field, and neither the code nor the thread is on the page.
    await page.locator('button[name="intent"][value="done"]').click();
    await expect(page.locator("#receipt-code")).toHaveValue("");
    await expect(page.locator('[data-testid="thread"]')).toHaveCount(0);
    const after = await page.content();
    expect(after).not.toContain(receipts[0]!);
    expect(after).not.toContain(ANSWER_NOJS);
    await context.close();
  });

  test("the operator sees the answers marked unread in the inbox and reads them in the tip's thread", async ({ page }) => {
    await logIn(page);
    await expect(page.locator('[data-testid="unread"]')).toHaveCount(1);
    await expect(page.locator('[data-testid="unread"]')).toContainText("2");
    // The inbox-wide total counts the same two answers.
    await expect(page.locator('[data-testid="inbox-count"]')).toContainText(UNREAD_TOTAL_NL.replace("{count}", "2"));
    await openTipContaining(page, ADULT_CANARY);
    const thread = page.locator('[data-testid="operator-thread"]');
    await expect(thread).toContainText(QUESTION);
    await expect(thread).toContainText(ANSWER_JS);
    await expect(thread).toContainText(ANSWER_NOJS);
    // Triage: the tip moves to "in behandeling", with an internal note sealed to the desk.
    await page.locator("#status-target").selectOption("in_progress");
    await page.locator("button", { hasText: /Status wijzigen/ }).click();
    await expect(page.locator('[data-testid="operator-status"]')).toContainText("In behandeling");
    await page.locator("#new-note").fill(NOTE);
    await page.locator("button", { hasText: /Notitie opslaan/ }).click();
    await expect(page.locator('[data-testid="notes"]')).toContainText(NOTE);
    await expectAccessible(page, "tip triage");
    await page.locator("button", { hasText: /Terug naar de meldingen/ }).click();
    await expect(page.locator('[data-testid="unread"]')).toHaveCount(0);
    await expect(page.locator('[data-testid="inbox-count"]')).toBeVisible();
    await expect(page.locator('[data-testid="inbox-count"]')).not.toContainText(UNREAD_TOTAL_NL.replace("{count}", ""));
  });

  test("the reporter sees the status the operator set, and never the internal note", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${state().origin}/status`);
    await page.locator("#receipt-code").fill(receipts[0]!);
    await page.locator('button[name="intent"][value="check"]').click();
    await expect(page.locator('[data-testid="status-value"]')).toHaveText("In behandeling");
    expect(await page.content()).not.toContain(NOTE);
    await context.close();
  });

  test("the operator takes the tip on, forwards it through the redaction step, and the police key opens exactly the redacted report", async ({ page, context, browser }) => {
    const requests = record(context);
    const police = fs.mkdtempSync(path.join(os.tmpdir(), "tipline-e2e-police-"));
    const policeEnv = { ...process.env, TIPLINE_POLICE_PASSPHRASE: "de politie bewaart deze sleutel goed" };
    const tsx = (...args: string[]) => spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", ...args], { env: policeEnv, encoding: "utf8" });
    const keygen = tsx("scripts/police-keygen.ts", "--out", path.join(police, "police-key.json"));
    expect(keygen.status, keygen.stderr).toBe(0);
    const policePublicKey = /^\s+([A-Za-z0-9_-]{43})$/m.exec(keygen.stdout)![1]!;

    await logIn(page);
    // An admin sets the police key under Team.
    await page.locator('[data-testid="team-toggle"]').click();
    await page.locator("#police-public-key").fill(policePublicKey);
    await page.locator("#police-label").fill("Politie Eenheid Oost, team mensenhandel");
    await page.locator("button", { hasText: /Politiesleutel instellen/ }).click();
    await expect(page.locator('[data-testid="police-key-current"]')).toContainText("team mensenhandel");
    await page.locator('[data-testid="team-toggle"]').click();

    await openTipContaining(page, ADULT_CANARY);
    await page.locator("#tip-assignee").selectOption({ label: OPERATOR.name });
    await expect(page.locator('[data-testid="assign-saved"]')).toBeVisible();
    await page.locator("button", { hasText: /Terug naar de meldingen/ }).click();
    await expect(page.locator('[data-testid="assignee"]', { hasText: OPERATOR.name })).toHaveCount(1);
    await openTipContaining(page, ADULT_CANARY);

    await page.locator('[data-testid="forward-start"]').click();
    const form = page.locator('[data-testid="forward-form"]');
    await expect(form).toBeVisible();
    // The reporter's self-identifying words are marked, and cut with one click each.
    await expect(form.locator('[data-testid="redaction-hints"]').first()).toContainText(/mentor/);
    await expectAccessible(page, "redaction step");
    while ((await form.locator('[data-testid="redaction-hints"] button').count()) > 0) await form.locator('[data-testid="redaction-hints"] button').first().click();
    await form.locator('textarea[data-path="adult.workplace"]').fill("");
    await page.locator("#forward-reference").fill("PL0600-2026-123456");
    const redacted = await form.locator("textarea").evaluateAll((areas) => areas.map((area) => [(area as HTMLTextAreaElement).dataset.path!, (area as HTMLTextAreaElement).value] as const));
    expect(redacted.map(([, value]) => value).join(" ")).not.toMatch(/mentor|Kelderbox/);
    await page.locator("button", { hasText: /Versleutelen en in de outbox zetten/ }).click();
    await expect(page.locator(".callout--ok", { hasText: /Doorgestuurd/ })).toBeVisible({ timeout: 60_000 });
    // Sealed in the browser: no field's text was posted.
    for (const [, value] of redacted) if (value.length > 8) expect(requests.filter((request) => request.body.includes(value))).toEqual([]);

    // The outbox: day, operator, reference; the package downloads, and only the police key opens it.
    await page.locator("button", { hasText: /Terug naar de meldingen/ }).click();
    await page.locator('[data-testid="outbox-toggle"]').click();
    const row = page.locator('[data-testid="outbox-row"]');
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(OPERATOR.name);
    await expect(row.locator("input")).toHaveValue("PL0600-2026-123456");
    const [download] = await Promise.all([page.waitForEvent("download"), row.locator('[data-testid="outbox-download"]').click()]);
    const packagePath = path.join(police, "pakket.tipline-package");
    await download.saveAs(packagePath);
    const opened = tsx("scripts/police-open.ts", packagePath, "--key", path.join(police, "police-key.json"));
    expect(opened.status, opened.stderr).toBe(0);
    const report = JSON.parse(fs.readFileSync(path.join(police, "pakket.json"), "utf8")) as { fields: Record<string, unknown>; document: string };
    const at = (source: unknown, dotted: string) => dotted.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], source);
    for (const [fieldPath, value] of redacted) expect(at(report.fields, fieldPath), fieldPath).toBe(value.trim() === "" ? undefined : value.trim());
    expect(JSON.stringify(report)).not.toMatch(/mentor|Kelderbox/);
    expect(report.document).toContain(ADULT_CANARY);
    fs.rmSync(police, { recursive: true, force: true });

    // The reporter sees that the tip went to the police.
    const reporterContext = await browser.newContext({ javaScriptEnabled: false });
    const reporter = await reporterContext.newPage();
    await reporter.goto(`${state().origin}/status`);
    await reporter.locator("#receipt-code").fill(receipts[0]!);
    await reporter.locator('button[name="intent"][value="check"]').click();
    await expect(reporter.locator('[data-testid="status-value"]')).toHaveText("Doorgestuurd naar de politie");
    await reporterContext.close();
  });
  test("the information pages pass axe and load nothing from elsewhere", async ({ page, context }) => {
    const requests = record(context);
    for (const pagePath of ["/beroepsgeheim", "/privacy", "/status", "/en", "/en/privacy"]) {
      await page.goto(`${state().origin}${pagePath}`);
      await expectAccessible(page, pagePath);
    }
    await page.goto(`${state().origin}/operator`);
    await expectAccessible(page, "operator login");
    expectSameOrigin(requests);
  });

  test("with JavaScript on but WebAssembly off (Tor Browser 'Safer'), the reporter is told, and the server seals the tip", async ({ browser }) => {
    const context = await browser.newContext();
    await context.addInitScript(() => {
      // As Tor Browser "Safer" does: no WebAssembly at all.
      delete (globalThis as { WebAssembly?: unknown }).WebAssembly;
    });
    const requests = record(context);
    const page = await context.newPage();
    await page.goto(`${state().origin}/melden?over=adult`);
    await expect(page.locator('form[data-testid="guided-form"]')).toBeVisible();
    await next(page);
    await next(page);
    await page.locator("#f-seenOrHeard").fill("Zonder WebAssembly gemeld.");
    await next(page);
    await expect(page.locator('[data-testid="server-seal-notice"]')).toBeVisible();
    await page.locator('[data-testid="send"]').click();
    const code = (await page.locator('[data-testid="receipt-code"]').textContent({ timeout: 60_000 }))?.trim() ?? "";
    expect(code).toMatch(RECEIPT);
    // The fallback posted the text to this origin only, over the same connection as a no-JS form would.
    expect(requests.some((request) => request.method === "POST" && request.body.includes("Zonder WebAssembly gemeld."))).toBe(true);
    expectSameOrigin(requests);
    await context.close();
  });

  test("a review page that JavaScript takes over sends through the form action, not the no-JavaScript route", async ({ page, context }) => {
    const requests = record(context);
    const url = `${state().origin}/melden?over=adult`;
    await page.goto(url);
    await expect(page.locator('form[data-testid="guided-form"]')).toBeVisible();
    // A review page reached before the page ran (a click before hydration): its form posted natively.
    const plain = await (await context.request.get(url)).text();
    const hidden = hiddenInputsOfPostForm(plain);
    expect(hidden.some(([name]) => name.startsWith("$ACTION"))).toBe(true);
    await page.evaluate(
      ({ target, fields }) => {
        const form = document.createElement("form");
        Object.assign(form, { method: "POST", action: target, enctype: "multipart/form-data" });
        for (const [name, value] of fields) form.append(Object.assign(document.createElement("input"), { type: "hidden", name, value }));
        document.body.append(form);
        form.submit();
      },
      { target: url, fields: [...hidden, ["intent", "review"], ["subject", "adult"], ["signals", "under-pressure"], ["seenOrHeard", "Nagekeken met JavaScript aan."]] },
    );
    const send = page.locator('[data-testid="send"]');
    await expect(send).toBeVisible();
    // Server-rendered, the button names the route; once React runs, the action takes it back.
    await expect(send).not.toHaveAttribute("formaction");
    await send.click();
    const code = (await page.locator('[data-testid="receipt-code"]').textContent({ timeout: 60_000 }))?.trim() ?? "";
    expect(code).toMatch(RECEIPT);
    expect(new URL(page.url()).pathname).toBe("/melden");
    expect(requests.filter((request) => request.url.includes("/melden/verzenden"))).toEqual([]);
    expectSameOrigin(requests);
  });

  test("an operator records a phone tip in the same guided form, sealed in the operator's browser, and the caller's code works at /status", async ({ page, context, browser }) => {
    const requests = record(context);
    await logIn(page);
    const tipsBefore = await page.locator('[data-testid="inbox-row"]').count();
    await page.locator('[data-testid="phone-intake-toggle"]').click();
    const intake = page.locator('[data-testid="phone-intake"]');
    await expect(intake).toBeVisible();
    // The operator is told to note down nothing that identifies the caller.
    await expect(intake).toContainText(/geen telefoonnummer, geen naam/);
    await expect(intake).toContainText(/neemt het gesprek niet op/);
    await expectAccessible(page, "phone intake");

    await page.locator("#subject-minor").check();
    await next(page);
    await page.locator("#signal-runs-away").check();
    await page.locator("#signal-sudden-money").check();
    await expectAccessible(page, "phone intake signals");
    await next(page);
    await page.locator("#f-minor-residence").fill(`Woongroep aan de rand van de stad ${PHONE_CANARY}`);
    await next(page);
    await page.locator("#f-seenOrHeard").fill(`Wordt 's avonds opgehaald door een oudere man. ${PHONE_CANARY}`);
    await next(page);

    await expect(page.locator('[data-testid="tip-summary"]')).toContainText(PHONE_CANARY);
    // The check speaks about the caller, not to a reporter, and offers no server sealing.
    await expect(intake).toContainText(/Haal alles weg wat naar de beller wijst/);
    await expect(intake).not.toContainText(/wat naar jou wijst/);
    await expect(page.locator('[data-testid="server-seal-notice"]')).toHaveCount(0);
    await expectAccessible(page, "phone intake check");
    expect(requests.filter((request) => request.method === "POST" && request.body.includes(PHONE_CANARY))).toEqual([]);
    await page.locator('[data-testid="send"]').click();

    const code = (await page.locator('[data-testid="receipt-code"]').textContent({ timeout: 60_000 }))?.trim() ?? "";
    expect(code).toMatch(RECEIPT);
    const receipt = page.locator('[data-testid="phone-receipt"]');
    await expect(receipt).toContainText(/vier groepjes van vier/);
    await expect(receipt).toContainText("/status");
    await expectAccessible(page, "phone receipt");
    await expectNothingStored(page);

    const posts = requests.filter((request) => request.method === "POST");
    expect(posts.length).toBeGreaterThan(0);
    for (const post of posts) {
      expect(post.body).not.toContain(PHONE_CANARY);
      expect(post.body).not.toContain("Woongroep aan de rand");
      expect(post.body).not.toContain(code);
      expect(post.body).not.toContain(code.replace(/-/g, ""));
    }
    // Sealed in the operator's browser: a padded blob was posted, not the form's fields.
    expect(posts.some((post) => /[A-Za-z0-9_-]{5000,}/.test(post.body))).toBe(true);
    expectSameOrigin(requests);

    // Back to the inbox: the new tip reads back exactly, marked as a phone tip.
    await page.locator('[data-testid="phone-done"]').click();
    await expect(page.locator('[data-testid="receipt-code"]')).toHaveCount(0);
    // The list is loaded again on the way back; wait for it to hold the new tip.
    await expect(page.locator('[data-testid="inbox-row"]')).toHaveCount(tipsBefore + 1);
    await openTipContaining(page, PHONE_CANARY);
    const summary = page.locator('[data-testid="tip-summary"]');
    await expect(summary).toContainText(`Woongroep aan de rand van de stad ${PHONE_CANARY}`);
    await expect(summary).toContainText(`Wordt 's avonds opgehaald door een oudere man. ${PHONE_CANARY}`);
    await expect(page.locator(".badge", { hasText: /^Telefoon$/ })).toBeVisible();
    await expect(page.locator(".badge", { hasText: /^Website$/ })).toHaveCount(0);

    // The caller checks the status with the code read out to them, without JavaScript.
    const callerContext = await browser.newContext({ javaScriptEnabled: false });
    const caller = await callerContext.newPage();
    await caller.goto(`${state().origin}/status`);
    await caller.locator("#receipt-code").fill(code.toLowerCase().replace(/-/g, " "));
    await caller.locator('button[name="intent"][value="check"]').click();
    await expect(caller.locator('[data-testid="status-value"]')).toHaveText("Ontvangen");
    await callerContext.close();
  });

  test("an unattended desk locks itself: after 30 idle minutes the tab forgets the keys and the tips, and the session ends", async ({ page, context }) => {
    // The page's clock is Playwright's: it runs as usual until the test jumps it forward, and
    // a jump fires each due timer once, as a laptop lid opened after a while would.
    await page.clock.install();
    await logIn(page);
    await openTipContaining(page, ADULT_CANARY);
    const summary = page.locator('[data-testid="tip-summary"]');
    await expect(summary).toContainText(ADULT_CANARY);
    // Someone at the desk keeps it open: 20 minutes, a key pressed, 20 minutes more.
    await page.clock.fastForward("20:00");
    await page.keyboard.press("Shift");
    await page.clock.fastForward("20:00");
    await expect(summary).toContainText(ADULT_CANARY);
    // 31 minutes untouched: the tab logs out by itself.
    await page.clock.fastForward("31:00");
    await expect(page.locator("#login-passphrase")).toBeVisible();
    expect(await page.content()).not.toContain(ADULT_CANARY);
    // And the server's session with it: the cookie is gone.
    await expect.poll(async () => (await context.cookies()).some((cookie) => cookie.name === "tipline_operator")).toBe(false);
  });
});

test.describe("a possible minor, and the footer", () => {
  test("an adult tip marked 'mogelijk minderjarig' also asks the minor's fields, and is sent with one of them", async ({ page, context }) => {
    const requests = record(context);
    await page.goto(`${state().origin}/melden`);
    await expect(page.locator('form[data-testid="guided-form"]')).toBeVisible();
    await expectAccessible(page, "possible minor: subject");
    await page.locator("#subject-adult").check();
    await next(page);

    // Without the signal, the details step asks only the adult's fields.
    await page.locator("#signal-under-pressure").check();
    await next(page);
    await expect(page.locator("#f-adult-workplace")).toBeVisible();
    await expect(page.locator("#f-minor-residence")).toHaveCount(0);
    await page.locator("button", { hasText: /Vorige|Terug/ }).first().click();

    // With "mogelijk minderjarig is", the form says so and the minor's fields follow the adult's.
    await page.locator("#signal-possibly-minor").check();
    await expect(page.locator("p.callout", { hasText: /mogelijk minderjarig/ })).toBeVisible();
    await expectAccessible(page, "possible minor: signals");
    await next(page);
    await expect(page.locator("#f-adult-workplace")).toBeVisible();
    await expect(page.locator("h2", { hasText: "Is een minderjarige slachtoffer?" })).toBeVisible();
    for (const field of ["#f-minor-residence", "#f-minor-age", "#f-minor-phones-0"]) await expect(page.locator(field)).toBeVisible();
    await page.locator("#f-minor-residence").fill(`Logeert bij een vriend ${POSSIBLY_MINOR_CANARY}`);
    await expectAccessible(page, "possible minor: details");
    await next(page);
    await next(page);

    // The check step shows the minor's field as part of the tip.
    await expect(page.locator('[data-testid="tip-summary"]')).toBeVisible();
    await expect(page.locator('[data-field="minor.residence"]')).toHaveText(`Logeert bij een vriend ${POSSIBLY_MINOR_CANARY}`);
    await expectAccessible(page, "possible minor: check");
    await page.locator('[data-testid="send"]').click();
    const code = (await page.locator('[data-testid="receipt-code"]').textContent({ timeout: 60_000 }))?.trim() ?? "";
    expect(code).toMatch(RECEIPT);
    await expectAccessible(page, "possible minor: receipt");
    await expectNothingStored(page);

    const posts = requests.filter((request) => request.method === "POST");
    expect(posts.length).toBeGreaterThan(0);
    for (const post of posts) expect(post.body).not.toContain(POSSIBLY_MINOR_CANARY);
    expect(posts.some((post) => /[A-Za-z0-9_-]{5000,}/.test(post.body))).toBe(true);
    expectSameOrigin(requests);
  });

  test("the footer's privacy link leads from a Dutch page to the Dutch text, and from /en to the English one", async ({ page, context }) => {
    const requests = record(context);
    await page.goto(`${state().origin}/status`);
    await page.locator('footer a[href="/privacy"]').click();
    await expect(page).toHaveURL(`${state().origin}/privacy`);
    await expect(page.locator("html")).toHaveAttribute("lang", "nl");
    await expect(page.locator("main h1")).toHaveText(PRIVACY_TITLE.nl);
    await expect(page.locator("main")).toContainText("Wat we nooit bewaren");
    await expect(page.locator("main")).not.toContainText(PRIVACY_TITLE.en);
    await expect(page.locator("main")).not.toContainText("What we never keep");

    await page.goto(`${state().origin}/en`);
    await page.locator('footer a[href="/en/privacy"]').click();
    await expect(page).toHaveURL(`${state().origin}/en/privacy`);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.locator("main h1")).toHaveText(PRIVACY_TITLE.en);
    await expect(page.locator("main")).toContainText("What we never keep");
    await expect(page.locator("main")).not.toContainText(PRIVACY_TITLE.nl);
    await expect(page.locator("main")).not.toContainText("Wat we nooit bewaren");
    expectSameOrigin(requests);
  });
});
