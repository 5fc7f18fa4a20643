// Online passphrase guessing, from an attacker's side: a name's failed logins earn growing
// delays and then a lock for the window that even the right passphrase cannot pass; other
// names are unaffected, the lock ends with the window, and no name is stored in the clear.
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
