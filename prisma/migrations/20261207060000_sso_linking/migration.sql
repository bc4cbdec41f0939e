-- A single sign-on identity is attached by email only to an account whose address was verified, or by the user signed in
-- (issue 26, finding 1). Every existing user starts unverified: nothing recorded whether a provider verified the address of the
-- users single sign-on created, and sign-up never verified one. Users keep signing in through the identities already linked;
-- an SSO-only user is marked verified at its next sign-in when the provider says it verified that same address.

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "emailVerifiedAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "ssoLinkExpiresAt" TIMESTAMPTZ(3);
