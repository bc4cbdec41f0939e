import "server-only";
import { canaryCredentials, canSeeService, outsideCanaryCredentials } from "@/lib/aws/canary";
import { ec2Client } from "@/lib/aws/config";
import { AwsCallError } from "@/lib/aws/errors";
import type { Link, Organization } from "@/lib/db/generated/client";
import { attemptProof } from "@/lib/orgs/aws-accounts";
import type { Engine } from "@/lib/engine";
import type { AllowlistScope, OwnerProof } from "./schemas";
import { RELEASES_SERVICE } from "./state-machine";
import { isOwnerProofRequired, type TrustFacts } from "./trust-checks";

// The facts trust-checks.ts judges: who else the allow list admits, the owner account's proof, other organizations' links.

type LinkFacts = Pick<Link, "organizationId" | "serviceName" | "region" | "serviceRegion">;

// The outside canary (another AWS account) sees only services open to everyone; the vendor canary also those allowlisted
// to our whole account. Without the outside one, `account` may be `public` (isCertain false); so too when the outside
// account owns the service, as an owner always sees its own. One principal for all (shared mode) makes it at least `account`.
async function allowlistScope(engine: Engine, link: LinkFacts, owner: string): Promise<{ value: AllowlistScope; isCertain: boolean }> {
  const serviceRegion = link.serviceRegion !== link.region ? link.serviceRegion : undefined;
  const configured = engine.principals.outsideCanaryRoleArn;
  const outside = configured && configured.split(":")[4] !== owner ? configured : undefined;
  const sees = async (credentials: Awaited<ReturnType<typeof canaryCredentials>>) =>
    canSeeService(ec2Client(engine.aws, link.region, credentials), link.serviceName, serviceRegion);
  if (outside && (await sees(outsideCanaryCredentials(engine.aws, outside)))) return { value: "public", isCertain: true };
  if (engine.principals.mode === "shared") return { value: "account", isCertain: Boolean(outside) };
  if (await sees(await canaryCredentials(engine.aws, engine.principals.rolePath))) return { value: "account", isCertain: Boolean(outside) };
  return { value: "organization", isCertain: true };
}

/** A declared, unproved owner account is tried now when it matters. */
export async function ownerProof(engine: Engine, org: Pick<Organization, "id" | "ownershipExternalId">, owner: string, isNeeded: boolean): Promise<OwnerProof> {
  const account = await engine.db.awsAccount.findUnique({ where: { organizationId_accountId: { organizationId: org.id, accountId: owner } } });
  if (!account) return "undeclared";
  if (account.proof === "proved" || !isNeeded) return account.proof;
  try {
    return (await attemptProof(engine, org, account))?.proof ?? "undeclared"; // null: removed meanwhile
  } catch (error) {
    if (error instanceof AwsCallError && !error.retryable) return "unproved";
    throw error;
  }
}

export async function isServiceTakenElsewhere(engine: Pick<Engine, "db">, link: Pick<Link, "organizationId" | "serviceName">): Promise<boolean> {
  const holder = await engine.db.link.findFirst({
    where: { serviceName: link.serviceName, organizationId: { not: link.organizationId }, state: { notIn: [...RELEASES_SERVICE] } },
    select: { id: true },
  });
  return holder !== null;
}

/** Throttling and outages are thrown (the job retries); a canary AWS refuses fails closed. */
export async function gatherTrustFacts(
  engine: Engine,
  link: LinkFacts,
  org: Pick<Organization, "id" | "ownershipExternalId">,
  owner: string,
): Promise<TrustFacts> {
  let scope: TrustFacts["scope"];
  try {
    scope = await allowlistScope(engine, link, owner);
  } catch (error) {
    if (!(error instanceof AwsCallError) || error.retryable) throw error;
    scope = { failure: error.failure };
  }
  const proof = await ownerProof(engine, org, owner, isOwnerProofRequired(engine.principals.mode, scope));
  return { scope, ownerProof: proof, isTakenElsewhere: await isServiceTakenElsewhere(engine, link) };
}
