-- Tips and messages without SQLite's implicit rowid: in a rowid table rows sit in insertion
-- order, which tells a seized database the order of submissions within a day. Keyed by
-- their random id instead, rows carry no order. (Prisma's schema cannot express
-- WITHOUT ROWID; the columns, keys and indexes are exactly those of schema.prisma.)
CREATE TABLE "new_Tip" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sealed" BLOB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'received',
    "receivedOn" TEXT NOT NULL,
    "lookupHash" BLOB NOT NULL,
    "statusChangedOn" TEXT
) WITHOUT ROWID;
INSERT INTO "new_Tip" ("id", "sealed", "status", "receivedOn", "lookupHash", "statusChangedOn")
    SELECT "id", "sealed", "status", "receivedOn", "lookupHash", "statusChangedOn" FROM "Tip";

CREATE TABLE "new_Message" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tipId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "author" TEXT NOT NULL,
    "sealedForReporter" BLOB NOT NULL,
    "sealedForDesk" BLOB NOT NULL,
    "createdOn" TEXT NOT NULL,
    "readByDesk" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "Message_tipId_fkey" FOREIGN KEY ("tipId") REFERENCES "Tip" ("id") ON DELETE CASCADE ON UPDATE CASCADE
) WITHOUT ROWID;
INSERT INTO "new_Message" ("id", "tipId", "seq", "author", "sealedForReporter", "sealedForDesk", "createdOn", "readByDesk")
    SELECT "id", "tipId", "seq", "author", "sealedForReporter", "sealedForDesk", "createdOn", "readByDesk" FROM "Message";

DROP TABLE "Message";
DROP TABLE "Tip";
ALTER TABLE "new_Tip" RENAME TO "Tip";
ALTER TABLE "new_Message" RENAME TO "Message";
CREATE UNIQUE INDEX "Tip_lookupHash_key" ON "Tip"("lookupHash");
CREATE INDEX "Tip_receivedOn_idx" ON "Tip"("receivedOn");
CREATE UNIQUE INDEX "Message_tipId_seq_key" ON "Message"("tipId", "seq");
