/*
  Warnings:

  - The `awsAccountIds` column on the `Organization` table is dropped; its values move to the new `AwsAccount` table as unproved accounts.
  - An exclusion constraint on `Link` refuses two organizations' live links to one service name; existing rows that break it make this migration fail (resolve them first).
*/
-- btree_gist gives GiST the = and <> operators on text and uuid for the exclusion constraint below
-- (a trusted extension since PostgreSQL 13: the database owner may create it).
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- CreateEnum
CREATE TYPE "AwsAccountProof" AS ENUM ('unproved', 'proved');

-- CreateEnum
CREATE TYPE "AllowlistScope" AS ENUM ('organization', 'account', 'public');

-- CreateEnum
CREATE TYPE "OwnerProof" AS ENUM ('proved', 'unproved', 'undeclared');

-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "ownershipExternalId" UUID NOT NULL DEFAULT gen_random_uuid(),
ADD COLUMN     "principalPolicyVersion" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Link" ADD COLUMN     "allowlistScope" "AllowlistScope",
ADD COLUMN     "ownerProof" "OwnerProof",
ADD COLUMN     "serviceOwnerAccountId" TEXT;

-- CreateTable
CREATE TABLE "AwsAccount" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "accountId" TEXT NOT NULL,
    "proof" "AwsAccountProof" NOT NULL DEFAULT 'unproved',
    "provedAt" TIMESTAMPTZ(3),
    "lastCheckedAt" TIMESTAMPTZ(3),
    "lastError" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AwsAccount_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AwsAccount_organizationId_accountId_key" ON "AwsAccount"("organizationId", "accountId");

-- AddForeignKey
ALTER TABLE "AwsAccount" ADD CONSTRAINT "AwsAccount_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Declared accounts move to AwsAccount, unproved: a declaration was never proof.
INSERT INTO "AwsAccount" ("id", "organizationId", "accountId")
SELECT DISTINCT ON (o."id", a."accountId") gen_random_uuid(), o."id", a."accountId"
FROM "Organization" o, unnest(o."awsAccountIds") AS a("accountId")
WHERE a."accountId" ~ '^[0-9]{12}$';

-- AlterTable
ALTER TABLE "Organization" DROP COLUMN "awsAccountIds";

-- One organization per service: no two organizations hold live links (past verification, not
-- deleted or denied) to the same endpoint service name. lib/links/persist.ts turns a violation
-- into the service_in_use problem.
ALTER TABLE "Link" ADD CONSTRAINT "Link_serviceName_one_organization" EXCLUDE USING gist ("serviceName" WITH =, "organizationId" WITH <>)
WHERE ("state" NOT IN ('verifying', 'verification_failed', 'denied', 'deleted'));
