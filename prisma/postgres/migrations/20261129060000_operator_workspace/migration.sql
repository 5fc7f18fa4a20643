-- Operator workspace: assignment, TOTP and recovery codes, desk-key rotation, the police key and the outbox.
-- AlterTable
ALTER TABLE "Tip" ADD COLUMN     "assignedOperatorId" TEXT;

-- AlterTable
ALTER TABLE "Operator" ADD COLUMN     "totpLastStep" INTEGER,
ADD COLUMN     "totpSecretSealed" BYTEA;

-- AlterTable
ALTER TABLE "DeskKey" ADD COLUMN     "sealedUnderSuccessor" BYTEA,
ADD COLUMN     "successorId" TEXT;

-- CreateTable
CREATE TABLE "RecoveryCode" (
    "hash" BYTEA NOT NULL,
    "operatorId" TEXT NOT NULL,

    CONSTRAINT "RecoveryCode_pkey" PRIMARY KEY ("hash")
);

-- CreateTable
CREATE TABLE "PoliceKey" (
    "id" TEXT NOT NULL,
    "publicKey" BYTEA NOT NULL,
    "label" TEXT NOT NULL,
    "createdOn" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "PoliceKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PolicePackage" (
    "id" TEXT NOT NULL,
    "tipId" TEXT NOT NULL,
    "policeKeyId" TEXT NOT NULL,
    "operatorId" TEXT NOT NULL,
    "sealed" BYTEA NOT NULL,
    "createdOn" TEXT NOT NULL,
    "policeReference" TEXT,

    CONSTRAINT "PolicePackage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RecoveryCode_operatorId_idx" ON "RecoveryCode"("operatorId");

-- CreateIndex
CREATE INDEX "PolicePackage_tipId_idx" ON "PolicePackage"("tipId");

-- AddForeignKey
ALTER TABLE "RecoveryCode" ADD CONSTRAINT "RecoveryCode_operatorId_fkey" FOREIGN KEY ("operatorId") REFERENCES "Operator"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PolicePackage" ADD CONSTRAINT "PolicePackage_tipId_fkey" FOREIGN KEY ("tipId") REFERENCES "Tip"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PolicePackage" ADD CONSTRAINT "PolicePackage_policeKeyId_fkey" FOREIGN KEY ("policeKeyId") REFERENCES "PoliceKey"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

