-- CreateEnum
CREATE TYPE "OrphanOutcome" AS ENUM ('deleted', 'vanished', 'adopted');

-- CreateTable
CREATE TABLE "OrphanEndpoint" (
    "id" UUID NOT NULL,
    "endpointId" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "serviceName" TEXT NOT NULL,
    "organizationId" UUID,
    "linkId" TEXT,
    "azIds" TEXT[],
    "awsCreatedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deleteAt" TIMESTAMPTZ(3) NOT NULL,
    "settledAt" TIMESTAMPTZ(3),
    "outcome" "OrphanOutcome",
    "adoptedByLinkId" UUID,

    CONSTRAINT "OrphanEndpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrphanScan" (
    "region" TEXT NOT NULL,
    "scannedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "OrphanScan_pkey" PRIMARY KEY ("region")
);

-- CreateIndex
CREATE UNIQUE INDEX "OrphanEndpoint_endpointId_key" ON "OrphanEndpoint"("endpointId");

-- CreateIndex
CREATE INDEX "OrphanEndpoint_settledAt_deleteAt_idx" ON "OrphanEndpoint"("settledAt", "deleteAt");
