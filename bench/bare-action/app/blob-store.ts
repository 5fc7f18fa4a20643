import Database from "better-sqlite3";

// One connection per process, with the tip line's settings: WAL, a commit on disk before
// the answer (synchronous FULL), and a wait for the lock instead of a failure.
const globalForStore = globalThis as unknown as { bareDb?: Database.Database };

function db(): Database.Database {
  if (!globalForStore.bareDb) {
    const file = process.env.BARE_DB_FILE;
    if (!file) throw new Error("BARE_DB_FILE is not set");
    const opened = new Database(file);
    opened.pragma("journal_mode = WAL");
    opened.pragma("synchronous = FULL");
    opened.pragma("busy_timeout = 10000");
    opened.exec("CREATE TABLE IF NOT EXISTS blob (id INTEGER PRIMARY KEY, body BLOB NOT NULL)");
    globalForStore.bareDb = opened;
  }
  return globalForStore.bareDb;
}

/** Inserts one blob and returns once it is committed. */
export function insertBlob(body: Buffer): void {
  db().prepare("INSERT INTO blob (body) VALUES (?)").run(body);
}
