-- AlterEnum
ALTER TYPE "LinkEventKind" ADD VALUE 'endpoint_released';

-- AlterTable
ALTER TABLE "Link" ADD COLUMN     "endpointReleasedAt" TIMESTAMPTZ(3),
ADD COLUMN     "releaseAt" TIMESTAMPTZ(3);

-- Links already turned away keep their endpoint for the default grace (RELEASE_AFTER_SECONDS) from now, as if they had just been.
UPDATE "Link" SET "releaseAt" = now() + interval '7 days' WHERE "state" IN ('rejected', 'disconnected', 'expired');

-- CreateIndex
CREATE INDEX "Link_releaseAt_idx" ON "Link"("releaseAt");
