// Online passphrase guessing, from an attacker's side: a name's failed logins earn growing
// delays and then a lock for the window that even the right passphrase cannot pass; other
// names are unaffected, the lock ends with the window, and no name is stored in the clear.
// And the lock used as a weapon: a stranger who fails under an operator's name on purpose
// must not keep that operator out of the browser they logged in from before.
import { describe, expect, it } from "vitest";
import { deriveOperatorSecrets, toBase64Url } from "@/lib/crypto";
import { readRows } from "../support/database";
import { SEED_OPERATOR, seedLoginCode } from "../support/seed";
import { SEED_TOTP_SECRET, totpCodeAt } from "../support/totp";
import { seededDataDirForSuite } from "../support/seeded-data-dir";

const folder = seededDataDirForSuite("tipline-login-");

async function authKey(name: string, passphrase: string): Promise<string> {
  const { getLoginSalt } = await import("@/lib/operators/get-login-salt");
  return toBase64Url((await deriveOperatorSecrets(passphrase, await getLoginSalt(name))).authKey);
}

describe("failed logins", () => {
  it("answer the first failures at once, then with doubling delays, then lock the name for the window even for the right passphrase", async () => {
    const { admitLoginAttempt, recordLoginFailure, LOGIN_LIMITS, LoginLockedError } = await import("@/lib/rate-limit/login-attempts");
    const { logInOperator } = await import("@/lib/operators/log-in-operator");
    const now = new Date("2026-12-04T09:00:00Z");
    const delays: number[] = [];
    for (let failure = 0; failure < LOGIN_LIMITS.lockAfter; failure += 1) {
      delays.push((await admitLoginAttempt(SEED_OPERATOR.name, now)).delayMs);
      await recordLoginFailure(SEED_OPERATOR.name, now);
    }
    expect(delays).toEqual([0, 0, 0, 500, 1000, 2000, 4000, 8000]);
    const right = { name: SEED_OPERATOR.name, authKey: await authKey(SEED_OPERATOR.name, SEED_OPERATOR.passphrase) };
    await expect(logInOperator(right, now)).rejects.toBeInstanceOf(LoginLockedError);
    // The same name in other spelling is the same name.
    await expect(logInOperator({ ...right, name: ` ${SEED_OPERATOR.name.toUpperCase()} ` }, now)).rejects.toBeInstanceOf(LoginLockedError);
    // Another name is not held back, and the next window lets the operator in again.
    expect((await admitLoginAttempt("Iemand Anders", now)).delayMs).toBe(0);
    const nextWindow = new Date(now.getTime() + LOGIN_LIMITS.windowMs);
    await seedLoginCode();
    expect((await logInOperator({ ...right, code: await totpCodeAt(SEED_TOTP_SECRET, nextWindow) }, nextWindow)).kind).toBe("logged-in");
  });

  it("counts a wrong passphrase through the real login, and keeps no name in the counters", async () => {
    const { logInOperator } = await import("@/lib/operators/log-in-operator");
    const now = new Date("2026-12-05T09:00:00Z");
    const guess = { name: "Gerrit Gokker", authKey: await authKey("Gerrit Gokker", "raden maar raden") };
    for (let attempt = 0; attempt < 3; attempt += 1) expect(await logInOperator(guess, now)).toEqual({ kind: "failed" });
    const { admitLoginAttempt } = await import("@/lib/rate-limit/login-attempts");
    // Three real failures used up the free ones: the fourth answer would wait.
    expect((await admitLoginAttempt("Gerrit Gokker", now)).delayMs).toBe(500);
    const keys = (await readRows<{ key: string }>(folder.path, `SELECT "key" FROM "RateLimitCounter"`)).map((row) => row.key).join(" ").toLowerCase();
    expect(keys).not.toContain("gerrit");
    expect(keys).not.toContain(SEED_OPERATOR.name.toLowerCase().split(" ")[0]);
  });
});

