-- Operator workspace: assignment, TOTP and recovery codes, desk-key rotation, the police key and
-- the outbox. New tables WITHOUT ROWID like those before them (hand-edited after migrate diff).
-- AlterTable
ALTER TABLE "Tip" ADD COLUMN "assignedOperatorId" TEXT;

-- AlterTable
ALTER TABLE "Operator" ADD COLUMN "totpLastStep" INTEGER;
ALTER TABLE "Operator" ADD COLUMN "totpSecretSealed" BLOB;

-- AlterTable
ALTER TABLE "DeskKey" ADD COLUMN "sealedUnderSuccessor" BLOB;
ALTER TABLE "DeskKey" ADD COLUMN "successorId" TEXT;

-- CreateTable
CREATE TABLE "RecoveryCode" (
    "hash" BLOB NOT NULL PRIMARY KEY,
    "operatorId" TEXT NOT NULL,
    CONSTRAINT "RecoveryCode_operatorId_fkey" FOREIGN KEY ("operatorId") REFERENCES "Operator" ("id") ON DELETE CASCADE ON UPDATE CASCADE
) WITHOUT ROWID;

-- CreateTable
CREATE TABLE "PoliceKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "publicKey" BLOB NOT NULL,
    "label" TEXT NOT NULL,
    "createdOn" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true
) WITHOUT ROWID;

-- CreateTable
CREATE TABLE "PolicePackage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tipId" TEXT NOT NULL,
    "policeKeyId" TEXT NOT NULL,
    "operatorId" TEXT NOT NULL,
    "sealed" BLOB NOT NULL,
    "createdOn" TEXT NOT NULL,
    "policeReference" TEXT,
    CONSTRAINT "PolicePackage_tipId_fkey" FOREIGN KEY ("tipId") REFERENCES "Tip" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PolicePackage_policeKeyId_fkey" FOREIGN KEY ("policeKeyId") REFERENCES "PoliceKey" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
) WITHOUT ROWID;

-- CreateIndex
CREATE INDEX "RecoveryCode_operatorId_idx" ON "RecoveryCode"("operatorId");

-- CreateIndex
CREATE INDEX "PolicePackage_tipId_idx" ON "PolicePackage"("tipId");

