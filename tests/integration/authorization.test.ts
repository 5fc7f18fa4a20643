// The authorization matrix, from an attacker's side, against the database under test
// (SQLite; PostgreSQL too when TEST_DATABASE_URL is set). Every operator server action is
// enumerated from the module's exports at run time and must be classified in
// OPERATOR_ACTIONS below: a new action fails the suite until it is, and then gets the
// whole matrix. Every action that needs a session is called as an anonymous
// caller, with a forged cookie, with a database dump's session hash, as a deactivated
// operator and with an expired session: each gets `errors.notLoggedIn` and nothing else,
// and no row of any table changes (not even the audit log: refused calls are not
// recorded). The session-free actions, the operator routes and the public actions are
// enumerated the same way. Server actions run in-process with a cookie jar in place of
// the request's (as in audit.test.ts).
//
// Roles: only the first admin exists and no action consults `role` yet; when a role-bound
// action arrives, OPERATOR_ACTIONS gets a third kind of access and this matrix a
// "logged in without the right role" scenario.
import { createHash, createHmac, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type * as OperatorActions from "@/app/(operator)/operator/actions";
import type * as MeldenActions from "@/app/(public)/_actions/melden";
import type * as StatusActions from "@/app/(public)/_actions/status";
import { deriveReporterKeys, generateReceiptCode, sealMessage, sealTip, toBase64Url, type TKeyPair } from "@/lib/crypto";
import { listTables, readRawRows, readRows, writeRow } from "../support/database";
import { seedFirstOperator, seedLoginCode, SEED_OPERATOR } from "../support/seed";
import { totpCode } from "../support/totp";
import { testSecrets } from "../support/server";

const { cookieJar, addresses } = vi.hoisted(() => ({ cookieJar: new Map<string, string>(), addresses: { next: 0 } }));
// The public status actions read the address for their limiter: each call comes from a /24
// of its own, so that the limiter's growing delays stay out of these tests.
vi.mock("next/headers", async () =>
  (await import("../support/next-headers")).nextHeadersWithCookieJar(cookieJar, () => {
    const n = addresses.next++;
    return new Headers({ "x-forwarded-for": `10.${Math.floor(n / 256) % 256}.${n % 256}.7` });
  }),
);

const SESSION_COOKIE = "tipline_operator";
const NOT_LOGGED_IN = { ok: false, error: "errors.notLoggedIn" } as const;

type TFixture = {
  operatorId: string;
  realSalt: Uint8Array;
  /** The seed operator's real auth key, base64url. */
  authKey: string;
  desk: TKeyPair;
  /** A tip with a desk question, an unread reporter answer and a note: data to leak. */
  tipId: string;
  receiptCode: string;
  lookupToken: string;
  reporterPublicKey: Uint8Array;
  note: string;
  questionForReporter: string;
  questionForDesk: string;
  /** An invited operator (role "operator") without a grant yet, and what granting needs. */
  pendingOperatorId: string;
  pendingAuthKey: string;
  deskKeyId: string;
  grantForPending: string;
  /** Secret of the pending operator's second factor, enrolled in the non-admin scenario. */
  pendingTotpSecret: string;
  /** A third operator, active, whose second factor an admin may reset. */
  thirdOperatorId: string;
  /** A valid rotation while the seed operator is the desk key's only holder. */
  rotation: { previousDeskKeyId: string; publicKey: string; sealedPrevious: string; grants: { operatorId: string; sealed: string }[] };
  policeKeyId: string;
  /** A package sealed to that police key, and one already in the outbox (for another tip). */
  policePackage: string;
  packageId: string;
  newPoliceKey: string;
};

const PENDING_OPERATOR = { name: "Nieuwe Collega", passphrase: "een tweede lange wachtzin" };
const NOT_ALLOWED = { ok: false, error: "errors.notAllowed" } as const;

const secrets = testSecrets();
let dataDir: string;
let fx: TFixture;

const randomKey = (bytes = 32) => toBase64Url(randomBytes(bytes));
/** What a session or setup token looks like: 32 random bytes, 43 base64url characters. */
const randomToken = () => randomKey(32);

/** A first-run setup request of the right shape in every field. */
function setupInput(token: string) {
  return {
    token,
    name: "Aanvaller",
    kdfSalt: randomKey(16),
    authKey: randomKey(32),
    publicKey: randomKey(32),
    wrappedPrivateKey: randomKey(72),
    deskPublicKey: randomKey(32),
    grant: randomKey(80),
  };
}

type TOperatorActionEntry =
  | { access: "operator-session"; sample: () => unknown[] }
  | { access: "no-session-by-design"; why: string; sample: () => unknown[] };

/**
 * Every exported operator action, classified. The samples are valid-looking arguments with
 * real ids (the last test proves that each session action's sample succeeds with a live
 * session, so a refusal above is the session check and not a bad argument).
 */
const OPERATOR_ACTIONS: Record<keyof typeof OperatorActions, TOperatorActionEntry> = {
  completeSetupAction: { access: "no-session-by-design", why: "first-run setup: needs a valid one-time setup token", sample: () => [setupInput(randomToken())] },
  getLoginSaltAction: { access: "no-session-by-design", why: "before login: a stable fake salt for unknown and inactive names", sample: () => [SEED_OPERATOR.name] },
  logInAction: { access: "no-session-by-design", why: "the login itself: needs the auth key", sample: () => [{ name: SEED_OPERATOR.name, authKey: randomKey() }] },
  logOutAction: { access: "no-session-by-design", why: "ends only the session behind the caller's own cookie", sample: () => [] },
  listTipsAction: { access: "operator-session", sample: () => [] },
  openThreadAction: { access: "operator-session", sample: () => [fx.tipId] },
  listNotesAction: { access: "operator-session", sample: () => [fx.tipId] },
  askQuestionAction: { access: "operator-session", sample: () => [{ tipId: fx.tipId, sealedForReporter: fx.questionForReporter, sealedForDesk: fx.questionForDesk }] },
  addNoteAction: { access: "operator-session", sample: () => [{ tipId: fx.tipId, sealed: fx.note }] },
  changeStatusAction: { access: "operator-session", sample: () => [{ tipId: fx.tipId, from: "received", to: "in_progress" }] },
  acceptInvitationAction: { access: "no-session-by-design", why: "an invited operator enrols: needs a valid one-time invitation token", sample: () => [{ ...setupInput(randomToken()), deskPublicKey: undefined, grant: undefined }] },
  // Admin-only: refused with errors.notLoggedIn without a session and errors.notAllowed for an operator.
  inviteOperatorAction: { access: "operator-session", sample: () => [] },
  listTeamAction: { access: "operator-session", sample: () => [] },
  grantAccessAction: { access: "operator-session", sample: () => [{ operatorId: fx.pendingOperatorId, deskKeyId: fx.deskKeyId, sealed: fx.grantForPending }] },
  deactivateOperatorAction: { access: "operator-session", sample: () => [fx.pendingOperatorId] },
  // After deactivateOperatorAction: the seed operator is then the desk key's only holder.
  rotateDeskKeyAction: { access: "operator-session", sample: () => [fx.rotation] },
  resetSecondFactorAction: { access: "operator-session", sample: () => [fx.thirdOperatorId] },
  listColleaguesAction: { access: "operator-session", sample: () => [] },
  assignTipAction: { access: "operator-session", sample: () => [{ tipId: fx.tipId, operatorId: fx.operatorId }] },
  getPoliceKeyAction: { access: "operator-session", sample: () => [] },
  forwardTipAction: { access: "operator-session", sample: () => [{ tipId: fx.tipId, policeKeyId: fx.policeKeyId, sealed: fx.policePackage, policeReference: "" }] },
  listOutboxAction: { access: "operator-session", sample: () => [] },
  downloadPackageAction: { access: "operator-session", sample: () => [fx.packageId] },
  setPoliceReferenceAction: { access: "operator-session", sample: () => [{ packageId: fx.packageId, policeReference: "PL0900-2026-0042" }] },
  // Last: it retires the police key the forward sample uses.
  setPoliceKeyAction: { access: "operator-session", sample: () => [{ publicKey: fx.newPoliceKey, label: "Politie, team mensenhandel" }] },
};
const ADMIN_ACTIONS = [
  "inviteOperatorAction",
  "listTeamAction",
  "grantAccessAction",
  "deactivateOperatorAction",
  "rotateDeskKeyAction",
  "resetSecondFactorAction",
  "setPoliceKeyAction",
] as const;

const SESSION_ACTIONS = Object.entries(OPERATOR_ACTIONS)
  .filter(([, entry]) => entry.access === "operator-session")
  .map(([name, entry]) => ({ name, entry }));
const SESSION_FREE_ACTIONS = Object.entries(OPERATOR_ACTIONS)
  .filter(([, entry]) => entry.access === "no-session-by-design")
  .map(([name, entry]) => ({ name, entry }));

type TAnyAction = (...args: unknown[]) => Promise<unknown>;

async function operatorActions(): Promise<Record<string, TAnyAction>> {
  return (await import("@/app/(operator)/operator/actions")) as unknown as Record<string, TAnyAction>;
}

/** The exported functions of a module: what a browser can call as server actions. */
function exportedFunctions(module: object): string[] {
  return Object.entries(module)
    .filter(([, value]) => typeof value === "function")
    .map(([name]) => name)
    .sort();
}

// ---- the database, read directly, past lib/ ----------------------------------------------

type TSnapshot = Record<string, { rows: number; hash: string }>;

/** Every table's row count and a hash of its contents (rows in a stable order). */
async function snapshot(): Promise<TSnapshot> {
  const result: TSnapshot = {};
  for (const table of await listTables(dataDir)) {
    const rows = (await readRawRows(dataDir, `SELECT * FROM "${table}"`))
      .map((row) => JSON.stringify(row.map((value) => (Buffer.isBuffer(value) ? `hex:${value.toString("hex")}` : typeof value === "bigint" ? value.toString() : value))))
      .sort();
    result[table] = { rows: rows.length, hash: createHash("sha256").update(rows.join("\n")).digest("hex") };
  }
  return result;
}

function changedTables(before: TSnapshot, after: TSnapshot): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((table) => before[table]?.hash !== after[table]?.hash).sort();
}

