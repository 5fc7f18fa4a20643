import "server-only";
import { bytes } from "./bytes";
import { getDb, rawSqlDialect } from "./client";
import { createGroupCommit } from "./group-commit";

export type TStoredTip = { id: string; sealed: Uint8Array; status: string; receivedOn: string; assignedOperatorId: string | null };

type TNewTip = { id: string; sealed: Uint8Array; receivedOn: string; lookupHash: Uint8Array };
type TInsertResult = "inserted" | "exists";

/**
 * Inserts one sealed tip and resolves only after the commit (SQLite: synchronous FULL).
 * Resolves "exists" without writing when a tip with this lookup hash is already stored: the
 * same receipt code sent again is a retry after a lost answer, not a second tip. Rejects
 * on any other database error; nothing is written then.
 *
 * Tips that arrive together are written together (group commit, ./group-commit.ts): one
 * multi-row INSERT, one commit and one fsync for a burst, and each caller still resolves
 * only once its own row is committed.
 */
export function insertTip(row: TNewTip): Promise<TInsertResult> {
  return tipWrites.add(row);
}

/** What the tip writes' group commit has done in this process (for tests and benchmarks). */
export function tipWriteCounts(): { statements: number; items: number; fallbacks: number } {
  return tipWrites.counts();
}

/** One tip, through the Prisma client: the fallback when a batch fails. */
async function insertOneTip(row: TNewTip): Promise<TInsertResult> {
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

/**
 * Several tips in one statement, atomic on both databases. A row whose lookup hash is
 * already stored (or comes earlier in the same batch) is skipped and reported "exists";
 * any other error fails the whole statement, and the caller retries row by row.
 */
async function insertTipBatch(rows: TNewTip[]): Promise<TInsertResult[]> {
  const db = await getDb();
  const sql = rawSqlDialect();
  const values = rows.map((_, index) => `(${[1, 2, 3, 4].map((column) => sql.param(index * 4 + column)).join(", ")}, 'received')`);
  const inserted = await db.$queryRawUnsafe<{ id: string }[]>(
    `INSERT INTO ${sql.table("Tip")} ("id", "sealed", "receivedOn", "lookupHash", "status") VALUES ${values.join(", ")} ON CONFLICT ("lookupHash") DO NOTHING RETURNING "id"`,
    ...rows.flatMap((row) => [row.id, bytes(row.sealed), row.receivedOn, bytes(row.lookupHash)]),
  );
  const ids = new Set(inserted.map((row) => row.id));
  return rows.map((row) => (ids.has(row.id) ? "inserted" : "exists"));
}

// 4 parameters a row: 200 rows stay far below SQLite's 32,766 and PostgreSQL's 65,535.
const tipWrites = createGroupCommit<TNewTip, TInsertResult>({ writeBatch: insertTipBatch, writeOne: insertOneTip, maxBatch: 200 });

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
