import Database from "better-sqlite3";
import pg from "pg";

// The database the app under comparison uses: SQLite (BARE_DB_FILE) or PostgreSQL
// (BARE_DATABASE_URL, whose search_path names the schema the benchmark made the table in).
// One SQLite connection per process, with the tip line's settings: WAL, a commit on disk
// before the answer (synchronous FULL), a wait for the lock instead of a failure. On
// PostgreSQL a pool of 10 per process, as the tip line's (lib/db/client.ts), and a normal
// commit per insert.
const globalForStore = globalThis as unknown as { bareDb?: Database.Database; barePool?: pg.Pool };

function sqlite(file: string): Database.Database {
  if (!globalForStore.bareDb) {
    const opened = new Database(file);
    opened.pragma("journal_mode = WAL");
    opened.pragma("synchronous = FULL");
    opened.pragma("busy_timeout = 10000");
    opened.exec("CREATE TABLE IF NOT EXISTS blob (id INTEGER PRIMARY KEY, body BLOB NOT NULL)");
    globalForStore.bareDb = opened;
  }
  return globalForStore.bareDb;
}

function postgres(connectionString: string): pg.Pool {
  globalForStore.barePool ??= new pg.Pool({ connectionString, max: 10 });
  return globalForStore.barePool;
}

/** Inserts one blob and resolves once it is committed. */
export async function insertBlob(body: Buffer): Promise<void> {
  const url = process.env.BARE_DATABASE_URL;
  if (url) {
    await postgres(url).query("INSERT INTO blob (body) VALUES ($1)", [body]);
    return;
  }
  const file = process.env.BARE_DB_FILE;
  if (!file) throw new Error("neither BARE_DATABASE_URL nor BARE_DB_FILE is set");
  sqlite(file).prepare("INSERT INTO blob (body) VALUES (?)").run(body);
}
