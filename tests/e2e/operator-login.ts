// Logging operators in from the browser journeys, second factor included. The first login
// of an operator enrols an authenticator: the test reads the secret the page shows (as a
// person would type it into their app) and keeps it in a file beside the e2e state, for
// later logins across spec files. A code is accepted once per 30-second step, so a login
// uses a step no earlier login used, waiting for the next step when both the current and
// the next one are spent.
import { expect, type Page } from "@playwright/test";
import fs from "node:fs";
import { generate } from "otplib";
import { E2E_STATE_FILE } from "./global-setup";

export const E2E_TOTP_FILE = `${E2E_STATE_FILE}.totp.json`;
type TTotpState = Record<string, { secret: string; lastStep: number }>;

const origin = (): string => (JSON.parse(fs.readFileSync(E2E_STATE_FILE, "utf8")) as { origin: string }).origin;
const readTotp = (): TTotpState => (fs.existsSync(E2E_TOTP_FILE) ? (JSON.parse(fs.readFileSync(E2E_TOTP_FILE, "utf8")) as TTotpState) : {});
function writeTotp(name: string, entry: { secret: string; lastStep: number }) {
  fs.writeFileSync(E2E_TOTP_FILE, JSON.stringify({ ...readTotp(), [name]: entry }), { mode: 0o600 });
}

/** The TOTP secret enrolled for `name` in this run, if any. */
export function totpSecretOf(name: string): string | undefined {
  return readTotp()[name]?.secret;
}

/** A code for `name` of a step not used before (the current or next one), waiting when both are spent. */
export async function freshCode(name: string): Promise<string> {
  const entry = readTotp()[name];
  if (!entry) throw new Error(`${name} has no enrolled second factor in this run`);
  for (;;) {
    const now = Math.floor(Date.now() / 30_000);
    const step = [now, now + 1].find((candidate) => candidate > entry.lastStep);
    // Not too close to the end of the next step: the server's clock may be a moment ahead.
    if (step !== undefined) {
      writeTotp(name, { ...entry, lastStep: step });
      return generate({ secret: entry.secret, epoch: step * 30 + 1 });
    }
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
}

/** Fills in the login form; submits with a fresh code, or enrols a second factor at the first login. */
export async function logInOperator(page: Page, who: { name: string; passphrase: string }, options: { goto?: boolean } = {}) {
  if (options.goto !== false) await page.goto(`${origin()}/operator`);
  await page.locator("#login-name").fill(who.name);
  await page.locator("#login-passphrase").fill(who.passphrase);
  const known = readTotp()[who.name];
  await page.locator("#login-code").fill(known ? await freshCode(who.name) : "");
  await page.locator('button[type="submit"]').click();
  if (known) return;
  await enrolSecondFactor(page, who.name);
}

/** The enrolment screen after a first login: scan (read) the secret, confirm with its code, keep the recovery codes. */
export async function enrolSecondFactor(page: Page, name: string): Promise<string[]> {
  const shown = page.locator('[data-testid="totp-secret"]');
  await expect(shown).toBeVisible({ timeout: 60_000 });
  const secret = ((await shown.textContent()) ?? "").replace(/\s/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  const step = Math.floor(Date.now() / 30_000);
  await page.locator("#enrol-code").fill(await generate({ secret, epoch: step * 30 + 1 }));
  writeTotp(name, { secret, lastStep: step });
  await page.locator('button[type="submit"]').click();
  const list = page.locator('[data-testid="recovery-codes"] li');
  await expect(list).toHaveCount(10, { timeout: 60_000 });
  const codes = (await list.allTextContents()).map((code) => code.trim());
  await page.locator("button", { hasText: /Ik heb ze bewaard/ }).click();
  return codes;
}
