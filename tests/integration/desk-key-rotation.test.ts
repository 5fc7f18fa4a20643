// Rotating the desk key, from an attacker's side. The threat: someone kept the desk key
// (a deactivated operator who copied it from their tab, a leaked grant and passphrase).
// After a rotation tips, notes and messages sealed to the new key are closed to them; the
// current operators still read every old tip, through the chain the rotation leaves; a
// rotation that would silently cut a current operator off, or race another, is refused.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDeskKeyPair, createOperatorKeys, deriveReporterKeys, openTip, OpenError, wrapDeskKey, type TKeyPair } from "@/lib/crypto";
import { openDeskKeys } from "@/lib/operators/open-desk-keys";
import { ZTip } from "@/lib/tips/tip-schema";
import { seedFirstOperator } from "../support/seed";
import { testSecrets } from "../support/server";

let dataDir: string;
let desk: TKeyPair;
let admin: TKeyPair;
let adminId: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tipline-rotate-"));
  ({ desk, operator: admin } = await seedFirstOperator(dataDir, testSecrets()));
  const { findOperatorCredentials } = await import("@/lib/db/operators");
  adminId = (await findOperatorCredentials("Test Operator"))!.id;
});

afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function fileTip(text: string): Promise<Uint8Array> {
  const { sealAndStoreTip } = await import("@/lib/tips/seal-and-store-tip");
  const { checkTipStatus } = await import("@/lib/follow-up/check-tip-status");
  const { receiptCode } = await sealAndStoreTip(ZTip.parse({ subject: "adult", signals: [], seenOrHeard: text }));
  const tipId = (await checkTipStatus((await deriveReporterKeys(receiptCode)).lookupToken))!.tipId;
  const { getDb } = await import("@/lib/db/client");
  return new Uint8Array((await (await getDb()).tip.findUniqueOrThrow({ where: { id: tipId }, select: { sealed: true } })).sealed);
}

/** What an operator's browser does after login: grants, then the chain of older keys. */
async function deskKeysOf(operatorId: string, operatorKeys: TKeyPair): Promise<TKeyPair[]> {
  const { findOperatorKeyMaterial } = await import("@/lib/db/operators");
  return (await openDeskKeys(operatorKeys, (await findOperatorKeyMaterial(operatorId))!)).deskKeys;
}

async function opensWithAny(keys: TKeyPair[], sealed: Uint8Array): Promise<unknown> {
  for (const pair of keys) {
    try {
      return await openTip(pair, sealed);
    } catch {
      // next key
    }
  }
  throw new OpenError();
}

