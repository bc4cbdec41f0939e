-- Plans become data (lib/plans): the enum's values become keys of the "Plan" table, with today's behaviour as their
-- entitlements. An organization's own link quota stays only where it differs from its plan's (null: the plan's).

-- AlterTable: the columns leave the enum first, since the table's row type takes the name "Plan".
ALTER TABLE "Organization" ALTER COLUMN "plan" DROP DEFAULT,
ALTER COLUMN "plan" SET DATA TYPE TEXT USING "plan"::TEXT,
ALTER COLUMN "plan" SET DEFAULT 'free';

-- AlterTable
ALTER TABLE "UpgradeRequest" ALTER COLUMN "currentPlan" SET DATA TYPE TEXT USING "currentPlan"::TEXT,
ALTER COLUMN "requestedPlan" SET DATA TYPE TEXT USING "requestedPlan"::TEXT;

-- DropEnum
DROP TYPE "Plan";

-- CreateTable
CREATE TABLE "Plan" (
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "privateLinks" BOOLEAN NOT NULL,
    "crossRegion" BOOLEAN NOT NULL,
    "resourceEndpoints" BOOLEAN NOT NULL,
    "linkQuota" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Plan_pkey" PRIMARY KEY ("key")
);

-- Today's behaviour: private links (and cross-region, where a region reaches the service's) on team and enterprise, 10 links each.
INSERT INTO "Plan" ("key", "name", "privateLinks", "crossRegion", "resourceEndpoints", "linkQuota", "updatedAt") VALUES
    ('free', 'Free', false, false, false, 10, CURRENT_TIMESTAMP),
    ('team', 'Team', true, true, false, 10, CURRENT_TIMESTAMP),
    ('enterprise', 'Enterprise', true, true, true, 10, CURRENT_TIMESTAMP);

-- AlterTable
ALTER TABLE "Organization" ALTER COLUMN "linkQuota" DROP NOT NULL,
ALTER COLUMN "linkQuota" DROP DEFAULT;

-- An organization whose quota is its plan's follows the plan from now on; any other keeps its own.
UPDATE "Organization" AS o SET "linkQuota" = NULL FROM "Plan" AS p WHERE p."key" = o."plan" AND o."linkQuota" = p."linkQuota";

-- AddForeignKey
ALTER TABLE "Organization" ADD CONSTRAINT "Organization_plan_fkey" FOREIGN KEY ("plan") REFERENCES "Plan"("key") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UpgradeRequest" ADD CONSTRAINT "UpgradeRequest_currentPlan_fkey" FOREIGN KEY ("currentPlan") REFERENCES "Plan"("key") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UpgradeRequest" ADD CONSTRAINT "UpgradeRequest_requestedPlan_fkey" FOREIGN KEY ("requestedPlan") REFERENCES "Plan"("key") ON DELETE RESTRICT ON UPDATE CASCADE;
