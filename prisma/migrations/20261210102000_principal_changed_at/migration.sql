-- When the organization's IAM role was last made, made again or given a new policy (lib/orgs/principal.ts): until IAM
-- has propagated the change, AssumeRole's AccessDenied is transient in every process, not only the one that made it.

-- AlterTable
ALTER TABLE "Organization" ADD COLUMN "principalChangedAt" TIMESTAMPTZ(3);
