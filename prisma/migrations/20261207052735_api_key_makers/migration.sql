/*
  Warnings:

  - API keys now act with their maker's current role. Keys without a recorded maker get it from the audit log's
    `api_key.create` row where one names a user; keys whose maker no longer exists are revoked (they would have gone with
    their maker). Keys still without a maker act as a plain member of their organization (admin keys stop working).
*/
-- Backfill
UPDATE "ApiKey" AS k SET "createdById" = a."actorId"::uuid
FROM "AuditLog" AS a
WHERE k."createdById" IS NULL
  AND a."action" = 'api_key.create'
  AND a."actorType" = 'user'
  AND a."targetType" = 'api_key'
  AND a."targetId" = k."id"::text
  AND a."actorId" ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';

UPDATE "ApiKey" SET "revokedAt" = COALESCE("revokedAt", CURRENT_TIMESTAMP), "createdById" = NULL
WHERE "createdById" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "User" AS u WHERE u."id" = "ApiKey"."createdById");

-- CreateIndex
CREATE INDEX "ApiKey_createdById_idx" ON "ApiKey"("createdById");

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
