-- AlterEnum
ALTER TYPE "LinkEventKind" ADD VALUE 'addresses';

-- AlterTable
ALTER TABLE "Link" ADD COLUMN     "endpointAddresses" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "networkInterfaceIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "privateDns" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "privateDnsEnabled" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "privateDnsName" TEXT;

-- One private DNS name per vendor VPC: AWS lets one endpoint per VPC enable a name, so no two live links in one region
-- of ours (one VPC each) claim it. lib/links/persist.ts turns a violation into the private_dns_conflict problem.
ALTER TABLE "Link" ADD CONSTRAINT "Link_privateDnsName_one_per_region" EXCLUDE USING gist ("region" WITH =, lower("privateDnsName") WITH =)
WHERE ("privateDnsName" IS NOT NULL AND "state" NOT IN ('verifying', 'verification_failed', 'denied', 'deleted'));
