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

/** Every tip, newest day first (then by id, descending: the inbox's page order). */
export async function listTips(): Promise<TStoredTip[]> {
  const db = await getDb();
  const rows = await db.tip.findMany({ select: TIP_COLUMNS, orderBy: TIP_ORDER });
  return rows.map((row) => ({ ...row, sealed: new Uint8Array(row.sealed) }));
}

/** Where a page of the inbox ended: the last tip's day and id. */
export type TTipCursor = { receivedOn: string; id: string };

const TIP_COLUMNS = { id: true, sealed: true, status: true, receivedOn: true, assignedOperatorId: true } as const;
const TIP_ORDER = [{ receivedOn: "desc" }, { id: "desc" }] as const satisfies { receivedOn?: "desc"; id?: "desc" }[];

/**
 * One page of the operators' inbox: up to `limit` sealed tips after `after` (null: from the
 * newest), newest day first, then by id descending. A keyset, not an offset: a page costs
 * the same however deep it is, and a tip deleted between two pages moves nothing. A tip
 * that arrives while the pages are read may fall behind the cursor; the next listing has
 * it. One plain statement with a row-value comparison, which both databases answer from
 * the (receivedOn, id) index (through the model API, an OR of two conditions, the 20 pages
 * of a 10,000-tip inbox spent 4.2 s in SQLite against 1.1 s), and the blobs come as hex
 * text (see `hex` in ./client.ts).
 */
export async function listTipsPage(after: TTipCursor | null, limit: number): Promise<TStoredTip[]> {
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw new RangeError("page size must be 1 to 10000");
  const db = await getDb();
  const sql = rawSqlDialect();
  const where = after ? `WHERE ("receivedOn", "id") < (${sql.param(1)}, ${sql.param(2)}) ` : "";
  const rows = await db.$queryRawUnsafe<(Omit<TStoredTip, "sealed"> & { sealedHex: string })[]>(
    `SELECT "id", ${sql.hex("sealed")} AS "sealedHex", "status", "receivedOn", "assignedOperatorId" FROM ${sql.table("Tip")} ${where}ORDER BY "receivedOn" DESC, "id" DESC LIMIT ${limit}`,
    ...(after ? [after.receivedOn, after.id] : []),
  );
  return rows.map(({ sealedHex, ...row }) => ({ ...row, sealed: new Uint8Array(Buffer.from(sealedHex, "hex")) }));
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
