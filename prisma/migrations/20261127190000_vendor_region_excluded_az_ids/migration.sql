-- AlterTable
ALTER TABLE "VendorRegion" ADD COLUMN "excludedAzIds" TEXT[] DEFAULT ARRAY[]::TEXT[];
