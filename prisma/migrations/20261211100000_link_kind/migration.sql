-- A link connects to an endpoint service (behind the customer's load balancer) or to a resource configuration the customer
-- shares through AWS RAM (a VPC resource endpoint). "serviceName" holds what the endpoint connects to in either case, so
-- Link_serviceName_one_organization keeps one configuration to one organization as it does a service.

-- CreateEnum
CREATE TYPE "LinkKind" AS ENUM ('service', 'resource');

-- AlterTable
ALTER TABLE "Link" ADD COLUMN "kind" "LinkKind" NOT NULL DEFAULT 'service',
ADD COLUMN "resourceShareArn" TEXT;
