import "server-only";
import { getEnv } from "@/lib/env";
import { bytes } from "./bytes";
import { getDb } from "./client";
import { splitPostgresUrl } from "./postgres-url";
import { resolveDatabase } from "./resolve-database";

/** One entry of the audit log, as stored. */
export type TAuditEntry = {
  seq: number;
  day: string;
  action: string;
  operatorId: string | null;
  subject: string | null;
  prevHash: Uint8Array;
  hash: Uint8Array;
};

/** What a caller supplies; the log chooses seq and prevHash. */
export type TNewAuditEntry = Pick<TAuditEntry, "day" | "action" | "operatorId" | "subject">;

/** The prevHash of the first entry: there is nothing before it. */
export const GENESIS_PREV_HASH: Uint8Array = new Uint8Array(32);

const SELECT = { seq: true, day: true, action: true, operatorId: true, subject: true, prevHash: true, hash: true } as const;

// Appends are serialised so that each reads the last entry only after the one before it
// has committed:
// - PostgreSQL: the transaction first locks the table against other appenders (EXCLUSIVE
//   mode conflicts with itself and with INSERT, not with reads), held until commit, on
//   every instance's every connection. Without it, appends racing from ten pooled
//   connections and several instances all read the same last entry and all but one
//   collide: 40 at once from one instance lost 19 entries after five attempts each.
// - SQLite: this process's appends queue for its one connection, and another process
//   waits for the write lock (busy_timeout).
// Should a writer still take the same seq first (an SQLite snapshot gone stale across
// processes), the insert collides on the primary key and the whole transaction is retried
// against the new last entry. The primary key, not the lock or the retry, is what keeps
// the log gapless and unforked; the lock is what keeps every entry.
const RETRYABLE = new Set(["P2002", "P2034"]);
const MAX_ATTEMPTS = 5;

/** PostgreSQL: the statement that makes appends wait for each other; SQLite: null. */
function appendLockStatement(): string | null {
  const env = getEnv();
  const target = resolveDatabase(env.DATABASE_URL, env.TIPLINE_DATA_DIR);
  if (target.provider !== "postgres") return null;
  // Raw SQL resolves names through the connection's search_path, not the URL's schema that
  // Prisma writes before its own table names; so the schema is named here. splitPostgresUrl
  // admits only a plain identifier, which is safe to quote into the statement.
  return `LOCK TABLE "${splitPostgresUrl(target.url).schema}"."AuditEntry" IN EXCLUSIVE MODE`;
}

/**
 * Appends one entry at the end of the audit log in one transaction, one append at a time
 * across all instances sharing the database: reads the last entry, numbers the new one
 * `last.seq + 1` (1 for the first) with `prevHash` = the last entry's hash (32 zero bytes
 * for the first), and stores `hash(entry)` as computed by the caller for exactly those
 * values. Retries when another writer took the same seq first. Rejects on any other
 * database error, or when `hash` throws; nothing is written then.
 */
export async function appendAuditEntry(
  entry: TNewAuditEntry,
  hash: (entry: Omit<TAuditEntry, "hash">) => Uint8Array,
): Promise<TAuditEntry> {
  const db = await getDb();
  const lock = appendLockStatement();
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(
        async (tx) => {
          if (lock) await tx.$executeRawUnsafe(lock);
          const last = await tx.auditEntry.findFirst({ select: { seq: true, hash: true }, orderBy: { seq: "desc" } });
          const next = { ...entry, seq: (last?.seq ?? 0) + 1, prevHash: new Uint8Array(last ? last.hash : GENESIS_PREV_HASH) };
          const stored = { ...next, hash: hash(next) };
          await tx.auditEntry.create({ data: { ...stored, prevHash: bytes(stored.prevHash), hash: bytes(stored.hash) }, select: { seq: true } });
          return stored;
        },
        // In-process appends queue for the one SQLite connection; wait as long as SQLite
        // waits for another instance's lock rather than fail an operator's request.
        { maxWait: 10_000, timeout: 10_000 },
      );
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || !RETRYABLE.has(String((error as { code?: unknown }).code))) throw error;
    }
  }
}

/**
 * Up to `limit` entries in seq order, from the first (`afterSeq` null) or after `afterSeq`:
 * page through the whole log by passing the last seq of each page. A page shorter than
 * `limit` is the last. Rejects when the database cannot be read.
 */
export async function listAuditEntries(afterSeq: number | null, limit: number): Promise<TAuditEntry[]> {
  const db = await getDb();
  const rows = await db.auditEntry.findMany({
    where: afterSeq === null ? {} : { seq: { gt: afterSeq } },
    select: SELECT,
    orderBy: { seq: "asc" },
    take: limit,
  });
  return rows.map((row) => ({ ...row, prevHash: new Uint8Array(row.prevHash), hash: new Uint8Array(row.hash) }));
}
