// Prepares a fresh data folder the way first-run setup would, without a browser: the
// database migrated, and a first operator with the desk key, all made through the same
// lib/ functions and crypto facade the setup page's browser and server use.
import path from "node:path";
import { createDeskKeyPair, createOperatorKeys, sealServerSecret, toBase64Url, utf8ToBytes, wrapDeskKey, type TKeyPair } from "@/lib/crypto";
import { countRows, testDatabaseUrl } from "./database";
import { SEED_TOTP_SECRET, totpCode } from "./totp";

export const SEED_OPERATOR = { name: "Test Operator", passphrase: "correct horse battery staple" };

/**
 * Migrates the database and makes the first operator through lib/. The database is the one
 * under test (tests/support/database.ts) unless `databaseUrl` names another.
 */
export async function seedFirstOperator(
  dataDir: string,
  secrets: Record<string, string>,
  databaseUrl = testDatabaseUrl(),
): Promise<{ desk: TKeyPair; operator: TKeyPair }> {
  Object.assign(process.env, secrets, { TIPLINE_DATA_DIR: dataDir, DATABASE_URL: databaseUrl });
  if (databaseUrl.startsWith("postgres")) {
    const { migratePostgres } = await import("@/lib/db/migrate-postgres");
    await migratePostgres(databaseUrl);
  } else {
    const { migrateSqlite } = await import("@/lib/db/migrate-sqlite");
    migrateSqlite(path.join(dataDir, "tipline.db"));
  }
  const { issueSetupLink } = await import("@/lib/setup/issue-setup-link");
  const link = await issueSetupLink("http://127.0.0.1");
  const token = link?.split("#")[1];
  if (!token) throw new Error("no setup link was issued");
  const operator = await createOperatorKeys(SEED_OPERATOR.passphrase);
  const desk = await createDeskKeyPair();
  const { completeFirstRunSetup } = await import("@/lib/operators/complete-first-run-setup");
  const done = await completeFirstRunSetup({
    token,
    name: SEED_OPERATOR.name,
    kdfSalt: toBase64Url(operator.salt),
    authKey: toBase64Url(operator.authKey),
    publicKey: toBase64Url(operator.publicKey),
    wrappedPrivateKey: toBase64Url(operator.wrappedPrivateKey),
    deskPublicKey: toBase64Url(desk.publicKey),
    grant: toBase64Url(await wrapDeskKey(operator.publicKey, desk.privateKey)),
  });
  if (!done) throw new Error("first-run setup was refused");
  // The seed operator's second factor, enrolled as a first login would (step 0: any current
  // code is accepted once).
  const { getServerKey } = await import("@/lib/server-keys");
  const { enrolSecondFactor } = await import("@/lib/db/second-factor");
  const { findOperatorCredentials } = await import("@/lib/db/operators");
  const seeded = await findOperatorCredentials(SEED_OPERATOR.name);
  const enrolled = await enrolSecondFactor({
    operatorId: seeded!.id,
    totpSecretSealed: await sealServerSecret(getServerKey("totp-secret"), utf8ToBytes(SEED_TOTP_SECRET)),
    step: 0,
    recoveryCodeHashes: [],
  });
  if (!enrolled) throw new Error("second-factor enrolment was refused");
  if (!databaseUrl) {
    const { getDb } = await import("@/lib/db/client");
    await (await getDb()).$disconnect();
  }
  return { desk, operator: { publicKey: operator.publicKey, privateKey: operator.privateKey } };
}

/** How many tips the database under test holds, read directly, past lib/. */
export function countStoredTips(dataDir: string): Promise<number> {
  return countRows(dataDir, "Tip");
}

/**
 * A TOTP code the seed operator's next login accepts. In-process suites log in many times
 * a minute, more often than 30-second steps allow (a step's code is accepted once), so the
 * replay guard is cleared first, in the database this process uses; the guard itself is
 * tested on its own (tests/integration/second-factor.test.ts).
 */
export async function seedLoginCode(name: string = SEED_OPERATOR.name): Promise<string> {
  const { getDb } = await import("@/lib/db/client");
  await (await getDb()).operator.updateMany({ where: { name }, data: { totpLastStep: null } });
  return totpCode(SEED_TOTP_SECRET);
}
