// The second factor from an attacker's side. Someone who has an operator's passphrase
// (shoulder-surfed, phished, reused elsewhere) still cannot log in: not without the code,
// not with a guessed or replayed code, not by enrolling an authenticator of their own, not
// by guessing codes faster than the login lock allows. A database dump holds neither the
// TOTP secret nor a usable recovery code.
import { beforeAll, describe, expect, it } from "vitest";
import { deriveOperatorSecrets, toBase64Url } from "@/lib/crypto";
import { seizedBytes } from "../support/database";
import { SEED_OPERATOR } from "../support/seed";
import { SEED_TOTP_SECRET, totpCodeAt } from "../support/totp";
import { seededDataDirForSuite } from "../support/seeded-data-dir";

const folder = seededDataDirForSuite("tipline-2fa-");
let rightAuthKey: string;
const ATTACKER_SECRET = "MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U";

beforeAll(async () => {
  const { getLoginSalt } = await import("@/lib/operators/get-login-salt");
  rightAuthKey = toBase64Url((await deriveOperatorSecrets(SEED_OPERATOR.passphrase, await getLoginSalt(SEED_OPERATOR.name))).authKey);
});


// Each test uses a moment of its own (a login window of its own for the lock counters).
const at = (iso: string) => new Date(iso);

describe("the second factor", () => {
  it("refuses the right passphrase without a code, with a wrong code and with a code for another secret, all alike", async () => {
    const { logInOperator } = await import("@/lib/operators/log-in-operator");
    const now = at("2027-01-04T10:00:10Z");
    const right = { name: SEED_OPERATOR.name, authKey: rightAuthKey };
    expect(await logInOperator(right, now)).toEqual({ kind: "failed" });
    expect(await logInOperator({ ...right, code: "123456" }, now)).toEqual({ kind: "failed" });
    expect(await logInOperator({ ...right, code: await totpCodeAt(ATTACKER_SECRET, now) }, now)).toEqual({ kind: "failed" });
    // A code from an hour ago, or for an hour ahead, is no code now.
    expect(await logInOperator({ ...right, code: await totpCodeAt(SEED_TOTP_SECRET, new Date(now.getTime() - 3_600_000)) }, now)).toEqual({ kind: "failed" });
    expect((await logInOperator({ ...right, code: await totpCodeAt(SEED_TOTP_SECRET, now) }, now)).kind).toBe("logged-in");
  });

  it("accepts a code once: the same code again, or an older one, is refused even from another instance", async () => {
    const { logInOperator } = await import("@/lib/operators/log-in-operator");
    const now = at("2027-01-04T11:00:10Z");
    const login = { name: SEED_OPERATOR.name, authKey: rightAuthKey, code: await totpCodeAt(SEED_TOTP_SECRET, now) };
    // Two logins with one code at the same moment (two instances): exactly one gets in.
    const both = await Promise.all([logInOperator(login, now), logInOperator(login, now)]);
    expect(both.map((outcome) => outcome.kind).sort()).toEqual(["failed", "logged-in"]);
    expect(await logInOperator(login, new Date(now.getTime() + 5_000))).toEqual({ kind: "failed" });
    // The previous step's code is within the clock tolerance, but older than the one used.
    const older = { ...login, code: await totpCodeAt(SEED_TOTP_SECRET, new Date(now.getTime() - 30_000)) };
    expect(await logInOperator(older, now)).toEqual({ kind: "failed" });
    // The next step's code works once its time has come.
    const later = new Date(now.getTime() + 30_000);
    expect((await logInOperator({ ...login, code: await totpCodeAt(SEED_TOTP_SECRET, later) }, later)).kind).toBe("logged-in");
  });

  it("locks the name after repeated wrong codes, so that six digits cannot be guessed online, even with the right passphrase", async () => {
    const { logInOperator } = await import("@/lib/operators/log-in-operator");
    const { LOGIN_LIMITS, LoginLockedError } = await import("@/lib/rate-limit/login-attempts");
    const now = at("2027-01-04T12:00:10Z");
    const right = { name: SEED_OPERATOR.name, authKey: rightAuthKey };
    const rightCode = await totpCodeAt(SEED_TOTP_SECRET, now);
    let guess = 100_000;
    for (let attempt = 0; attempt < LOGIN_LIMITS.lockAfter; attempt += 1) {
      guess += 1;
      const code = String(guess) === rightCode ? String((guess += 1)) : String(guess);
      expect(await logInOperator({ ...right, code }, now)).toEqual({ kind: "failed" });
    }
    await expect(logInOperator({ ...right, code: rightCode }, now)).rejects.toBeInstanceOf(LoginLockedError);
  }, 120_000);

  it("cannot be replaced by enrolling another authenticator: an enrolled operator's enrolment request is a failed login", async () => {
    const { logInOperator } = await import("@/lib/operators/log-in-operator");
    const now = at("2027-01-04T13:00:10Z");
    const attempt = await logInOperator({ name: SEED_OPERATOR.name, authKey: rightAuthKey, enrolment: { secret: ATTACKER_SECRET, code: await totpCodeAt(ATTACKER_SECRET, now) } }, now);
    expect(attempt).toEqual({ kind: "failed" });
    // The real factor still works, the attacker's does not.
    expect(await logInOperator({ name: SEED_OPERATOR.name, authKey: rightAuthKey, code: await totpCodeAt(ATTACKER_SECRET, now) }, now)).toEqual({ kind: "failed" });
    expect((await logInOperator({ name: SEED_OPERATOR.name, authKey: rightAuthKey, code: await totpCodeAt(SEED_TOTP_SECRET, now) }, now)).kind).toBe("logged-in");
  });

  it("enrols a new operator only with the right passphrase and a code for the secret, stores the secret sealed, and gives recovery codes that work once each", async () => {
    const { logInOperator } = await import("@/lib/operators/log-in-operator");
    const { resetSecondFactor } = await import("@/lib/db/second-factor");
    const { findOperatorCredentials } = await import("@/lib/db/operators");
    const operatorId = (await findOperatorCredentials(SEED_OPERATOR.name))!.id;
    expect(await resetSecondFactor(operatorId)).toBe(true);
    const now = at("2027-01-04T14:00:10Z");
    const secret = "ONSWG4TFORZWK5DPNRSXGZLDN5XGK3TF";
    // A wrong passphrase learns nothing, not even that enrolment is pending.
    const { getLoginSalt } = await import("@/lib/operators/get-login-salt");
    const wrongKey = toBase64Url((await deriveOperatorSecrets("niet de goede wachtzin", await getLoginSalt(SEED_OPERATOR.name))).authKey);
    expect(await logInOperator({ name: SEED_OPERATOR.name, authKey: wrongKey }, now)).toEqual({ kind: "failed" });
    expect(await logInOperator({ name: SEED_OPERATOR.name, authKey: wrongKey, enrolment: { secret, code: await totpCodeAt(secret, now) } }, now)).toEqual({ kind: "failed" });
    expect(await logInOperator({ name: SEED_OPERATOR.name, authKey: rightAuthKey }, now)).toEqual({ kind: "enrolment-required" });
    // A code that does not belong to the secret enrols nothing.
    expect(await logInOperator({ name: SEED_OPERATOR.name, authKey: rightAuthKey, enrolment: { secret, code: await totpCodeAt(ATTACKER_SECRET, now) } }, now)).toEqual({ kind: "failed" });
    expect((await findOperatorCredentials(SEED_OPERATOR.name))!.totpSecretSealed).toBeNull();

    const enrolled = await logInOperator({ name: SEED_OPERATOR.name, authKey: rightAuthKey, enrolment: { secret, code: await totpCodeAt(secret, now) } }, now);
    if (enrolled.kind !== "enrolled") throw new Error(`expected an enrolment, got ${enrolled.kind}`);
    expect(enrolled.recoveryCodes).toHaveLength(10);
    expect(new Set(enrolled.recoveryCodes).size).toBe(10);
    for (const code of enrolled.recoveryCodes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);

    // Neither the secret nor any recovery code is in the database, in any spelling.
    const file = await seizedBytes(folder.path);
    for (const needle of [secret, secret.toLowerCase(), ...enrolled.recoveryCodes, ...enrolled.recoveryCodes.map((code) => code.replace(/-/g, ""))]) {
      expect(file.includes(Buffer.from(needle, "utf8")), needle).toBe(false);
    }

    // A recovery code stands in for the authenticator once, typed loosely; then never again.
    const later = at("2027-01-04T14:10:10Z");
    const recovery = enrolled.recoveryCodes[3]!;
    const loose = ` ${recovery.toLowerCase().replace(/-/g, " ")} `;
    const used = await logInOperator({ name: SEED_OPERATOR.name, authKey: rightAuthKey, code: loose }, later);
    expect(used).toMatchObject({ kind: "logged-in", usedRecoveryCode: true });
    expect(await logInOperator({ name: SEED_OPERATOR.name, authKey: rightAuthKey, code: recovery }, later)).toEqual({ kind: "failed" });
    // And it is the operator's factor now: the new secret's code works, the seed's does not.
    expect(await logInOperator({ name: SEED_OPERATOR.name, authKey: rightAuthKey, code: await totpCodeAt(SEED_TOTP_SECRET, later) }, later)).toEqual({ kind: "failed" });
    expect((await logInOperator({ name: SEED_OPERATOR.name, authKey: rightAuthKey, code: await totpCodeAt(secret, later) }, later)).kind).toBe("logged-in");
  });
});
