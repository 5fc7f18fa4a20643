import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import fs from "node:fs";
import { E2E_STATE_FILE } from "./global-setup";

// Runs after journeys.spec.ts on the same server: the first operator and tips exist.
const ADMIN = { name: "Anna de Vries", passphrase: "paarse olifant danst op het dak" };
const COLLEAGUE = { name: "Bram Jansen", passphrase: "groene giraf leest de krant" };
const origin = (): string => (JSON.parse(fs.readFileSync(E2E_STATE_FILE, "utf8")) as { origin: string }).origin;

async function logIn(page: Page, who: { name: string; passphrase: string }) {
  await page.goto(`${origin()}/operator`);
  await page.locator("#login-name").fill(who.name);
  await page.locator("#login-passphrase").fill(who.passphrase);
  await page.locator('button[type="submit"]').click();
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
    await expect(colleague.locator('main [role="alert"]')).toContainText(/Naam of wachtzin klopt niet/);
    await context.close();
  });
});
