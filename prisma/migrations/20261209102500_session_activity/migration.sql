-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "clientAddress" TEXT,
ADD COLUMN     "lastSeenAt" TIMESTAMPTZ(3);
