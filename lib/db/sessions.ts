import "server-only";
import { bytes } from "./bytes";
import { getDb } from "./client";

/** Stores a new operator session under the keyed hash of its token. */
export async function insertOperatorSession(input: { tokenHash: Uint8Array; operatorId: string; expiresAt: Date }): Promise<void> {
  const db = await getDb();
  await db.operatorSession.create({ data: { ...input, tokenHash: bytes(input.tokenHash) }, select: { operatorId: true } });
}

/**
 * The operator behind a session token hash, when the session is unexpired, was used
 * within `idleMs`, and the operator is active; touches lastSeenAt. Null otherwise; an
 * idle session is deleted on the spot.
 */
export async function findOperatorBySession(tokenHash: Uint8Array, idleMs = Number.POSITIVE_INFINITY): Promise<{ operatorId: string; role: string } | null> {
  const db = await getDb();
  const row = await db.operatorSession.findUnique({
    where: { tokenHash: bytes(tokenHash) },
    select: { operatorId: true, expiresAt: true, lastSeenAt: true, operator: { select: { role: true, active: true } } },
  });
  if (!row || row.expiresAt <= new Date() || !row.operator.active) return null;
  if (Date.now() - row.lastSeenAt.getTime() > idleMs) {
    await db.operatorSession.deleteMany({ where: { tokenHash: bytes(tokenHash) } });
    return null;
  }
  await db.operatorSession.update({ where: { tokenHash: bytes(tokenHash) }, data: { lastSeenAt: new Date() }, select: { operatorId: true } });
  return { operatorId: row.operatorId, role: row.operator.role };
}

/** Ends a session; a no-op when it does not exist. */
export async function deleteOperatorSession(tokenHash: Uint8Array): Promise<void> {
  const db = await getDb();
  await db.operatorSession.deleteMany({ where: { tokenHash: bytes(tokenHash) } });
}
