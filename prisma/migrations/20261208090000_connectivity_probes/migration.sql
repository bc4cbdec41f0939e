-- CreateEnum
CREATE TYPE "ProbeStatus" AS ENUM ('ok', 'degraded');

-- CreateEnum
CREATE TYPE "ProbeTrigger" AS ENUM ('available', 'schedule', 'manual');

-- CreateEnum
CREATE TYPE "LinkEventKind" AS ENUM ('state', 'connectivity');

-- AlterTable
ALTER TABLE "Link" ADD COLUMN     "degraded" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "nextProbeAt" TIMESTAMPTZ(3),
ADD COLUMN     "probeDiagnosis" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "probeRequestedAt" TIMESTAMPTZ(3),
ADD COLUMN     "probeStatus" "ProbeStatus",
ADD COLUMN     "probeTargets" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "probedAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "LinkEvent" ADD COLUMN     "fromConnectivity" "ProbeStatus",
ADD COLUMN     "kind" "LinkEventKind" NOT NULL DEFAULT 'state',
ADD COLUMN     "toConnectivity" "ProbeStatus";

-- CreateTable
CREATE TABLE "LinkProbe" (
    "id" UUID NOT NULL,
    "linkId" UUID NOT NULL,
    "trigger" "ProbeTrigger" NOT NULL,
    "status" "ProbeStatus" NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "finishedAt" TIMESTAMPTZ(3) NOT NULL,
    "targets" JSONB NOT NULL,
    "diagnosis" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LinkProbe_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProbeCount" (
    "region" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "result" TEXT NOT NULL,
    "count" BIGINT NOT NULL,

    CONSTRAINT "ProbeCount_pkey" PRIMARY KEY ("region","kind","result")
);

-- CreateIndex
CREATE INDEX "LinkProbe_linkId_createdAt_id_idx" ON "LinkProbe"("linkId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Link_state_nextProbeAt_idx" ON "Link"("state", "nextProbeAt");

-- AddForeignKey
ALTER TABLE "LinkProbe" ADD CONSTRAINT "LinkProbe_linkId_fkey" FOREIGN KEY ("linkId") REFERENCES "Link"("id") ON DELETE CASCADE ON UPDATE CASCADE;
