import "server-only";
import { bytes } from "./bytes";
import { getDb } from "./client";

/**
 * Records that a TOTP code of `step` was accepted, only if no code of this or a later step
 * was accepted before: one conditional update, so two instances handed the same code at
 * once cannot both succeed. Resolves false when the step was already used.
 */
export async function acceptTotpStep(operatorId: string, step: number): Promise<boolean> {
  const db = await getDb();
  const updated = await db.operator.updateMany({
    where: { id: operatorId, active: true, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
    data: { totpLastStep: step },
  });
  return updated.count === 1;
}

/**
 * Enrols an operator's second factor in one transaction: stores the sealed TOTP secret and
 * the step of the code that confirmed it, and replaces the recovery codes by these hashes.
 * Only while the operator is active and has no second factor yet; resolves false, changing
 * nothing, otherwise (an enrolled factor is replaced only after an admin reset).
 */
export async function enrolSecondFactor(input: { operatorId: string; totpSecretSealed: Uint8Array; step: number; recoveryCodeHashes: Uint8Array[] }): Promise<boolean> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const updated = await tx.operator.updateMany({
      where: { id: input.operatorId, active: true, totpSecretSealed: null },
      data: { totpSecretSealed: bytes(input.totpSecretSealed), totpLastStep: input.step },
    });
    if (updated.count !== 1) return false;
    await tx.recoveryCode.deleteMany({ where: { operatorId: input.operatorId } });
    await tx.recoveryCode.createMany({ data: input.recoveryCodeHashes.map((hash) => ({ hash: bytes(hash), operatorId: input.operatorId })) });
    return true;
  });
}

/** Uses up one recovery code of an operator: true once, when it existed; deleted either way. */
export async function consumeRecoveryCode(operatorId: string, hash: Uint8Array): Promise<boolean> {
  const db = await getDb();
  const deleted = await db.recoveryCode.deleteMany({ where: { operatorId, hash: bytes(hash) } });
  return deleted.count === 1;
}

/**
 * An admin's reset for an operator who lost both their authenticator and their recovery
 * codes: clears the second factor, deletes the recovery codes and ends every session, so
 * that the operator enrols again at their next login (with their passphrase). Resolves
 * false for an unknown or inactive operator.
 */
export async function resetSecondFactor(operatorId: string): Promise<boolean> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const updated = await tx.operator.updateMany({ where: { id: operatorId, active: true }, data: { totpSecretSealed: null, totpLastStep: null } });
    if (updated.count !== 1) return false;
    await tx.recoveryCode.deleteMany({ where: { operatorId } });
    await tx.operatorSession.deleteMany({ where: { operatorId } });
    return true;
  });
}
