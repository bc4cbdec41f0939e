-- CreateEnum
CREATE TYPE "LinkState" AS ENUM ('verifying', 'verification_failed', 'pending_approval', 'provisioning', 'pending_acceptance', 'available', 'rejected', 'disconnected', 'failed', 'expired', 'deleting', 'deleted', 'denied');

-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "awsAccountIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "externalId" UUID NOT NULL DEFAULT gen_random_uuid(),
ADD COLUMN     "linkQuota" INTEGER NOT NULL DEFAULT 10,
ADD COLUMN     "principalArn" TEXT;

-- CreateTable
CREATE TABLE "VendorRegion" (
    "region" TEXT NOT NULL,
    "isOffered" BOOLEAN NOT NULL DEFAULT true,
    "vpcId" TEXT NOT NULL,
    "subnets" JSONB NOT NULL,
    "securityGroupIds" TEXT[],
    "cidrs" TEXT[],
    "ports" INTEGER[],
    "crossRegionTo" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "VendorRegion_pkey" PRIMARY KEY ("region")
);

-- CreateTable
CREATE TABLE "Link" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "serviceName" TEXT NOT NULL,
    "serviceRegion" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "ports" INTEGER[],
    "state" "LinkState" NOT NULL,
    "checks" JSONB NOT NULL DEFAULT '[]',
    "endpointId" TEXT,
    "dnsNames" JSONB NOT NULL DEFAULT '{}',
    "lastErrorCode" TEXT,
    "lastError" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,
    "nextCheckAt" TIMESTAMPTZ(3),
    "stateChangedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Link_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LinkEvent" (
    "id" BIGSERIAL NOT NULL,
    "linkId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "fromState" "LinkState",
    "toState" "LinkState" NOT NULL,
    "reason" TEXT NOT NULL,
    "actorType" "ActorType" NOT NULL,
    "actorId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LinkEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AwsBudget" (
    "key" TEXT NOT NULL,
    "tokens" DOUBLE PRECISION NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "AwsBudget_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "Organization_externalId_key" ON "Organization"("externalId");

-- CreateIndex
CREATE INDEX "Link_organizationId_createdAt_idx" ON "Link"("organizationId", "createdAt");

-- CreateIndex
CREATE INDEX "Link_state_nextCheckAt_idx" ON "Link"("state", "nextCheckAt");

-- CreateIndex
CREATE INDEX "Link_endpointId_idx" ON "Link"("endpointId");

-- CreateIndex
CREATE INDEX "LinkEvent_linkId_id_idx" ON "LinkEvent"("linkId", "id");

-- CreateIndex
CREATE INDEX "LinkEvent_organizationId_id_idx" ON "LinkEvent"("organizationId", "id");

-- AddForeignKey
ALTER TABLE "Link" ADD CONSTRAINT "Link_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LinkEvent" ADD CONSTRAINT "LinkEvent_linkId_fkey" FOREIGN KEY ("linkId") REFERENCES "Link"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LinkEvent" ADD CONSTRAINT "LinkEvent_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