function auditEntriesAfter(seq: number): Promise<{ action: string; operatorId: string | null; subject: string | null }[]> {
  return readRows(dataDir, `SELECT "action", "operatorId", "subject" FROM "AuditEntry" WHERE "seq" > ? ORDER BY "seq"`, [seq]);
}

async function lastAuditSeq(): Promise<number> {
  return (await readRows<{ seq: number }>(dataDir, `SELECT COALESCE(MAX("seq"), 0) AS "seq" FROM "AuditEntry"`))[0]!.seq;
}

async function execute(sql: string, ...params: unknown[]): Promise<void> {
  await writeRow(dataDir, sql, params);
}

// ---- what counts as operator data in a response ------------------------------------------

/** Field names that carry tips, notes, key material, sessions or who the operators are. */
const OPERATOR_DATA_KEY = /^(tips|tipId|notes|sealed|sealedForDesk|keys|grants|operators?|operatorId|role|kdfSalt|publicKey|wrappedPrivateKey|deskKeyId|deskPublicKey|sessionToken|authKey|lookupHash)$/i;

function keysIn(value: unknown, found: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) for (const item of value) keysIn(item, found);
  else if (value !== null && typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) {
      found.add(key);
      keysIn(inner, found);
    }
  }
  return found;
}

function operatorDataKeysIn(value: unknown): string[] {
  return [...keysIn(value)].filter((key) => OPERATOR_DATA_KEY.test(key));
}

