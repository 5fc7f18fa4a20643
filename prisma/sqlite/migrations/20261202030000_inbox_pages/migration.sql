-- The operators' inbox is read in pages along (receivedOn, id) (lib/db/tips.ts,
-- listTipsPage); the index on receivedOn alone is replaced, since the new one serves its
-- queries too. Generated with prisma migrate diff.
-- DropIndex
DROP INDEX "Tip_receivedOn_idx";

-- CreateIndex
CREATE INDEX "Tip_receivedOn_id_idx" ON "Tip"("receivedOn", "id");
