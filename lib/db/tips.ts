import "server-only";
import { bytes } from "./bytes";
import { getDb } from "./client";

export type TStoredTip = { id: string; sealed: Uint8Array; status: string; receivedOn: string; assignedOperatorId: string | null };

/**
 * Inserts one sealed tip and resolves only after the commit (SQLite: synchronous FULL).
 * Resolves "exists" without writing when a tip with this lookup hash is already stored: the
 * same receipt code sent again is a retry after a lost answer, not a second tip. Rejects
 * on any other database error; nothing is written then.
 */
export async function insertTip(row: { id: string; sealed: Uint8Array; receivedOn: string; lookupHash: Uint8Array }): Promise<"inserted" | "exists"> {
  const db = await getDb();
  try {
    await db.tip.create({
      data: { id: row.id, sealed: bytes(row.sealed), receivedOn: row.receivedOn, lookupHash: bytes(row.lookupHash), status: "received" },
      select: { id: true },
    });
    return "inserted";
  } catch (error) {
    if ((error as { code?: unknown }).code !== "P2002") throw error;
    const existing = await db.tip.findUnique({ where: { lookupHash: bytes(row.lookupHash) }, select: { id: true } });
    if (!existing) throw error;
    return "exists";
  }
}

/** Every tip for the operators' inbox, newest day first; sealed blobs, never plaintext. */
export async function listTips(): Promise<TStoredTip[]> {
  const db = await getDb();
  const rows = await db.tip.findMany({
    select: { id: true, sealed: true, status: true, receivedOn: true, assignedOperatorId: true },
    orderBy: [{ receivedOn: "desc" }, { id: "asc" }],
  });
  return rows.map((row) => ({ ...row, sealed: new Uint8Array(row.sealed) }));
}

/** The number of stored tips. */
export async function countTips(): Promise<number> {
  const db = await getDb();
  return db.tip.count();
}

export type TTipForReporter = { id: string; status: string; receivedOn: string; statusChangedOn: string | null };

/** The tip whose lookup hash this is, with what its reporter may see; null when none. */
export async function findTipByLookupHash(lookupHash: Uint8Array): Promise<TTipForReporter | null> {
  const db = await getDb();
  return db.tip.findUnique({
    where: { lookupHash: bytes(lookupHash) },
    select: { id: true, status: true, receivedOn: true, statusChangedOn: true },
  });
}

/** Deletes a tip with its messages (retention, or an operator's decision). A no-op when it is gone. */
export async function deleteTip(id: string): Promise<void> {
  const db = await getDb();
  await db.tip.deleteMany({ where: { id } });
}

/**
 * Assigns a tip to an active operator, or to nobody (null). Resolves false, changing
 * nothing, when the tip is gone or the operator is unknown or deactivated.
 */
export async function assignTip(tipId: string, operatorId: string | null): Promise<boolean> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    if (operatorId !== null && !(await tx.operator.findFirst({ where: { id: operatorId, active: true }, select: { id: true } }))) return false;
    const updated = await tx.tip.updateMany({ where: { id: tipId }, data: { assignedOperatorId: operatorId } });
    return updated.count === 1;
  });
}
