-- CreateTable
-- The audit log, WITHOUT ROWID like the tables before it: seq is the key, so the row order
-- on disk is the log's own order and nothing else. Prisma writes AUTOINCREMENT for an Int
-- @id, which SQLite refuses WITHOUT ROWID and which the log does not want anyway: the next
-- seq is the last one plus one, chosen in the appending transaction (lib/db/audit-entries.ts).
CREATE TABLE "AuditEntry" (
    "seq" INTEGER NOT NULL PRIMARY KEY,
    "day" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "operatorId" TEXT,
    "subject" TEXT,
    "prevHash" BLOB NOT NULL,
    "hash" BLOB NOT NULL
) WITHOUT ROWID;
