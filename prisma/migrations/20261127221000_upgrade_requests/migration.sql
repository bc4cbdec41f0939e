-- CreateEnum
CREATE TYPE "UpgradeRequestStatus" AS ENUM ('open', 'approved', 'denied');

-- CreateTable
CREATE TABLE "UpgradeRequest" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "currentPlan" "Plan" NOT NULL,
    "requestedPlan" "Plan" NOT NULL,
    "message" TEXT,
    "status" "UpgradeRequestStatus" NOT NULL DEFAULT 'open',
    "reason" TEXT,
    "requestedById" UUID,
    "answeredById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "answeredAt" TIMESTAMPTZ(3),

    CONSTRAINT "UpgradeRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "UpgradeRequest_organizationId_createdAt_idx" ON "UpgradeRequest"("organizationId", "createdAt");

-- CreateIndex
CREATE INDEX "UpgradeRequest_status_createdAt_idx" ON "UpgradeRequest"("status", "createdAt");

-- AddForeignKey
ALTER TABLE "UpgradeRequest" ADD CONSTRAINT "UpgradeRequest_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- One open request per organization (lib/upgrade-requests turns a violation into a 409).
ALTER TABLE "UpgradeRequest" ADD CONSTRAINT "UpgradeRequest_one_open_per_organization" EXCLUDE USING gist ("organizationId" WITH =) WHERE ("status" = 'open');