async function logIn(): Promise<string> {
  const actions = await operatorActions();
  cookieJar.clear();
  const result = (await actions.logInAction!({ name: SEED_OPERATOR.name, authKey: fx.authKey, code: await seedLoginCode() })) as { ok: boolean };
  expect(result.ok).toBe(true);
  const token = cookieJar.get(SESSION_COOKIE);
  expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  cookieJar.clear();
  return token!;
}

async function sessionHash(token: string): Promise<Uint8Array> {
  const { hashBearerToken } = await import("@/lib/server-keys");
  return hashBearerToken(token, "operator-session");
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tipline-authz-"));
  const { desk } = await seedFirstOperator(dataDir, secrets);
  const { findOperatorCredentials } = await import("@/lib/db/operators");
  const { deriveOperatorSecrets } = await import("@/lib/crypto");
  const { sealAndStoreTip } = await import("@/lib/tips/seal-and-store-tip");
  const { ZTip } = await import("@/lib/tips/tip-schema");
  const { checkTipStatus } = await import("@/lib/follow-up/check-tip-status");
  const { askReporterQuestion } = await import("@/lib/follow-up/ask-reporter-question");
  const { addReporterMessage } = await import("@/lib/follow-up/add-reporter-message");
  const { addTipNote } = await import("@/lib/triage/add-tip-note");

  const credentials = (await findOperatorCredentials(SEED_OPERATOR.name))!;
  const { authKey } = await deriveOperatorSecrets(SEED_OPERATOR.passphrase, credentials.kdfSalt);
  const { receiptCode } = await sealAndStoreTip(ZTip.parse({ subject: "adult", signals: [], seenOrHeard: "Gezien bij het station." }));
  const reporter = await deriveReporterKeys(receiptCode);
  const tipId = (await checkTipStatus(reporter.lookupToken))!.tipId;
  // Data an attacker would want: a desk question, an unread reporter answer, a note.
  expect(await askReporterQuestion({ tipId, sealedForReporter: await sealMessage(reporter.publicKey, "Welke dag?"), sealedForDesk: await sealMessage(desk.publicKey, "Welke dag?") })).toBe(true);
  expect(
    await addReporterMessage({ lookupToken: reporter.lookupToken, sealedForDesk: await sealMessage(desk.publicKey, "Dinsdag."), sealedForReporter: await sealMessage(reporter.publicKey, "Dinsdag.") }),
  ).toBe(true);
  expect(await addTipNote({ tipId, sealed: await sealMessage(desk.publicKey, "Kenteken genoteerd.") })).toBe(true);

  // An invited operator, enrolled through the real lib functions, waiting for a grant.
  const { inviteOperator } = await import("@/lib/operators/invite-operator");
  const { acceptInvitation } = await import("@/lib/operators/accept-invitation");
  const { createOperatorKeys, wrapDeskKey } = await import("@/lib/crypto");
  const { findActiveDeskKey } = await import("@/lib/db/desk-keys");
  const pendingKeys = await createOperatorKeys(PENDING_OPERATOR.passphrase);
  const accepted = await acceptInvitation({
    token: (await inviteOperator("http://127.0.0.1")).split("#")[1]!,
    name: PENDING_OPERATOR.name,
    kdfSalt: toBase64Url(pendingKeys.salt),
    authKey: toBase64Url(pendingKeys.authKey),
    publicKey: toBase64Url(pendingKeys.publicKey),
    wrappedPrivateKey: toBase64Url(pendingKeys.wrappedPrivateKey),
  });
  if (!accepted.ok) throw new Error("the invitation fixture was refused");
  const thirdKeys = await createOperatorKeys("een derde lange wachtzin hier");
  const third = await acceptInvitation({
    token: (await inviteOperator("http://127.0.0.1")).split("#")[1]!,
    name: "Derde Collega",
    kdfSalt: toBase64Url(thirdKeys.salt),
    authKey: toBase64Url(thirdKeys.authKey),
    publicKey: toBase64Url(thirdKeys.publicKey),
    wrappedPrivateKey: toBase64Url(thirdKeys.wrappedPrivateKey),
  });
  if (!third.ok) throw new Error("the third operator fixture was refused");

  // The police key and a package already in the outbox, for a tip of its own.
  const { createDeskKeyPair, sealPolicePackage } = await import("@/lib/crypto");
  const { setPoliceKey, insertPolicePackage } = await import("@/lib/db/police");
  const police = await createDeskKeyPair();
  const policeKeyId = randomKey(16);
  await setPoliceKey({ id: policeKeyId, publicKey: police.publicKey, label: "Politie", createdOn: "2026-11-29" });
  const other = await sealAndStoreTip(ZTip.parse({ subject: "minor", signals: [], seenOrHeard: "Een tweede melding." }));
  const otherTipId = (await checkTipStatus((await deriveReporterKeys(other.receiptCode)).lookupToken))!.tipId;
  const packageId = randomKey(16);
  const stored = await insertPolicePackage({
    id: packageId,
    tipId: otherTipId,
    policeKeyId,
    operatorId: credentials.id,
    sealed: await sealPolicePackage(police.publicKey, { report: "al verstuurd" }),
    createdOn: "2026-11-29",
    policeReference: null,
  });
  if (!stored) throw new Error("the outbox fixture was refused");
  const newDesk = await createDeskKeyPair();
  const seedPublicKey = (await (await import("@/lib/db/operators")).findOperatorKeyMaterial(credentials.id))!.publicKey;

  fx = {
    operatorId: credentials.id,
    realSalt: credentials.kdfSalt,
    authKey: toBase64Url(authKey),
    desk,
    tipId,
    receiptCode,
    lookupToken: toBase64Url(reporter.lookupToken),
    reporterPublicKey: reporter.publicKey,
    note: toBase64Url(await sealMessage(desk.publicKey, "Nep-notitie van een aanvaller.")),
    questionForReporter: toBase64Url(await sealMessage(reporter.publicKey, "Nep-vraag van een aanvaller.")),
    questionForDesk: toBase64Url(await sealMessage(desk.publicKey, "Nep-vraag van een aanvaller.")),
    pendingOperatorId: accepted.operatorId,
    pendingAuthKey: toBase64Url(pendingKeys.authKey),
    deskKeyId: (await findActiveDeskKey())!.id,
    grantForPending: toBase64Url(await wrapDeskKey(pendingKeys.publicKey, desk.privateKey)),
    pendingTotpSecret: "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU",
    thirdOperatorId: third.operatorId,
    rotation: {
      previousDeskKeyId: (await findActiveDeskKey())!.id,
      publicKey: toBase64Url(newDesk.publicKey),
      sealedPrevious: toBase64Url(await wrapDeskKey(newDesk.publicKey, desk.privateKey)),
      grants: [{ operatorId: credentials.id, sealed: toBase64Url(await wrapDeskKey(seedPublicKey, newDesk.privateKey)) }],
    },
    policeKeyId,
    policePackage: toBase64Url(await sealPolicePackage(police.publicKey, { report: "doorgestuurd" })),
    packageId,
    newPoliceKey: toBase64Url((await createDeskKeyPair()).publicKey),
  };
});

