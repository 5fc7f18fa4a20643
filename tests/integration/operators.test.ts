// Operator accounts against the database under test (SQLite; PostgreSQL too when
// TEST_DATABASE_URL is set), from an attacker's side: setup happens once, names cannot be
// enumerated through the login salt, and a wrong passphrase, an unknown name or a forged
// session all get nothing.
import { describe, expect, it } from "vitest";
import { createDeskKeyPair, createOperatorKeys, deriveOperatorSecrets, generateToken, toBase64Url, wrapDeskKey } from "@/lib/crypto";
import { countRows, writeRow } from "../support/database";
import { seedLoginCode, SEED_OPERATOR } from "../support/seed";
import { seededDataDirForSuite } from "../support/seeded-data-dir";

const folder = seededDataDirForSuite("tipline-operators-");

async function authKeyFor(name: string, passphrase: string) {
  const { getLoginSalt } = await import("@/lib/operators/get-login-salt");
  const secrets = await deriveOperatorSecrets(passphrase, await getLoginSalt(name));
  return toBase64Url(secrets.authKey);
}

describe("operator accounts", () => {
  it("closes first-run setup once an operator exists: no new link, and an old token cannot create a second admin", async () => {
    const { issueSetupLink } = await import("@/lib/setup/issue-setup-link");
    expect(await issueSetupLink("http://127.0.0.1")).toBeNull();
    const { completeFirstRunSetup } = await import("@/lib/operators/complete-first-run-setup");
    const keys = await createOperatorKeys("another long passphrase here");
    const desk = await createDeskKeyPair();
    const attempt = {
      token: generateToken(32),
      name: "Intruder",
      kdfSalt: toBase64Url(keys.salt),
      authKey: toBase64Url(keys.authKey),
      publicKey: toBase64Url(keys.publicKey),
      wrappedPrivateKey: toBase64Url(keys.wrappedPrivateKey),
      deskPublicKey: toBase64Url(desk.publicKey),
      grant: toBase64Url(await wrapDeskKey(keys.publicKey, desk.privateKey)),
    };
    expect(await completeFirstRunSetup(attempt)).toBe(false);
    const { countActiveOperators } = await import("@/lib/db/operators");
    expect(await countActiveOperators()).toBe(1);
  });

  it("gives an unknown name a stable salt of the same shape as a real one, so names cannot be enumerated", async () => {
    const { getLoginSalt } = await import("@/lib/operators/get-login-salt");
    const real = await getLoginSalt(SEED_OPERATOR.name);
    const fake = await getLoginSalt("Niet Bestaand");
    expect(fake).toHaveLength(real.length);
    expect(await getLoginSalt("Niet Bestaand")).toEqual(fake);
    expect(fake).not.toEqual(real);
    expect(await getLoginSalt("Iemand Anders")).not.toEqual(fake);
  });

  it("logs in with the right passphrase only, and a session token is worth something only while its session lives", async () => {
    const { logInOperator } = await import("@/lib/operators/log-in-operator");
    const { getOperatorSession, endOperatorSession } = await import("@/lib/operators/get-operator-session");
    const failed = { kind: "failed" };
    expect(await logInOperator({ name: SEED_OPERATOR.name, authKey: await authKeyFor(SEED_OPERATOR.name, "wrong passphrase entirely"), code: await seedLoginCode() })).toEqual(failed);
    expect(await logInOperator({ name: "Niet Bestaand", authKey: await authKeyFor("Niet Bestaand", SEED_OPERATOR.passphrase), code: await seedLoginCode() })).toEqual(failed);
    // The right passphrase without the second factor, or with a wrong code, is no login either.
    expect(await logInOperator({ name: SEED_OPERATOR.name, authKey: await authKeyFor(SEED_OPERATOR.name, SEED_OPERATOR.passphrase) })).toEqual(failed);
    expect(await logInOperator({ name: SEED_OPERATOR.name, authKey: await authKeyFor(SEED_OPERATOR.name, SEED_OPERATOR.passphrase), code: "000000" })).toEqual(failed);
    const outcome = await logInOperator({ name: SEED_OPERATOR.name, authKey: await authKeyFor(SEED_OPERATOR.name, SEED_OPERATOR.passphrase), code: await seedLoginCode() });
    expect(outcome.kind).toBe("logged-in");
    const login = outcome.kind === "logged-in" ? outcome : null;
    expect(login!.keys.grants).toHaveLength(1);
    expect(await getOperatorSession(login!.sessionToken)).toMatchObject({ role: "admin" });
    expect(await getOperatorSession(generateToken(32))).toBeNull();
    expect(await getOperatorSession("../../etc/passwd")).toBeNull();
    expect(await getOperatorSession(undefined)).toBeNull();
    await endOperatorSession(login!.sessionToken);
    expect(await getOperatorSession(login!.sessionToken)).toBeNull();
  });

  it("ends a session left idle for more than 30 minutes, and keeps one in use", async () => {
    const { logInOperator } = await import("@/lib/operators/log-in-operator");
    const { getOperatorSession, SESSION_IDLE_MS } = await import("@/lib/operators/get-operator-session");
    const { hashBearerToken } = await import("@/lib/server-keys");
    const outcome = await logInOperator({ name: SEED_OPERATOR.name, authKey: await authKeyFor(SEED_OPERATOR.name, SEED_OPERATOR.passphrase), code: await seedLoginCode() });
    if (outcome.kind !== "logged-in") throw new Error(`login failed: ${outcome.kind}`);
    const login = outcome;
    const tokenHash = hashBearerToken(login.sessionToken, "operator-session");
    const setLastSeen = (msAgo: number) => writeRow(folder.path, `UPDATE "OperatorSession" SET "lastSeenAt" = ? WHERE "tokenHash" = ?`, [new Date(Date.now() - msAgo), tokenHash]);
    expect(await setLastSeen(SESSION_IDLE_MS - 60_000)).toBe(1);
    expect(await getOperatorSession(login.sessionToken)).not.toBeNull();
    expect(await setLastSeen(SESSION_IDLE_MS + 60_000)).toBe(1);
    expect(await getOperatorSession(login.sessionToken)).toBeNull();
    expect(await countRows(folder.path, "OperatorSession", `"tokenHash" = ?`, [tokenHash])).toBe(0);
  });
});
