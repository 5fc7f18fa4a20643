import "server-only";
import { getEnv } from "@/lib/env";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresPrismaClient } from "./generated/postgres/client";
import { PrismaClient } from "./generated/sqlite/client";
import { splitPostgresUrl } from "./postgres-url";
import { resolveDatabase } from "./resolve-database";
import { createSqliteAdapter } from "./sqlite-adapter";

type TDb = PrismaClient;

const globalForDb = globalThis as unknown as { tiplineDb?: Promise<TDb> };

async function connect(): Promise<TDb> {
  const env = getEnv();
  const target = resolveDatabase(env.DATABASE_URL, env.TIPLINE_DATA_DIR);
  if (target.provider === "postgres") {
    const { connectionString, schema } = splitPostgresUrl(target.url);
    const client = new PostgresPrismaClient({ adapter: new PrismaPg({ connectionString, max: 10 }, { schema }) });
    // The two generated clients have the same models and methods; the code is written once
    // against the SQLite client's types (a test holds the two schemas to the same models).
    return client as unknown as TDb;
  }
  // Transactions queue for the one SQLite connection; give them time to get their turn.
  return new PrismaClient({ adapter: createSqliteAdapter(target.url), transactionOptions: { maxWait: 15_000, timeout: 30_000 } });
}

type TRawSqlDialect = {
  table: (name: string) => string;
  param: (n: number) => string;
  /**
   * A bytes column as hex text. Both Prisma adapters hand a bytes value over as a JavaScript
   * array with one number per byte, which for a page of sealed tips is millions of heap
   * values; a string of twice the length is one.
   */
  hex: (column: string) => string;
};

// One dialect per parsed environment: it runs on hot paths (every form page reads the desk
// key, every tip batch is one raw INSERT), and DATABASE_URL does not change under a process.
const dialects = new WeakMap<object, TRawSqlDialect>();

/**
 * How raw SQL is written for the database DATABASE_URL chooses: a table's name, quoted and
 * on PostgreSQL qualified with the URL's schema (the Prisma adapter applies the schema to
 * model queries only; it sets no search_path), and the n-th parameter's placeholder.
 */
export function rawSqlDialect(): TRawSqlDialect {
  const env = getEnv();
  let dialect = dialects.get(env);
  if (!dialect) {
    const target = resolveDatabase(env.DATABASE_URL, env.TIPLINE_DATA_DIR);
    if (target.provider !== "postgres") {
      dialect = { table: (name) => `"${name}"`, param: () => "?", hex: (column) => `hex("${column}")` };
    } else {
      // splitPostgresUrl accepts plain identifiers only: the schema needs no escaping.
      const { schema } = splitPostgresUrl(target.url);
      dialect = { table: (name) => `"${schema}"."${name}"`, param: (n) => `$${n}`, hex: (column) => `encode("${column}", 'hex')` };
    }
    dialects.set(env, dialect);
  }
  return dialect;
}

/** The one database client of this process. Rejects when the database cannot be opened. */
export function getDb(): Promise<TDb> {
  globalForDb.tiplineDb ??= connect().catch((error: unknown) => {
    globalForDb.tiplineDb = undefined;
    throw error;
  });
  return globalForDb.tiplineDb;
}
