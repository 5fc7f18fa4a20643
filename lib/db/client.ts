import "server-only";
import { getEnv } from "@/lib/env";
import { PrismaClient } from "./generated/sqlite/client";
import { resolveDatabase } from "./resolve-database";
import { createSqliteAdapter } from "./sqlite-adapter";

type TDb = PrismaClient;

const globalForDb = globalThis as unknown as { tiplineDb?: Promise<TDb> };

async function connect(): Promise<TDb> {
  const env = getEnv();
  const target = resolveDatabase(env.DATABASE_URL, env.TIPLINE_DATA_DIR);
  if (target.provider !== "sqlite") {
    throw new Error("PostgreSQL support is not built yet: set DATABASE_URL to a file: URL.");
  }
  return new PrismaClient({ adapter: createSqliteAdapter(target.url) });
}

/** The one database client of this process. Rejects when the database cannot be opened. */
export function getDb(): Promise<TDb> {
  globalForDb.tiplineDb ??= connect().catch((error: unknown) => {
    globalForDb.tiplineDb = undefined;
    throw error;
  });
  return globalForDb.tiplineDb;
}
