-- Each organization's own OpenID Connect provider and the email domains it claims (lib/sso).

-- CreateTable
CREATE TABLE "OrganizationSso" (
    "organizationId" UUID NOT NULL,
    "displayName" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "clientSecretEncrypted" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "requireSso" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "OrganizationSso_pkey" PRIMARY KEY ("organizationId")
);

-- CreateTable
CREATE TABLE "SsoDomain" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "domain" TEXT NOT NULL,
    "verificationToken" TEXT NOT NULL,
    "verifiedAt" TIMESTAMPTZ(3),
    "verifiedBy" TEXT,
    "lastCheckedAt" TIMESTAMPTZ(3),
    "lastError" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SsoDomain_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SsoDomain_organizationId_domain_key" ON "SsoDomain"("organizationId", "domain");

-- CreateIndex
CREATE INDEX "SsoDomain_domain_idx" ON "SsoDomain"("domain");

-- AddForeignKey
ALTER TABLE "OrganizationSso" ADD CONSTRAINT "OrganizationSso_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SsoDomain" ADD CONSTRAINT "SsoDomain_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Several organizations may claim a domain, but it is verified for one at most: whose people sign in where is never ambiguous.
ALTER TABLE "SsoDomain" ADD CONSTRAINT "SsoDomain_verified_one_organization" EXCLUDE USING gist ("domain" WITH =) WHERE ("verifiedAt" IS NOT NULL);
