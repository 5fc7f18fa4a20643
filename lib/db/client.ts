import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { getEnv } from "@/lib/env";
import { PrismaClient } from "./generated/sqlite/client";
import { resolveDatabase } from "./resolve-database";

type TDb = PrismaClient;

const globalForDb = globalThis as unknown as { tiplineDb?: Promise<TDb> };

async function connect(): Promise<TDb> {
  const env = getEnv();
  const target = resolveDatabase(env.DATABASE_URL, env.TIPLINE_DATA_DIR);
  if (target.provider !== "sqlite") {
    throw new Error("PostgreSQL support is not built yet: set DATABASE_URL to a file: URL.");
  }
  const client = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: target.url, timeout: 10_000 }) });
  // Per-connection settings: a receipt is shown only after a commit that survives a power
  // cut (synchronous FULL), and deleted rows are overwritten, not merely unlinked.
  await client.$queryRawUnsafe("PRAGMA synchronous = FULL");
  await client.$queryRawUnsafe("PRAGMA secure_delete = ON");
  await client.$queryRawUnsafe("PRAGMA foreign_keys = ON");
  return client;
}

/** The one database client of this process. Rejects when the database cannot be opened. */
export function getDb(): Promise<TDb> {
  globalForDb.tiplineDb ??= connect().catch((error: unknown) => {
    globalForDb.tiplineDb = undefined;
    throw error;
  });
  return globalForDb.tiplineDb;
}
