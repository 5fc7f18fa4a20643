import "server-only";
import { bytes } from "./bytes";
import { getDb } from "./client";

export type TPoliceKey = { id: string; publicKey: Uint8Array; label: string; createdOn: string };

/** The police key that reports are sealed to now, or null when an admin has set none. */
export async function findActivePoliceKey(): Promise<TPoliceKey | null> {
  const db = await getDb();
  const row = await db.policeKey.findFirst({ where: { active: true }, select: { id: true, publicKey: true, label: true, createdOn: true } });
  return row ? { ...row, publicKey: new Uint8Array(row.publicKey) } : null;
}

/** Makes `key` the active police key in one transaction; earlier keys stay for their packages. */
export async function setPoliceKey(key: TPoliceKey): Promise<void> {
  const db = await getDb();
  await db.$transaction(async (tx) => {
    await tx.policeKey.updateMany({ where: { active: true }, data: { active: false } });
    await tx.policeKey.create({ data: { ...key, publicKey: bytes(key.publicKey), active: true }, select: { id: true } });
  });
}

/**
 * Stores a forwarded report in the outbox and marks its tip "forwarded" (with the day, which
 * the reporter sees), in one transaction. Only for an open tip (not closed) and while
 * `policeKeyId` is still the active police key; resolves false, changing nothing, otherwise.
 */
export async function insertPolicePackage(input: {
  id: string;
  tipId: string;
  policeKeyId: string;
  operatorId: string;
  sealed: Uint8Array;
  createdOn: string;
  policeReference: string | null;
}): Promise<boolean> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const key = await tx.policeKey.findFirst({ where: { id: input.policeKeyId, active: true }, select: { id: true } });
    const tip = await tx.tip.findUnique({ where: { id: input.tipId }, select: { status: true } });
    if (!key || !tip || tip.status === "closed") return false;
    await tx.policePackage.create({ data: { ...input, sealed: bytes(input.sealed) }, select: { id: true } });
    if (tip.status !== "forwarded") {
      await tx.tip.update({ where: { id: input.tipId }, data: { status: "forwarded", statusChangedOn: input.createdOn }, select: { id: true } });
    }
    return true;
  });
}

export type TOutboxEntry = { id: string; tipId: string; createdOn: string; operatorName: string | null; policeReference: string | null; policeKeyLabel: string };

/** The outbox, newest day first: what was sent, when (a day), by whom and the police's reference. */
export async function listOutbox(): Promise<TOutboxEntry[]> {
  const db = await getDb();
  const rows = await db.policePackage.findMany({
    select: { id: true, tipId: true, createdOn: true, operatorId: true, policeReference: true, policeKey: { select: { label: true } } },
    orderBy: [{ createdOn: "desc" }, { id: "asc" }],
  });
  const operators = await db.operator.findMany({ where: { id: { in: [...new Set(rows.map((row) => row.operatorId))] } }, select: { id: true, name: true } });
  const names = new Map(operators.map((operator) => [operator.id, operator.name]));
  return rows.map((row) => ({
    id: row.id,
    tipId: row.tipId,
    createdOn: row.createdOn,
    operatorName: names.get(row.operatorId) ?? null,
    policeReference: row.policeReference,
    policeKeyLabel: row.policeKey.label,
  }));
}

/** One package's sealed bytes for download, or null. */
export async function findPolicePackage(id: string): Promise<{ id: string; tipId: string; sealed: Uint8Array; createdOn: string } | null> {
  const db = await getDb();
  const row = await db.policePackage.findUnique({ where: { id }, select: { id: true, tipId: true, sealed: true, createdOn: true } });
  return row ? { ...row, sealed: new Uint8Array(row.sealed) } : null;
}

/** Records the reference the police gave a package; false when the package is gone. */
export async function setPoliceReference(id: string, policeReference: string | null): Promise<boolean> {
  const db = await getDb();
  const updated = await db.policePackage.updateMany({ where: { id }, data: { policeReference } });
  return updated.count === 1;
}