describe("desk-key rotation", () => {
  it("closes new tips to the old key, keeps old tips open to current operators, and survives two rotations", async () => {
    const { rotateDeskKey, findActiveDeskKey } = await import("@/lib/db/desk-keys");
    const before = await fileTip("Voor de rotatie.");
    const first = (await findActiveDeskKey())!;

    const next = await createDeskKeyPair();
    expect(
      await rotateDeskKey({
        previousDeskKeyId: first.id,
        deskKeyId: "desk-key-second-0001",
        publicKey: next.publicKey,
        sealedPrevious: await wrapDeskKey(next.publicKey, desk.privateKey),
        grants: [{ operatorId: adminId, sealed: await wrapDeskKey(admin.publicKey, next.privateKey) }],
      }),
    ).toBe(true);
    expect((await findActiveDeskKey())!.id).toBe("desk-key-second-0001");
    const after = await fileTip("Na de rotatie.");

    // Whoever kept the old desk key: the old tip yes, the new one no.
    expect(await openTip(desk, before)).toMatchObject({ tip: { seenOrHeard: "Voor de rotatie." } });
    await expect(openTip(desk, after)).rejects.toBeInstanceOf(OpenError);

    // The current operator reads both, through the grant and the chain.
    const keys = await deskKeysOf(adminId, admin);
    expect(await opensWithAny(keys, before)).toMatchObject({ tip: { seenOrHeard: "Voor de rotatie." } });
    expect(await opensWithAny(keys, after)).toMatchObject({ tip: { seenOrHeard: "Na de rotatie." } });

    // A second rotation: the chain grows, the oldest tip still opens.
    const third = await createDeskKeyPair();
    expect(
      await rotateDeskKey({
        previousDeskKeyId: "desk-key-second-0001",
        deskKeyId: "desk-key-third-00001",
        publicKey: third.publicKey,
        sealedPrevious: await wrapDeskKey(third.publicKey, next.privateKey),
        grants: [{ operatorId: adminId, sealed: await wrapDeskKey(admin.publicKey, third.privateKey) }],
      }),
    ).toBe(true);
    const latest = await fileTip("Na de tweede rotatie.");
    const keysNow = await deskKeysOf(adminId, admin);
    for (const [sealed, text] of [[before, "Voor de rotatie."], [after, "Na de rotatie."], [latest, "Na de tweede rotatie."]] as const) {
      expect(await opensWithAny(keysNow, sealed)).toMatchObject({ tip: { seenOrHeard: text } });
    }
    // Only grants of the newest key remain: an old grant opens nothing new.
    const { getDb } = await import("@/lib/db/client");
    expect(await (await getDb()).deskKeyGrant.findMany({ select: { deskKeyId: true } })).toEqual([{ deskKeyId: "desk-key-third-00001" }]);
  });

  it("refuses a rotation that leaves out a current operator, adds a stranger, repeats one, or comes after another", async () => {
    const { rotateDeskKey, findActiveDeskKey } = await import("@/lib/db/desk-keys");
    const { insertDeskKeyGrant } = await import("@/lib/db/team");
    const { getDb } = await import("@/lib/db/client");
    const db = await getDb();
    // A second operator who holds the current key.
    const colleague = await createOperatorKeys("tweede collega met lange zin");
    const { createInvitedOperator } = await import("@/lib/db/team");
    const { generateToken } = await import("@/lib/crypto");
    const { hashBearerToken } = await import("@/lib/server-keys");
    const token = generateToken(32);
    await db.oneTimeToken.create({ data: { tokenHash: Buffer.from(hashBearerToken(token, "one-time-token")), purpose: "invite", expiresAt: new Date(Date.now() + 60_000) } });
    expect(
      await createInvitedOperator({
        operatorId: "colleague-000000001",
        name: "Collega Twee",
        kdfSalt: colleague.salt,
        authVerifier: new Uint8Array(32),
        publicKey: colleague.publicKey,
        wrappedPrivateKey: colleague.wrappedPrivateKey,
        tokenHash: hashBearerToken(token, "one-time-token"),
      }),
    ).toBe(true);
    const current = (await findActiveDeskKey())!;
    const adminKeys = await deskKeysOf(adminId, admin);
    const currentKeys = adminKeys.find((pair) => Buffer.from(pair.publicKey).equals(Buffer.from(current.publicKey)))!;
    expect(await insertDeskKeyGrant({ operatorId: "colleague-000000001", deskKeyId: current.id, sealed: await wrapDeskKey(colleague.publicKey, currentKeys.privateKey) })).toBe(true);

    const next = await createDeskKeyPair();
    const grantFor = async (publicKey: Uint8Array) => wrapDeskKey(publicKey, next.privateKey);
    const base = { previousDeskKeyId: current.id, deskKeyId: "desk-key-refused-001", publicKey: next.publicKey, sealedPrevious: await wrapDeskKey(next.publicKey, currentKeys.privateKey) };
    const snapshot = async () => JSON.stringify([await db.deskKey.findMany({ orderBy: { id: "asc" } }), await db.deskKeyGrant.findMany({ orderBy: [{ operatorId: "asc" }, { deskKeyId: "asc" }] })]);
    const unchanged = await snapshot();
    // Leaves out the colleague.
    expect(await rotateDeskKey({ ...base, grants: [{ operatorId: adminId, sealed: await grantFor(admin.publicKey) }] })).toBe(false);
    // Adds someone who holds no grant.
    expect(
      await rotateDeskKey({
        ...base,
        grants: [
          { operatorId: adminId, sealed: await grantFor(admin.publicKey) },
          { operatorId: "colleague-000000001", sealed: await grantFor(colleague.publicKey) },
          { operatorId: "stranger-0000000001", sealed: await grantFor(admin.publicKey) },
        ],
      }),
    ).toBe(false);
    // Repeats the admin in place of the colleague.
    expect(
      await rotateDeskKey({
        ...base,
        grants: [
          { operatorId: adminId, sealed: await grantFor(admin.publicKey) },
          { operatorId: adminId, sealed: await grantFor(admin.publicKey) },
        ],
      }),
    ).toBe(false);
    // Names a key that is no longer the active one.
    expect(
      await rotateDeskKey({
        ...base,
        previousDeskKeyId: "desk-key-second-0001",
        grants: [
          { operatorId: adminId, sealed: await grantFor(admin.publicKey) },
          { operatorId: "colleague-000000001", sealed: await grantFor(colleague.publicKey) },
        ],
      }),
    ).toBe(false);
    expect(await snapshot()).toBe(unchanged);

    // With everyone, it goes; the colleague then reads a new tip with their own grant.
    expect(
      await rotateDeskKey({
        ...base,
        grants: [
          { operatorId: adminId, sealed: await grantFor(admin.publicKey) },
          { operatorId: "colleague-000000001", sealed: await grantFor(colleague.publicKey) },
        ],
      }),
    ).toBe(true);
    const fresh = await fileTip("Voor het hele team.");
    expect(await opensWithAny(await deskKeysOf("colleague-000000001", { publicKey: colleague.publicKey, privateKey: colleague.privateKey }), fresh)).toMatchObject({
      tip: { seenOrHeard: "Voor het hele team." },
    });
  });
});
