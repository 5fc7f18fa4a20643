import "server-only";
import { bytes } from "./bytes";
import { getDb, rawSqlDialect } from "./client";

/**
 * The desk key that new tips are sealed to, or null before first-run setup. Read on every
 * form page, status page and no-JavaScript submission, so it is one plain statement: the
 * same query through the model API cost 0.79 ms here against 0.35 ms, because Prisma's
 * query compiler plans every call afresh. `"active"` alone is the test on both databases
 * (a boolean in PostgreSQL, 0 or 1 in SQLite).
 */
export async function findActiveDeskKey(): Promise<{ id: string; publicKey: Uint8Array } | null> {
  const db = await getDb();
  const sql = rawSqlDialect();
  const rows = await db.$queryRawUnsafe<{ id: string; publicKey: Uint8Array }[]>(
    `SELECT "id", "publicKey" FROM ${sql.table("DeskKey")} WHERE "active" ORDER BY "createdAt" DESC, "id" DESC LIMIT 1`,
  );
  const row = rows[0];
  return row ? { id: row.id, publicKey: new Uint8Array(row.publicKey) } : null;
}

/**
 * Rotates the desk key in one transaction, with what an admin's browser made: the new key
 * pair's public half, the old private key sealed under the new public key, and a grant of
 * the new private key for every active operator who holds the old one. The old key stops
 * being the one new tips are sealed to; its grants are deleted, so that from now on it is
 * reachable only through the new key. Resolves false, changing nothing, when
 * `previousDeskKeyId` is no longer the active key (someone rotated first) or the grants do
 * not cover exactly the operators who hold the old key (nobody may silently lose access).
 */
export async function rotateDeskKey(input: {
  previousDeskKeyId: string;
  deskKeyId: string;
  publicKey: Uint8Array;
  sealedPrevious: Uint8Array;
  grants: { operatorId: string; sealed: Uint8Array }[];
}): Promise<boolean> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const current = await tx.deskKey.findFirst({ where: { id: input.previousDeskKeyId, active: true }, select: { id: true } });
    if (!current) return false;
    const holders = await tx.deskKeyGrant.findMany({ where: { deskKeyId: current.id, operator: { active: true } }, select: { operatorId: true } });
    const expected = new Set(holders.map((holder) => holder.operatorId));
    const given = new Set(input.grants.map((grant) => grant.operatorId));
    if (given.size !== input.grants.length || given.size !== expected.size || [...given].some((id) => !expected.has(id))) return false;
    await tx.deskKey.create({ data: { id: input.deskKeyId, publicKey: bytes(input.publicKey), active: true }, select: { id: true } });
    await tx.deskKey.update({
      where: { id: current.id },
      data: { active: false, sealedUnderSuccessor: bytes(input.sealedPrevious), successorId: input.deskKeyId },
      select: { id: true },
    });
    await tx.deskKeyGrant.deleteMany({ where: { deskKeyId: { not: input.deskKeyId } } });
    await tx.deskKeyGrant.createMany({ data: input.grants.map((grant) => ({ operatorId: grant.operatorId, deskKeyId: input.deskKeyId, sealed: bytes(grant.sealed) })) });
    return true;
  });
}
