-- CreateTable
CREATE TABLE "QueueSample" (
    "id" BIGSERIAL NOT NULL,
    "takenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "queue" TEXT NOT NULL,
    "depth" INTEGER NOT NULL,
    "retrying" INTEGER NOT NULL,
    "oldestSeconds" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "QueueSample_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "QueueSample_takenAt_idx" ON "QueueSample"("takenAt");

-- CreateIndex
CREATE INDEX "LinkEvent_toState_createdAt_idx" ON "LinkEvent"("toState", "createdAt");