describe("the lock used against an operator", () => {
  async function rightLogin(at: Date) {
    return { name: SEED_OPERATOR.name, authKey: await authKey(SEED_OPERATOR.name, SEED_OPERATOR.passphrase), code: await totpCodeAt(SEED_TOTP_SECRET, at) };
  }

  /** Logs the seeded operator in at `at` (a fresh window) and returns the device token it was given. */
  async function deviceTokenFromLogin(at: Date): Promise<string> {
    const { logInOperator } = await import("@/lib/operators/log-in-operator");
    await seedLoginCode();
    const outcome = await logInOperator(await rightLogin(at), at);
    if (outcome.kind !== "logged-in") throw new Error(`login failed: ${outcome.kind}`);
    return outcome.deviceToken;
  }

  it("a stranger who locks the name locks out only browsers without the operator's device token", async () => {
    const { logInOperator } = await import("@/lib/operators/log-in-operator");
    const { LOGIN_LIMITS, LoginLockedError } = await import("@/lib/rate-limit/login-attempts");
    const device = await deviceTokenFromLogin(new Date("2026-12-06T08:00:00Z"));
    const now = new Date("2026-12-06T09:00:00Z");
    // The stranger's guesses go through the real login, wrong passphrase each time.
    const guess = { name: SEED_OPERATOR.name, authKey: await authKey(SEED_OPERATOR.name, "ik sluit je buiten"), code: "000000" };
    const answers: string[] = [];
    for (let attempt = 0; attempt < LOGIN_LIMITS.lockAfter + 1; attempt += 1) {
      answers.push(await logInOperator(guess, now).then((outcome) => outcome.kind, (error: unknown) => (error instanceof LoginLockedError ? "locked" : String(error))));
    }
    expect(answers).toEqual([...Array(LOGIN_LIMITS.lockAfter).fill("failed"), "locked"]);
    const right = await rightLogin(now);
    await seedLoginCode();
    // Without a device token (another browser), or with one that is not this operator's:
    // locked, the right passphrase and code notwithstanding.
    await expect(logInOperator(right, now)).rejects.toBeInstanceOf(LoginLockedError);
    await expect(logInOperator(right, now, "garbage")).rejects.toBeInstanceOf(LoginLockedError);
    const { issueDeviceToken } = await import("@/lib/operators/login-device");
    await expect(logInOperator(right, now, issueDeviceToken("another-operator", now))).rejects.toBeInstanceOf(LoginLockedError);
    // The operator's own browser gets in, and is given a new token.
    const outcome = await logInOperator(right, now, device);
    expect(outcome.kind).toBe("logged-in");
    expect(outcome.kind === "logged-in" && outcome.deviceToken).not.toBe(device);
    // The stranger is still locked out.
    await expect(logInOperator(guess, now)).rejects.toBeInstanceOf(LoginLockedError);
  }, 60_000);

  it("a device token lets nobody in and gives a guesser no more than its own lock: failures with it lock that browser", async () => {
    const { logInOperator } = await import("@/lib/operators/log-in-operator");
    const { LOGIN_LIMITS, LoginLockedError } = await import("@/lib/rate-limit/login-attempts");
    const device = await deviceTokenFromLogin(new Date("2026-12-07T08:00:00Z"));
    const now = new Date("2026-12-07T09:00:00Z");
    // The right passphrase with a wrong code, from the trusted browser (a stolen laptop
    // without the authenticator): refused every time, then that browser is locked.
    const wrongCode = { ...(await rightLogin(now)), code: "000000" };
    const answers: string[] = [];
    for (let attempt = 0; attempt < LOGIN_LIMITS.lockAfter + 1; attempt += 1) {
      answers.push(await logInOperator(wrongCode, now, device).then((outcome) => outcome.kind, (error: unknown) => (error instanceof LoginLockedError ? "locked" : String(error))));
    }
    expect(answers).toEqual([...Array(LOGIN_LIMITS.lockAfter).fill("failed"), "locked"]);
    await seedLoginCode();
    await expect(logInOperator(await rightLogin(now), now, device)).rejects.toBeInstanceOf(LoginLockedError);
    // The name itself was not counted: the operator gets in from another browser.
    expect((await logInOperator(await rightLogin(now), now)).kind).toBe("logged-in");
  }, 60_000);

  it("a device token past its lifetime counts as none", async () => {
    const { logInOperator } = await import("@/lib/operators/log-in-operator");
    const { LOGIN_LIMITS, LoginLockedError, recordLoginFailure } = await import("@/lib/rate-limit/login-attempts");
    const { DEVICE_LIFETIME_DAYS } = await import("@/lib/operators/login-device");
    const issued = new Date("2026-08-01T08:00:00Z");
    const device = await deviceTokenFromLogin(issued);
    const now = new Date(issued.getTime() + DEVICE_LIFETIME_DAYS * 24 * 60 * 60 * 1000 + 60 * 60 * 1000);
    for (let failure = 0; failure < LOGIN_LIMITS.lockAfter; failure += 1) await recordLoginFailure(SEED_OPERATOR.name, now);
    await seedLoginCode();
    await expect(logInOperator(await rightLogin(now), now, device)).rejects.toBeInstanceOf(LoginLockedError);
  });
});
