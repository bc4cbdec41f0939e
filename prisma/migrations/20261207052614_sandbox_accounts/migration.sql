/*
  The sandbox console's account per organization (issue 26, finding 4). The table starts empty: an
  organization gets its sandbox account the first time it uses the console, and the demo seed claims
  the seeded accounts for the demo organizations (Acme 222222222222, Globex 333333333333).
*/
-- CreateTable
CREATE TABLE "SandboxAccount" (
    "organizationId" UUID NOT NULL,
    "accountId" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SandboxAccount_pkey" PRIMARY KEY ("organizationId")
);

-- CreateIndex
CREATE UNIQUE INDEX "SandboxAccount_accountId_key" ON "SandboxAccount"("accountId");

-- AddForeignKey
ALTER TABLE "SandboxAccount" ADD CONSTRAINT "SandboxAccount_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
