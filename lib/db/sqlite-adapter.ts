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
