-- Job leases: one row per scheduled job, so that of several instances on one database only
-- one runs it per period (lib/db/job-leases.ts). Generated with prisma migrate diff.
-- CreateTable
CREATE TABLE "JobLease" (
    "name" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "JobLease_pkey" PRIMARY KEY ("name")
);
