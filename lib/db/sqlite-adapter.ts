import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

// Per-connection settings, applied to every connection Prisma opens (it opens a new one
// after a disconnect): a commit survives a power cut before a receipt is shown
// (synchronous FULL under WAL), deleted rows are overwritten rather than merely unlinked,
// and a writer waits for another instance's lock instead of failing at once.
const CONNECTION_PRAGMAS = ["synchronous = FULL", "secure_delete = ON", "foreign_keys = ON", "busy_timeout = 10000"];

type TAdapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;
type TTransaction = Awaited<ReturnType<TAdapter["startTransaction"]>>;

/** A first-come first-served lock: acquire() resolves with the function that releases it. */
function createLock() {
  let tail = Promise.resolve();
  return () =>
    new Promise<() => void>((resolve) => {
      const previous = tail;
      let release!: () => void;
      tail = new Promise<void>((done) => (release = done));
      void previous.then(() => resolve(release));
    });
}

/**
 * Ends a transaction's hold on the lock when it commits or rolls back, whichever comes
 * first, once.
 */
function releasingOnEnd(transaction: TTransaction, release: () => void): TTransaction {
  let released = false;
  const end = () => {
    if (!released) {
      released = true;
      release();
    }
  };
  return new Proxy(transaction, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if ((property === "commit" || property === "rollback") && typeof value === "function") {
        return async (...args: unknown[]) => {
          try {
            return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          } finally {
            end();
          }
        };
      }
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/**
 * Makes the adapter's transactions start with BEGIN IMMEDIATE instead of BEGIN.
 *
 * With more than one process on the file (TIPLINE_WORKERS > 1, or a script beside the
 * server), a deferred transaction that reads and then writes fails at once with
 * SQLITE_BUSY when another process committed in between: SQLite cannot upgrade a stale
 * read snapshot, and the busy timeout does not apply. An immediate transaction takes the
 * write lock first and waits for it like any other write. The adapter issues its BEGIN
 * through its better-sqlite3 client; that one statement is swapped.
 */
function beginImmediate(adapter: TAdapter): void {
  const client = (adapter as unknown as { client?: { prepare?: unknown } }).client;
  if (!client || typeof client.prepare !== "function") {
    throw new Error("@prisma/adapter-better-sqlite3 no longer exposes its client: BEGIN IMMEDIATE cannot be set");
  }
  const prepare = (client.prepare as (sql: string) => unknown).bind(client);
  client.prepare = (sql: string) => prepare(sql === "BEGIN" ? "BEGIN IMMEDIATE" : sql);
}

/**
 * The better-sqlite3 driver adapter, with this app's settings on each new connection.
 *
 * The adapter has one connection per process and locks it only for interactive
 * transactions: a plain query issued while another request's transaction is open would
 * run INSIDE that transaction, and vanish if it rolls back — a tip whose receipt was
 * already shown. So every statement outside a transaction waits for the same lock.
 */
export function createSqliteAdapter(url: string) {
  const inner = new PrismaBetterSQLite3({ url, timeout: 10_000 });
  return {
    provider: "sqlite" as const,
    adapterName: inner.adapterName,
    async connect(): Promise<TAdapter> {
      const adapter = await inner.connect();
      beginImmediate(adapter);
      for (const pragma of CONNECTION_PRAGMAS) {
        await adapter.queryRaw({ sql: `PRAGMA ${pragma}`, args: [], argTypes: [] });
      }
      const acquire = createLock();
      return new Proxy(adapter, {
        get(target, property, receiver) {
          const value = Reflect.get(target, property, receiver) as unknown;
          if (typeof value !== "function") return value;
          const method = value as (...a: unknown[]) => Promise<unknown>;
          if (property === "queryRaw" || property === "executeRaw" || property === "executeScript") {
            return async (...args: unknown[]) => {
              const release = await acquire();
              try {
                return await method.apply(target, args);
              } finally {
                release();
              }
            };
          }
          if (property === "startTransaction") {
            return async (...args: unknown[]) => {
              const release = await acquire();
              try {
                return releasingOnEnd((await method.apply(target, args)) as TTransaction, release);
              } catch (error) {
                release();
                throw error;
              }
            };
          }
          return method.bind(target);
        },
      });
    },
  };
}
