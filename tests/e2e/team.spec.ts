import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import fs from "node:fs";
import { E2E_STATE_FILE } from "./global-setup";
import { logInOperator, totpSecretOf } from "./operator-login";
import { generate } from "otplib";

// Runs after journeys.spec.ts on the same server: the first operator and tips exist.
const ADMIN = { name: "Anna de Vries", passphrase: "paarse olifant danst op het dak" };
const COLLEAGUE = { name: "Bram Jansen", passphrase: "groene giraf leest de krant" };
const ROTATION_CANARY = `rotatie-canary-${Date.now().toString(36)}`;
const origin = (): string => (JSON.parse(fs.readFileSync(E2E_STATE_FILE, "utf8")) as { origin: string }).origin;

async function logIn(page: Page, who: { name: string; passphrase: string }) {
  await logInOperator(page, who);
}

test.describe.serial("a team of operators", () => {
  let inviteLink = "";
  let colleagueFingerprint = "";

  test("an admin invites a colleague, who enrols in their own browser and sees their key's fingerprint", async ({ page, browser }) => {
    await logIn(page, ADMIN);
    await page.locator('[data-testid="team-toggle"]').click();
    await page.locator("button", { hasText: /Collega uitnodigen/ }).click();
    inviteLink = ((await page.locator('[data-testid="invite-link"]').textContent()) ?? "").trim().replace("localhost", "127.0.0.1");
    expect(inviteLink).toMatch(/\/operator\/invite#[A-Za-z0-9_-]{43}$/);
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical").map((violation) => violation.id)).toEqual([]);

    const context = await browser.newContext();
    const colleague = await context.newPage();
    const posted: string[] = [];
    context.on("request", (request) => posted.push(request.postData() ?? ""));
    await colleague.goto(inviteLink);
    await colleague.locator("#setup-name").fill(COLLEAGUE.name);
    await colleague.locator("#setup-passphrase").fill(COLLEAGUE.passphrase);
    await colleague.locator("#setup-passphrase-repeat").fill(COLLEAGUE.passphrase);
    await colleague.locator('button[type="submit"]').click();
    colleagueFingerprint = ((await colleague.locator('[data-testid="own-fingerprint"]').textContent({ timeout: 60_000 })) ?? "").trim();
    expect(colleagueFingerprint).toMatch(/^[0-9A-Z]{4}( [0-9A-Z]{4}){3}$/);
    expect(posted.filter((body) => body.includes(COLLEAGUE.passphrase))).toEqual([]);
    // Before a grant the colleague can log in but reads nothing.
    await logIn(colleague, COLLEAGUE);
    await expect(colleague.locator('[data-testid="no-access"]')).toBeVisible({ timeout: 60_000 });
    await context.close();
  });

  test("the admin compares the fingerprint and gives access; the colleague then reads the tips", async ({ page, browser }) => {
    await logIn(page, ADMIN);
    await page.locator('[data-testid="team-toggle"]').click();
    const row = page.locator('[data-testid="team-row"]', { hasText: COLLEAGUE.name });
    await expect(row.locator('[data-testid="member-fingerprint"]')).toHaveText(colleagueFingerprint);
    await row.locator("button", { hasText: /Toegang geven/ }).click();
    await expect(row).toContainText("Heeft toegang");

    const context = await browser.newContext();
    const colleague = await context.newPage();
    await logIn(colleague, COLLEAGUE);
    await expect(colleague.locator('[data-testid="inbox-row"]').first()).toBeVisible({ timeout: 60_000 });
    await colleague.locator('[data-testid="inbox-row"]').first().locator("button").click();
    await expect(colleague.locator('[data-testid="tip-summary"]')).toBeVisible();
    await context.close();
  });

  test("the admin rotates the desk key; the colleague, granted only the new key, reads the old tips and one filed after the rotation", async ({ page, browser }) => {
    await logIn(page, ADMIN);
    await expect(page.locator('[data-testid="inbox-row"]').first()).toBeVisible({ timeout: 60_000 });
    const before = await page.locator('[data-testid="inbox-row"]').count();
    await page.locator('[data-testid="team-toggle"]').click();
    page.once("dialog", (dialog) => void dialog.accept());
    await page.locator('[data-testid="rotate-desk-key"]').click();
    await expect(page.locator('[role="status"]', { hasText: /vervangen/ })).toBeVisible({ timeout: 60_000 });

    // A tip filed now, without JavaScript: sealed by the server to the new desk key.
    const reporterContext = await browser.newContext({ javaScriptEnabled: false });
    const reporter = await reporterContext.newPage();
    await reporter.goto(`${origin()}/melden?over=adult`);
    await reporter.locator("#f-seenOrHeard").fill(`Na de sleutelwissel gemeld. ${ROTATION_CANARY}`);
    await reporter.locator('button[name="intent"][value="review"]').click();
    await reporter.locator('[data-testid="send"]').click();
    await expect(reporter.locator('[data-testid="receipt-code"]')).toBeVisible();
    await reporterContext.close();

    // The colleague, with a grant of the new key only, reads every tip: old ones through the chain.
    const context = await browser.newContext();
    const colleague = await context.newPage();
    await logIn(colleague, COLLEAGUE);
    await expect(colleague.locator('[data-testid="inbox-row"]')).toHaveCount(before + 1, { timeout: 60_000 });
    await expect(colleague.locator('[data-testid="inbox-row"]', { hasText: /Kan niet worden geopend/ })).toHaveCount(0);
    await colleague.locator("#inbox-filter-query").fill(ROTATION_CANARY);
    await expect(colleague.locator('[data-testid="inbox-row"]')).toHaveCount(1);
    await context.close();
  });

  test("a deactivated colleague is logged out at once and cannot log in again", async ({ page, browser }) => {
    const context = await browser.newContext();
    const colleague = await context.newPage();
    await logIn(colleague, COLLEAGUE);
    await expect(colleague.locator('[data-testid="inbox-row"]').first()).toBeVisible({ timeout: 60_000 });

    await logIn(page, ADMIN);
    await page.locator('[data-testid="team-toggle"]').click();
    const row = page.locator('[data-testid="team-row"]', { hasText: COLLEAGUE.name });
    await row.locator("button", { hasText: /Deactiveren/ }).click();
    await expect(row).toContainText("Gedeactiveerd");

    // The open tab's next request finds no session.
    await colleague.locator('[data-testid="inbox-row"]').first().locator("button").click();
    await expect(colleague.locator('main [role="alert"]').first()).toBeVisible();
    await logIn(colleague, COLLEAGUE);
    await expect(colleague.locator('main [role="alert"]')).toContainText(/Naam, wachtzin of code klopt niet/);
    await context.close();
  });

  // Last: it locks the admin's name for the rest of the 15-minute window.
  test("the right passphrase with wrong codes locks the name, after which even the right code is refused", async ({ page }) => {
    await page.goto(`${origin()}/operator`);
    await page.locator("#login-name").fill(ADMIN.name);
    await page.locator("#login-passphrase").fill(ADMIN.passphrase);
    const secret = totpSecretOf(ADMIN.name)!;
    const step = Math.floor(Date.now() / 30_000);
    const valid = new Set(await Promise.all([-1, 0, 1, 2].map((offset) => generate({ secret, epoch: (step + offset) * 30 + 1 }))));
    let guess = 314_159;
    let locked = false;
    for (let attempt = 0; attempt < 12 && !locked; attempt += 1) {
      do guess = (guess + 7919) % 1_000_000;
      while (valid.has(String(guess).padStart(6, "0")));
      await page.locator("#login-code").fill(String(guess).padStart(6, "0"));
      await page.locator('button[type="submit"]').click();
      const alert = page.locator('main [role="alert"]');
      await expect(alert).toBeVisible({ timeout: 60_000 });
      locked = /Te veel mislukte pogingen/.test((await alert.textContent()) ?? "");
      await expect(page.locator('button[type="submit"]')).toBeEnabled({ timeout: 60_000 });
    }
    expect(locked).toBe(true);
    // Locked: the right passphrase and a right code are refused alike, and no session starts.
    await page.locator("#login-code").fill(await generate({ secret, epoch: Math.floor(Date.now() / 1000) }));
    await page.locator('button[type="submit"]').click();
    await expect(page.locator('main [role="alert"]')).toContainText(/Te veel mislukte pogingen/, { timeout: 60_000 });
    await expect(page.locator('[data-testid="inbox-row"]')).toHaveCount(0);
    expect((await page.context().cookies()).filter((cookie) => cookie.name === "tipline_operator")).toEqual([]);
  });
});
