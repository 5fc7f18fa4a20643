-- AlterTable
ALTER TABLE "Tip" ADD COLUMN "statusChangedOn" TEXT;

-- CreateTable
CREATE TABLE "Message" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tipId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "author" TEXT NOT NULL,
    "sealedForReporter" BLOB NOT NULL,
    "sealedForDesk" BLOB NOT NULL,
    "createdOn" TEXT NOT NULL,
    "readByDesk" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "Message_tipId_fkey" FOREIGN KEY ("tipId") REFERENCES "Tip" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RateLimitCounter" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "count" INTEGER NOT NULL,
    "expiresAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Message_tipId_seq_key" ON "Message"("tipId", "seq");

-- CreateIndex
CREATE INDEX "RateLimitCounter_expiresAt_idx" ON "RateLimitCounter"("expiresAt");

