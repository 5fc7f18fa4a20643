// The database under test. The vitest project "sqlite" runs the database suites on a SQLite
// file in each test's data folder; the project "postgres" (defined only when
// TEST_DATABASE_URL is set) runs the same suites with TIPLINE_TEST_DB=postgres, and each
// test file then gets a fresh schema of its own on TEST_DATABASE_URL's database, dropped
// after the file (tests/support/postgres-project.ts).
//
// The raw helpers read and write that database directly, past lib/, as someone holding a
// seized copy of it would. They take SQL with double-quoted identifiers ("Tip",
// "assignedOperatorId": Prisma's names, which PostgreSQL keeps in mixed case and SQLite
// reads either way) and `?` placeholders; bytes come back as Buffers and integers, counts
// included, as numbers, on both engines.
import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { dropSchema, freshSchemaUrl } from "./postgres";

export type TEngine = "sqlite" | "postgres";

export const ENGINE: TEngine = process.env.TIPLINE_TEST_DB === "postgres" ? "postgres" : "sqlite";
export const ON_POSTGRES = ENGINE === "postgres";

/**
 * A fixed port of a test file, moved out of the way on PostgreSQL: the two projects run
 * the same files at the same time, and neither may take the other's port. (+200 keeps
 * clear of 3290-3330, where benchmarks run.)
 */
export function testPort(port: number): number {
  return ON_POSTGRES ? port + 200 : port;
}

let fileSchema: { url: string; schema: string } | null = null;
let pool: pg.Pool | null = null;

/**
 * The DATABASE_URL of this test file's database: "" on SQLite (the file in the data
 * folder), else the URL of the file's own fresh schema, the same on every call.
 */
export function testDatabaseUrl(): string {
  if (!ON_POSTGRES) return "";
  fileSchema ??= freshSchemaUrl();
  return fileSchema.url;
}

/**
 * After a test file: closes the raw connections and the app's client of this process,
 * and drops the file's schema (PostgreSQL). Does nothing on SQLite or when no schema was made.
 */
export async function releaseTestDatabase(): Promise<void> {
  if (!fileSchema) return;
  await pool?.end();
  pool = null;
  const client = (globalThis as unknown as { tiplineDb?: Promise<{ $disconnect(): Promise<void> }> }).tiplineDb;
  if (client) await (await client.catch(() => null))?.$disconnect();
  await dropSchema(fileSchema.schema);
  fileSchema = null;
}

function postgresPool(): pg.Pool {
  if (!fileSchema) throw new Error("no PostgreSQL schema for this test file: seed it first (seedFirstOperator)");
  const url = new URL(fileSchema.url);
  url.searchParams.delete("schema");
  pool ??= new pg.Pool({
    connectionString: url.toString(),
    max: 2,
    // Raw SQL names tables without a schema: this file's schema is the only one searched.
    options: `-c search_path=${fileSchema.schema}`,
    // COUNT(*) is a bigint: a number, as better-sqlite3 gives it.
    types: { getTypeParser: ((oid: number, format?: string) => (oid === 20 ? Number : pg.types.getTypeParser(oid, format as "text"))) as typeof pg.types.getTypeParser },
  });
  return pool;
}

const sqliteFile = (dataDir: string) => path.join(dataDir, "tipline.db");

/** `?` placeholders as PostgreSQL numbers them. */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** Parameters as each driver takes them (better-sqlite3 binds no booleans and no dates). */
function bound(params: unknown[]): unknown[] {
  return params.map((value) => {
    if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    if (ON_POSTGRES) return value;
    if (typeof value === "boolean") return value ? 1 : 0;
    // As Prisma's SQLite adapter writes a DateTime.
    if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
    return value;
  });
}

/** The rows a query gives, read straight from the database under test. */
export async function readRows<T = Record<string, unknown>>(dataDir: string, sql: string, params: unknown[] = []): Promise<T[]> {
  if (ON_POSTGRES) return (await postgresPool().query(numbered(sql), bound(params))).rows as T[];
  const db = new Database(sqliteFile(dataDir), { readonly: true, fileMustExist: true });
  try {
    db.pragma("busy_timeout = 10000");
    return db.prepare(sql).all(...bound(params)) as T[];
  } finally {
    db.close();
  }
}

