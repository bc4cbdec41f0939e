-- CreateEnum
CREATE TYPE "NotificationKind" AS ENUM ('link_needs_acceptance', 'link_available', 'link_rejected', 'link_disconnected', 'link_degraded', 'approvals_waiting');

-- CreateTable
CREATE TABLE "NotificationPreference" (
    "userId" UUID NOT NULL,
    "kind" "NotificationKind" NOT NULL,
    "isEnabled" BOOLEAN NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "NotificationPreference_pkey" PRIMARY KEY ("userId","kind")
);

-- CreateTable
CREATE TABLE "NotificationCursor" (
    "id" TEXT NOT NULL,
    "lastEventId" BIGINT NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "NotificationCursor_pkey" PRIMARY KEY ("id")
);

-- AddForeignKey
ALTER TABLE "NotificationPreference" ADD CONSTRAINT "NotificationPreference_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Notifications start now: the events already there are history, mailed to nobody.
INSERT INTO "NotificationCursor" ("id", "lastEventId", "updatedAt") SELECT 'link-events', COALESCE(MAX("id"), 0), now() FROM "LinkEvent";
