import "server-only";
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

const MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "sqlite", "migrations");

/**
 * Applies pending migration folders of prisma/sqlite/migrations to a SQLite file, each in
 * one transaction, and records them in `_prisma_migrations` exactly as `prisma migrate
 * deploy` does (same table, same sha256 checksum), so both tools agree. Creates the file
 * and its folder when missing, switches the file to WAL and turns on secure_delete.
 * Throws, applying nothing further, when a migration fails or an applied one was edited.
 */
export function migrateSqlite(file: string, migrationsDir = MIGRATIONS_DIR): { applied: string[] } {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const db = new Database(file);
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("secure_delete = ON");
    db.pragma("busy_timeout = 10000");
    db.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`);
    const names = fs
      .readdirSync(migrationsDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    const applied: string[] = [];
    // BEGIN IMMEDIATE takes the write lock first, so two processes starting at once
    // cannot both apply the same migration.
    const apply = db.transaction((name: string, sql: string, checksum: string) => {
      const done = db
        .prepare(`SELECT checksum FROM "_prisma_migrations" WHERE migration_name = ? AND finished_at IS NOT NULL AND rolled_back_at IS NULL`)
        .get(name) as { checksum: string } | undefined;
      if (done) {
        if (done.checksum !== checksum) throw new Error(`Migration ${name} was changed after it was applied.`);
        return false;
      }
      const started = new Date().toISOString();
      db.exec(sql);
      db.prepare(
        `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count) VALUES (?, ?, ?, ?, NULL, NULL, ?, 1)`,
      ).run(randomUUID(), checksum, new Date().toISOString(), name, started);
      return true;
    });
    for (const name of names) {
      const sql = fs.readFileSync(path.join(migrationsDir, name, "migration.sql"), "utf8");
      const checksum = createHash("sha256").update(sql).digest("hex");
      if (apply.immediate(name, sql, checksum)) applied.push(name);
    }
    return { applied };
  } finally {
    db.close();
  }
}
