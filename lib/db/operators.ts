import "server-only";
import { bytes } from "./bytes";
import { getDb } from "./client";

export type TOperatorCredentials = {
  id: string;
  kdfSalt: Uint8Array;
  authVerifier: Uint8Array;
  active: boolean;
  /** Null until the operator has enrolled a second factor. */
  totpSecretSealed: Uint8Array | null;
  totpLastStep: number | null;
};
export type TOperatorKeyMaterial = {
  id: string;
  name: string;
  role: string;
  kdfSalt: Uint8Array;
  publicKey: Uint8Array;
  wrappedPrivateKey: Uint8Array;
  grants: { deskKeyId: string; deskPublicKey: Uint8Array; sealed: Uint8Array; active: boolean }[];
  /** Every desk key retired by a rotation, sealed under its successor: the chain to old tips. */
  predecessors: { deskKeyId: string; deskPublicKey: Uint8Array; successorId: string; sealedUnderSuccessor: Uint8Array }[];
};

/** How many operators can currently log in. */
export async function countActiveOperators(): Promise<number> {
  const db = await getDb();
  return db.operator.count({ where: { active: true } });
}

/** Login material for `name`, or null when no such operator exists. */
export async function findOperatorCredentials(name: string): Promise<TOperatorCredentials | null> {
  const db = await getDb();
  const row = await db.operator.findUnique({
    where: { name },
    select: { id: true, kdfSalt: true, authVerifier: true, active: true, totpSecretSealed: true, totpLastStep: true },
  });
  return row
    ? {
        id: row.id,
        kdfSalt: new Uint8Array(row.kdfSalt),
        authVerifier: new Uint8Array(row.authVerifier),
        active: row.active,
        totpSecretSealed: row.totpSecretSealed ? new Uint8Array(row.totpSecretSealed) : null,
        totpLastStep: row.totpLastStep,
      }
    : null;
}

/** The wrapped keys an active operator's browser needs to unlock the desk; null otherwise. */
export async function findOperatorKeyMaterial(operatorId: string): Promise<TOperatorKeyMaterial | null> {
  const db = await getDb();
  const row = await db.operator.findFirst({
    where: { id: operatorId, active: true },
    select: {
      id: true,
      name: true,
      role: true,
      kdfSalt: true,
      publicKey: true,
      wrappedPrivateKey: true,
      grants: { select: { deskKeyId: true, sealed: true, deskKey: { select: { publicKey: true, active: true } } } },
    },
  });
  if (!row) return null;
  const retired = await db.deskKey.findMany({
    where: { sealedUnderSuccessor: { not: null }, successorId: { not: null } },
    select: { id: true, publicKey: true, successorId: true, sealedUnderSuccessor: true },
    orderBy: { createdAt: "desc" },
  });
  return {
    predecessors: retired.map((key) => ({
      deskKeyId: key.id,
      deskPublicKey: new Uint8Array(key.publicKey),
      successorId: key.successorId!,
      sealedUnderSuccessor: new Uint8Array(key.sealedUnderSuccessor!),
    })),
    id: row.id,
    name: row.name,
    role: row.role,
    kdfSalt: new Uint8Array(row.kdfSalt),
    publicKey: new Uint8Array(row.publicKey),
    wrappedPrivateKey: new Uint8Array(row.wrappedPrivateKey),
    grants: row.grants.map((grant) => ({
      deskKeyId: grant.deskKeyId,
      deskPublicKey: new Uint8Array(grant.deskKey.publicKey),
      sealed: new Uint8Array(grant.sealed),
      active: grant.deskKey.active,
    })),
  };
}

/** What the server keeps of a new operator: public and wrapped material, and a verifier. */
export type TNewOperator = {
  operatorId: string;
  name: string;
  kdfSalt: Uint8Array;
  authVerifier: Uint8Array;
  publicKey: Uint8Array;
  wrappedPrivateKey: Uint8Array;
};

type TTx = Parameters<Parameters<Awaited<ReturnType<typeof getDb>>["$transaction"]>[0]>[0];

/** Inserts an operator row inside the caller's transaction (first-run setup, invitations). */
export async function insertOperatorRow(tx: TTx, input: TNewOperator, role: "admin" | "operator"): Promise<void> {
  await tx.operator.create({
    data: {
      id: input.operatorId,
      name: input.name,
      role,
      kdfSalt: bytes(input.kdfSalt),
      authVerifier: bytes(input.authVerifier),
      publicKey: bytes(input.publicKey),
      wrappedPrivateKey: bytes(input.wrappedPrivateKey),
    },
    select: { id: true },
  });
}

export type TFirstAdmin = TNewOperator & {
  deskKeyId: string;
  deskPublicKey: Uint8Array;
  grant: Uint8Array;
  setupTokenHash: Uint8Array;
};

/**
 * First-run setup in one transaction: consumes the setup token, and only while no
 * operator exists creates the admin, the desk key and the admin's grant.
 * Resolves false (changing nothing) when the token is unknown, expired or used, or when
 * an operator already exists.
 */
export async function createFirstAdmin(input: TFirstAdmin): Promise<boolean> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const consumed = await tx.oneTimeToken.deleteMany({
      where: { tokenHash: bytes(input.setupTokenHash), purpose: "setup", expiresAt: { gt: new Date() } },
    });
    if (consumed.count !== 1) return false;
    if ((await tx.operator.count()) > 0) return false;
    await tx.deskKey.create({ data: { id: input.deskKeyId, publicKey: bytes(input.deskPublicKey), active: true }, select: { id: true } });
    await insertOperatorRow(tx, input, "admin");
    await tx.deskKeyGrant.create({
      data: { operatorId: input.operatorId, deskKeyId: input.deskKeyId, sealed: bytes(input.grant) },
      select: { operatorId: true },
    });
    return true;
  });
}
