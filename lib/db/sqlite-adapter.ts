import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

// Per-connection settings, applied to every connection Prisma opens (it opens a new one
// after a disconnect): a commit survives a power cut before a receipt is shown
// (synchronous FULL under WAL), deleted rows are overwritten rather than merely unlinked,
// and a writer waits for another instance's lock instead of failing at once.
const CONNECTION_PRAGMAS = ["synchronous = FULL", "secure_delete = ON", "foreign_keys = ON", "busy_timeout = 10000"];

type TAdapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;

/** The better-sqlite3 driver adapter, with this app's settings on each new connection. */
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
      return adapter;
    },
  };
}