/** The rows as arrays of values in column order (for hashing whole tables). */
export async function readRawRows(dataDir: string, sql: string): Promise<unknown[][]> {
  if (ON_POSTGRES) return (await postgresPool().query({ text: sql, rowMode: "array" })).rows as unknown[][];
  const db = new Database(sqliteFile(dataDir), { readonly: true, fileMustExist: true });
  try {
    db.pragma("busy_timeout = 10000");
    return db.prepare(sql).raw().all() as unknown[][];
  } finally {
    db.close();
  }
}

/**
 * Runs statements in one transaction, past the app (the test owns the database); resolves
 * with the rows each changed. On SQLite with secure_delete on, as on the app's own
 * connections, so that a rewritten row leaves no old version behind.
 */
export async function writeRows(dataDir: string, statements: [sql: string, params?: unknown[]][]): Promise<number[]> {
  if (ON_POSTGRES) {
    const client = await postgresPool().connect();
    try {
      await client.query("BEGIN");
      const changed: number[] = [];
      for (const [sql, params = []] of statements) changed.push((await client.query(numbered(sql), bound(params))).rowCount ?? 0);
      await client.query("COMMIT");
      return changed;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
  const db = new Database(sqliteFile(dataDir), { fileMustExist: true });
  try {
    db.pragma("secure_delete = ON");
    db.pragma("busy_timeout = 10000");
    return db.transaction(() => statements.map(([sql, params = []]) => db.prepare(sql).run(...bound(params)).changes))();
  } finally {
    db.close();
  }
}

/** One statement, as writeRows runs it; resolves with the rows it changed. */
export async function writeRow(dataDir: string, sql: string, params: unknown[] = []): Promise<number> {
  return (await writeRows(dataDir, [[sql, params]]))[0]!;
}

/** The tables of the database under test (Prisma's _prisma_migrations included), sorted. */
export async function listTables(dataDir: string): Promise<string[]> {
  const rows = ON_POSTGRES
    ? await readRows<{ name: string }>(dataDir, `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`)
    : await readRows<{ name: string }>(dataDir, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`);
  return rows.map((row) => row.name).sort();
}

/** A table's columns in order, with the type the engine declares (INTEGER, BLOB; integer, bytea). */
export async function listColumns(dataDir: string, table: string): Promise<{ name: string; type: string }[]> {
  if (ON_POSTGRES) {
    return readRows(dataDir, `SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position`, [table]);
  }
  return (await readRows<{ name: string; type: string }>(dataDir, `SELECT name, type FROM pragma_table_info(?)`, [table])).map(({ name, type }) => ({ name, type }));
}

/** How many rows a table holds. */
export async function countRows(dataDir: string, table: string, where = "", params: unknown[] = []): Promise<number> {
  return (await readRows<{ n: number }>(dataDir, `SELECT COUNT(*) AS n FROM "${table}"${where ? ` WHERE ${where}` : ""}`, params))[0]!.n;
}

/**
 * Every byte the database under test would hand someone who seized it. SQLite: the
 * database file, after its write-ahead log is copied in (free pages and old row versions
 * included, so this is the stronger check). PostgreSQL: every value of every row of every
 * table in the file's schema (the server's files are not this test's to read).
 */
export async function seizedBytes(dataDir: string): Promise<Buffer> {
  if (!ON_POSTGRES) {
    const db = new Database(sqliteFile(dataDir), { fileMustExist: true });
    db.pragma("busy_timeout = 10000");
    db.pragma("wal_checkpoint(TRUNCATE)");
    db.close();
    return fs.readFileSync(sqliteFile(dataDir));
  }
  const parts: Buffer[] = [];
  for (const table of await listTables(dataDir)) {
    for (const row of await readRawRows(dataDir, `SELECT * FROM "${table}"`)) {
      for (const value of row) {
        if (value === null) continue;
        parts.push(Buffer.isBuffer(value) ? value : Buffer.from(value instanceof Date ? value.toISOString() : String(value)), Buffer.from([0]));
      }
    }
  }
  return Buffer.concat(parts);
}