afterAll(async () => {
  const { getDb } = await import("@/lib/db/client");
  await (await getDb()).$disconnect();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("the operator actions an attacker can call", () => {
  it("are exactly the actions classified here: a new export fails until it is classified", async () => {
    const exported = exportedFunctions(await import("@/app/(operator)/operator/actions"));
    expect(exported.length).toBeGreaterThan(0);
    expect(exported.filter((name) => !(name in OPERATOR_ACTIONS))).toEqual([]);
  });

  it("include every action classified here: the table names no action that is gone", async () => {
    const exported = exportedFunctions(await import("@/app/(operator)/operator/actions"));
    expect(Object.keys(OPERATOR_ACTIONS).filter((name) => !exported.includes(name))).toEqual([]);
  });

  it("use the session cookie the app sets", async () => {
    expect(SESSION_COOKIE).toBe((await import("@/lib/operators/get-operator-session")).SESSION_COOKIE);
  });

  it("are session-bound except the five that must work before a login", () => {
    expect(SESSION_FREE_ACTIONS.map(({ name }) => name).sort()).toEqual(["acceptInvitationAction", "completeSetupAction", "getLoginSaltAction", "logInAction", "logOutAction"]);
    expect(SESSION_ACTIONS.length).toBeGreaterThan(0);
  });
});

type TScenario = { who: string; cookie: () => Promise<string | undefined> | string | undefined; before?: () => Promise<void>; after?: () => Promise<void> };

let deactivatedToken: string;
let expiredToken: string;
let liveToken: string;

const SCENARIOS: TScenario[] = [
  { who: "an anonymous caller (no cookie)", cookie: () => undefined },
  { who: "a caller with a forged session cookie", cookie: () => randomToken() },
  {
    who: "a caller replaying a live session's stored hash from a database dump",
    before: async () => {
      liveToken = await logIn();
    },
    cookie: async () => toBase64Url(await sessionHash(liveToken)),
    after: async () => {
      await execute(`DELETE FROM "OperatorSession" WHERE "tokenHash" = ?`, await sessionHash(liveToken));
    },
  },
  {
    who: "a deactivated operator with the cookie of their session",
    before: async () => {
      deactivatedToken = await logIn();
      // Control: the cookie works until the operator is deactivated.
      cookieJar.set(SESSION_COOKIE, deactivatedToken);
      expect(((await (await operatorActions()).listTipsAction!()) as { ok: boolean }).ok).toBe(true);
      cookieJar.clear();
      await execute(`UPDATE "Operator" SET "active" = ? WHERE "id" = ?`, false, fx.operatorId);
    },
    cookie: () => deactivatedToken,
    after: async () => {
      await execute(`UPDATE "Operator" SET "active" = ? WHERE "id" = ?`, true, fx.operatorId);
      await execute(`DELETE FROM "OperatorSession" WHERE "tokenHash" = ?`, await sessionHash(deactivatedToken));
    },
  },
  {
    who: "an operator whose session has expired",
    before: async () => {
      expiredToken = await logIn();
      await execute(`UPDATE "OperatorSession" SET "expiresAt" = ? WHERE "tokenHash" = ?`, new Date(Date.now() - 60_000), await sessionHash(expiredToken));
    },
    cookie: () => expiredToken,
    after: async () => {
      await execute(`DELETE FROM "OperatorSession" WHERE "tokenHash" = ?`, await sessionHash(expiredToken));
    },
  },
];

describe.each(SCENARIOS)("$who", (scenario) => {
  beforeAll(async () => {
    await scenario.before?.();
  });
  afterAll(async () => {
    cookieJar.clear();
    await scenario.after?.();
  });

  it.each(SESSION_ACTIONS)("calling $name gets errors.notLoggedIn and no data, no cookie, and no row of any table changes", async ({ name, entry }) => {
    const action = (await operatorActions())[name]!;
    const args = entry.sample();
    cookieJar.clear();
    const cookie = await scenario.cookie();
    if (cookie !== undefined) cookieJar.set(SESSION_COOKIE, cookie);
    const jarBefore = [...cookieJar.entries()];
    const before = await snapshot();
    const result = await action(...args);
    const after = await snapshot();
    expect(result).toStrictEqual(NOT_LOGGED_IN);
    expect(Object.keys(result as object).sort()).toEqual(["error", "ok"]);
    expect([...cookieJar.entries()]).toEqual(jarBefore);
    expect(Object.keys(before)).toEqual(expect.arrayContaining(["AuditEntry", "Message", "Note", "Operator", "OperatorSession", "Tip"]));
    expect(changedTables(before, after)).toEqual([]);
    expect(after).toEqual(before);
  });
});

describe("the session-free actions, called anonymously with their samples", () => {
  it.each(SESSION_FREE_ACTIONS)("$name hands out no tips, no key material and no session, and writes at most a failed-login entry and its counter", async ({ name, entry }) => {
    const action = (await operatorActions())[name]!;
    cookieJar.clear();
    const seq = await lastAuditSeq();
    const before = await snapshot();
    const result = await action(...entry.sample());
    const after = await snapshot();
    expect(operatorDataKeysIn(result)).toEqual([]);
    expect(cookieJar.size).toBe(0);
    // A failed login is on record by design, with neither an operator nor the typed name,
    // and counts against the name (a keyed hash of it) in RateLimitCounter.
    expect(changedTables(before, after).filter((table) => table !== "AuditEntry" && table !== "RateLimitCounter")).toEqual([]);
    for (const logged of await auditEntriesAfter(seq)) expect(logged).toEqual({ action: "operator.login-failed", operatorId: null, subject: null });
  });

  it("a random setup token creates no admin and changes nothing", async () => {
    const { completeSetupAction } = await import("@/app/(operator)/operator/actions");
    const before = await snapshot();
    expect(await completeSetupAction(setupInput(randomToken()))).toStrictEqual({ ok: false, error: "errors.setupTokenInvalid" });
    expect(await snapshot()).toEqual(before);
    expect(cookieJar.size).toBe(0);
  });

  it("a genuine unused setup token, once an admin exists, adds no second admin and no desk key", async () => {
    const { completeSetupAction } = await import("@/app/(operator)/operator/actions");
    const { insertOneTimeToken } = await import("@/lib/db/one-time-tokens");
    const { hashBearerToken } = await import("@/lib/server-keys");
    const token = randomToken();
    const before = await snapshot();
    await insertOneTimeToken({ tokenHash: hashBearerToken(token, "one-time-token"), purpose: "setup", expiresAt: new Date(Date.now() + 60_000) });
    expect(await completeSetupAction(setupInput(token))).toStrictEqual({ ok: false, error: "errors.setupTokenInvalid" });
    // The token is spent; everything else is as it was, the audit log included.
    expect(await snapshot()).toEqual(before);
  });

  it("logging out with a forged cookie ends nobody's session", async () => {
    const { logOutAction } = await import("@/app/(operator)/operator/actions");
    const token = await logIn();
    cookieJar.set(SESSION_COOKIE, randomToken());
    const before = await snapshot();
    expect(await logOutAction()).toStrictEqual({ ok: true });
    expect(await snapshot()).toEqual(before);
    cookieJar.set(SESSION_COOKIE, token);
    expect(((await (await operatorActions()).listTipsAction!()) as { ok: boolean }).ok).toBe(true);
    expect(await logOutAction()).toStrictEqual({ ok: true });
    cookieJar.clear();
  });
});

describe("a deactivated operator at the door", () => {
  beforeAll(async () => {
    await execute(`UPDATE "Operator" SET "active" = ? WHERE "id" = ?`, false, fx.operatorId);
  });
  afterAll(async () => {
    await execute(`UPDATE "Operator" SET "active" = ? WHERE "id" = ?`, true, fx.operatorId);
    cookieJar.clear();
  });

  it("is refused with the right passphrase exactly like a wrong one: errors.loginFailed, no cookie, no session", async () => {
    const { logInAction } = await import("@/app/(operator)/operator/actions");
    cookieJar.clear();
    const code = await seedLoginCode();
    const seq = await lastAuditSeq();
    const before = await snapshot();
    expect(await logInAction({ name: SEED_OPERATOR.name, authKey: fx.authKey, code })).toStrictEqual({ ok: false, error: "errors.loginFailed" });
    expect(cookieJar.size).toBe(0);
    // No OperatorSession row: only the failed-login entry and the name's failure counter.
    expect(changedTables(before, await snapshot())).toEqual(["AuditEntry", "RateLimitCounter"]);
    expect(await auditEntriesAfter(seq)).toEqual([{ action: "operator.login-failed", operatorId: null, subject: null }]);
  });

  it("gets the same fake salt a name that does not exist gets, never the real one", async () => {
    const { getLoginSaltAction } = await import("@/app/(operator)/operator/actions");
    const { getServerKey } = await import("@/lib/server-keys");
    const fakeFor = (name: string) => toBase64Url(createHmac("sha256", getServerKey("unknown-operator-salt")).update(name, "utf8").digest().subarray(0, 16));
    const before = await snapshot();
    const deactivated = await getLoginSaltAction(SEED_OPERATOR.name);
    const unknown = await getLoginSaltAction("Niemand Bekend");
    expect(deactivated).toStrictEqual({ ok: true, salt: fakeFor(SEED_OPERATOR.name) });
    expect(unknown).toStrictEqual({ ok: true, salt: fakeFor("Niemand Bekend") });
    expect(deactivated).not.toEqual({ ok: true, salt: toBase64Url(fx.realSalt) });
    expect(await getLoginSaltAction(SEED_OPERATOR.name)).toStrictEqual(deactivated);
    expect(await snapshot()).toEqual(before);
  });

  it("leaves no way in through setup: a setup link issued now cannot create a new admin", async () => {
    // issueSetupLink counts only ACTIVE operators, so with the only admin deactivated it
    // issues a link (at start-up, into the log); createFirstAdmin counts all operators and
    // refuses. The link is spent, nothing else changes.
    const { completeSetupAction } = await import("@/app/(operator)/operator/actions");
    const { issueSetupLink } = await import("@/lib/setup/issue-setup-link");
    const before = await snapshot();
    const link = await issueSetupLink("http://127.0.0.1");
    const token = link?.split("#")[1] ?? randomToken();
    expect(await completeSetupAction(setupInput(token))).toStrictEqual({ ok: false, error: "errors.setupTokenInvalid" });
    expect(changedTables(before, await snapshot()).filter((table) => table !== "OneTimeToken")).toEqual([]);
    expect(cookieJar.size).toBe(0);
  });
});

// ---- routes ---------------------------------------------------------------------------

const OPERATOR_ZONE = path.join(process.cwd(), "app", "(operator)");

/**
 * Every file of the operator zone. The pages render client shells with UI strings only
 * (verified below from their imports): no tip, note, key or operator reaches the page;
 * data flows only through the server actions in the matrix above.
 */
const OPERATOR_ROUTE_FILES: Record<string, string> = {
  "operator/actions.ts": "the server actions: every export is in OPERATOR_ACTIONS",
  "operator/layout.tsx": "the zone's <html> shell and metadata, no data",
  "operator/page.tsx": "the client shell OperatorApp with UI strings; tips come only through listTipsAction",
  "operator/setup/page.tsx": "the client shell SetupForm with UI strings; setup goes only through completeSetupAction",
  "operator/invite/page.tsx": "the client shell SetupForm (invite mode) with UI strings; enrolment goes only through acceptInvitationAction",
};

/** What a page or layout of the operator zone may import: UI strings, React, client components. */
const ALLOWED_PAGE_IMPORTS = [/^@\/components\/operator\/[a-z-]+$/, /^@\/lib\/i18n\/[a-z-]+$/, /^next$/, /^react$/, /^\.\.\/\.\.\/globals\.css$/];

function filesUnder(dir: string, base = dir): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(path.join(dir, entry.name), base) : [path.relative(base, path.join(dir, entry.name)).split(path.sep).join("/")]))
    .sort();
}

function importsOf(source: string): string[] {
  return [...source.matchAll(/^\s*import\s+(?:[^"';]*?\s+from\s+)?["']([^"']+)["']/gm)].map((match) => match[1]!);
}

describe("the operator routes an attacker can request", () => {
  it("are exactly the files classified here: a new page, route handler or action module fails until it is", () => {
    expect(filesUnder(OPERATOR_ZONE)).toEqual(Object.keys(OPERATOR_ROUTE_FILES).sort());
  });

  it("render only client shells and UI strings: no page imports the database, sessions or keys", () => {
    const shells = Object.keys(OPERATOR_ROUTE_FILES).filter((file) => /\/(page|layout)\.tsx$/.test(file));
    expect(shells.length).toBeGreaterThan(0);
    for (const file of shells) {
      const source = fs.readFileSync(path.join(OPERATOR_ZONE, file), "utf8");
      expect(source).not.toMatch(/["']use server["']|cookies\(|headers\(/);
      for (const specifier of importsOf(source)) {
        expect(ALLOWED_PAGE_IMPORTS.some((allowed) => allowed.test(specifier)), `${file} imports ${specifier}`).toBe(true);
        if (specifier.startsWith("@/components/")) {
          const component = fs.readFileSync(path.join(process.cwd(), `${specifier.slice(2)}.tsx`), "utf8");
          expect(component.trimStart().startsWith('"use client"'), `${specifier} is a client component`).toBe(true);
        }
      }
    }
  });

  it("and there is no server action module anywhere but the three classified in this file", () => {
    const modules = ["app", "components", "lib"]
      .flatMap((dir) => filesUnder(path.join(process.cwd(), dir)).map((file) => `${dir}/${file}`))
      .filter((file) => /\.(ts|tsx)$/.test(file) && !file.startsWith("lib/db/generated/"))
      .filter((file) => /["']use server["']/.test(fs.readFileSync(path.join(process.cwd(), file), "utf8")))
      .sort();
    expect(modules).toEqual(["app/(operator)/operator/actions.ts", "app/(public)/_actions/melden.ts", "app/(public)/_actions/status.ts"]);
  });
});

// ---- the public actions ----------------------------------------------------------------

type TPublicEntry = { access: "anonymous-by-design"; calls: () => Promise<unknown[]> };
type TPublicModule = Record<string, TAnyAction>;

const tipForm = () => {
  const form = new FormData();
  form.set("subject", "adult");
  form.set("seenOrHeard", "Gezien bij het station.");
  return form;
};

const MELDEN_ACTIONS: Record<keyof typeof MeldenActions, TPublicEntry> = {
  tipFormAction: {
    access: "anonymous-by-design",
    calls: async () => {
      const { tipFormAction } = await import("@/app/(public)/_actions/melden");
      const reviewForm = tipForm();
      reviewForm.set("intent", "review");
      const review = await tipFormAction({ phase: "edit", values: null, errors: {} }, reviewForm);
      expect(review.phase).toBe("review");
      const sendForm = new FormData();
      sendForm.set("intent", "send");
      sendForm.set("payload", review.phase === "review" ? review.payload : "");
      sendForm.set("receipt", review.phase === "review" ? review.receipt : "");
      const done = await tipFormAction(review, sendForm);
      expect(done.phase).toBe("done");
      return [review, done];
    },
  },
  submitSealedTipAction: {
    access: "anonymous-by-design",
    calls: async () => {
      const { submitSealedTipAction } = await import("@/app/(public)/_actions/melden");
      const reporter = await deriveReporterKeys(generateReceiptCode());
      const sealedTip = await sealTip(fx.desk.publicKey, { v: 1, channel: "web", tip: { subject: "adult", signals: [], seenOrHeard: "Gezien." }, reporterPublicKey: toBase64Url(reporter.publicKey) });
      const stored = await submitSealedTipAction({ sealedTip: toBase64Url(sealedTip), lookupToken: toBase64Url(reporter.lookupToken) });
      expect(stored).toStrictEqual({ ok: true });
      return [stored, await submitSealedTipAction({ sealedTip: "AAAA", lookupToken: randomToken() })];
    },
  },
};

const STATUS_ACTIONS: Record<keyof typeof StatusActions, TPublicEntry> = {
  statusFormAction: {
    access: "anonymous-by-design",
    calls: async () => {
      const { statusFormAction } = await import("@/app/(public)/_actions/status");
      const form = new FormData();
      form.set("intent", "check");
      form.set("code", fx.receiptCode);
      const view = await statusFormAction({ phase: "form" }, form);
      expect(view.phase).toBe("view");
      return [view];
    },
  },
  checkStatusAction: {
    access: "anonymous-by-design",
    calls: async () => {
      const { checkStatusAction } = await import("@/app/(public)/_actions/status");
      const view = await checkStatusAction({ lookupToken: fx.lookupToken });
      expect(view.ok).toBe(true);
      return [view, await checkStatusAction({ lookupToken: randomToken() })];
    },
  },
  sendReporterMessageAction: {
    access: "anonymous-by-design",
    calls: async () => {
      const { sendReporterMessageAction } = await import("@/app/(public)/_actions/status");
      const sent = await sendReporterMessageAction({
        lookupToken: fx.lookupToken,
        sealedForDesk: toBase64Url(await sealMessage(fx.desk.publicKey, "Nog iets.")),
        sealedForReporter: toBase64Url(await sealMessage(fx.reporterPublicKey, "Nog iets.")),
      });
      expect(sent).toStrictEqual({ ok: true });
      return [sent];
    },
  },
};

const PUBLIC_MODULES: { module: string; load: () => Promise<TPublicModule>; table: Record<string, TPublicEntry> }[] = [
  { module: "melden", load: async () => (await import("@/app/(public)/_actions/melden")) as unknown as TPublicModule, table: MELDEN_ACTIONS },
  { module: "status", load: async () => (await import("@/app/(public)/_actions/status")) as unknown as TPublicModule, table: STATUS_ACTIONS },
];

const PUBLIC_ACTIONS = PUBLIC_MODULES.flatMap(({ module, table }) => Object.entries(table).map(([name, entry]) => ({ module, name, entry })));

describe.each(PUBLIC_MODULES)("the public $module actions", ({ load, table }) => {
  it("are exactly the actions classified anonymous-by-design here: a new export fails until it is classified", async () => {
    expect(exportedFunctions(await load())).toEqual(Object.keys(table).sort());
    expect(Object.values(table).every((entry) => entry.access === "anonymous-by-design")).toBe(true);
  });
});

describe("what the public actions hand back", () => {
  it.each(PUBLIC_ACTIONS)("$module/$name never returns a tip list, a tip id, notes, desk-sealed data, keys or operators", async ({ entry }) => {
    cookieJar.clear();
    for (const result of await entry.calls()) {
      expect(operatorDataKeysIn(result)).toEqual([]);
      const text = JSON.stringify(result);
      expect(text).not.toContain(fx.tipId);
      expect(text).not.toContain(fx.operatorId);
    }
    expect(cookieJar.size).toBe(0);
  });
});

describe("an operator without the admin role", () => {
  it("gets errors.notAllowed and nothing else from every admin action, and no row of any table changes", async () => {
    const actions = await operatorActions();
    cookieJar.clear();
    // Without a second factor the right passphrase only asks for enrolment; then it enrols.
    await execute(`UPDATE "Operator" SET "totpSecretSealed" = NULL, "totpLastStep" = NULL WHERE "id" = ?`, fx.pendingOperatorId);
    expect(await actions.logInAction!({ name: PENDING_OPERATOR.name, authKey: fx.pendingAuthKey })).toStrictEqual({ ok: false, error: "errors.enrolmentRequired" });
    expect(cookieJar.size).toBe(0);
    const enrolment = { secret: fx.pendingTotpSecret, code: await totpCode(fx.pendingTotpSecret) };
    const login = (await actions.logInAction!({ name: PENDING_OPERATOR.name, authKey: fx.pendingAuthKey, enrolment })) as {
      ok: boolean;
      keys?: { role: string; grants: unknown[] };
      recoveryCodes?: string[];
    };
    expect(login.recoveryCodes).toHaveLength(10);
    expect(login.ok).toBe(true);
    expect(login.keys?.role).toBe("operator");
    expect(login.keys?.grants).toEqual([]); // no desk key until an admin grants it
    for (const name of ADMIN_ACTIONS) {
      const before = await snapshot();
      const result = await actions[name]!(...OPERATOR_ACTIONS[name].sample());
      expect(result, name).toStrictEqual(NOT_ALLOWED);
      // Only the caller's own session row moves (its lastSeenAt): nothing an admin action would change.
      expect(changedTables(before, await snapshot()).filter((table) => table !== "OperatorSession"), name).toEqual([]);
    }
    await actions.logOutAction!();
    cookieJar.clear();
  });
});

// ---- last: the samples are real ------------------------------------------------------------

describe("the samples the matrix uses", () => {
  it("succeed with a live session, so every refusal above was the session check and not a bad argument", async () => {
    const actions = await operatorActions();
    cookieJar.set(SESSION_COOKIE, await logIn());
    for (const { name, entry } of SESSION_ACTIONS) {
      const result = (await actions[name]!(...entry.sample())) as Record<string, unknown>;
      expect(result.ok, name).toBe(true);
    }
    // And the refused calls would have leaked real data: the tip, its thread, its notes.
    const tips = (await actions.listTipsAction!()) as { tips: { id: string }[] };
    expect(tips.tips.map((tip) => tip.id)).toContain(fx.tipId);
    expect(((await actions.openThreadAction!(fx.tipId)) as { messages: unknown[] }).messages.length).toBeGreaterThan(0);
    expect(((await actions.listNotesAction!(fx.tipId)) as { notes: unknown[] }).notes.length).toBeGreaterThan(0);
    expect(await actions.logOutAction!()).toStrictEqual({ ok: true });
  });
});
