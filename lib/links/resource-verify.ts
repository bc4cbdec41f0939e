import "server-only";
import { isRoleChanging } from "@/lib/aws/principals";
import { latticeClient, ramClient } from "@/lib/aws/config";
import { AwsCallError } from "@/lib/aws/errors";
import { acceptInvitationsFrom, getResourceConfiguration } from "@/lib/aws/lattice";
import type { Link, Organization } from "@/lib/db/generated/client";
import type { Engine } from "@/lib/engine";
import type { AwsPrincipal } from "@/lib/orgs/principal";
import { partsOfConfigurationArn } from "./schemas";
import type { ResourceVerifyInput } from "./resource-checks";
import { isServiceTakenElsewhere, ownerProof } from "./trust";

// What a resource link's verification asks, in the order that keeps the trust boundary: the owner's proof and the
// configuration's other links first (our database), then the RAM invitation (as our account: shares reach accounts), then
// the configuration (as the organization's role). Throttling and outages are thrown, so the job retries.

type Known = Pick<ResourceVerifyInput, "region" | "ports" | "vendorRegionOffered" | "vendorAccountId" | "proof" | "principalArn">;

export async function gatherResourceFacts(
  engine: Engine,
  link: Pick<Link, "organizationId" | "serviceName" | "region" | "resourceShareArn">,
  org: Pick<Organization, "id" | "ownershipExternalId">,
  principal: AwsPrincipal,
  known: Known,
): Promise<ResourceVerifyInput> {
  const input: ResourceVerifyInput = {
    ...known,
    resourceConfigurationArn: link.serviceName,
    ownerProof: null,
    isTakenElsewhere: false,
    share: null,
    configuration: null,
  };
  const parts = partsOfConfigurationArn(link.serviceName);
  if (!parts || parts.region !== link.region || !known.vendorRegionOffered) return input;
  input.ownerProof = await ownerProof(engine, org, parts.accountId, true);
  input.isTakenElsewhere = await isServiceTakenElsewhere(engine, link);
  if (input.ownerProof !== "proved" || input.isTakenElsewhere) return input;

  input.share = await permanentOr(() => acceptInvitationsFrom(ramClient(engine.aws, link.region), parts.accountId, link.resourceShareArn ?? undefined));
  if ("failure" in input.share) return input;
  input.configuration = await permanentOr(
    () => getResourceConfiguration(latticeClient(engine.aws, link.region, principal.credentials), link.serviceName),
    // The role's policy may be new (GetResourceConfiguration came with version 4): its refusal is IAM propagating it.
    () => isRoleChanging(engine.aws, principal.arn),
  );
  return input;
}

/** The answer, or AWS's permanent refusal as a failure the checks show; anything else is thrown for the job to retry. */
async function permanentOr<T>(call: () => Promise<T>, isPropagating = () => false): Promise<T | { failure: AwsCallError["failure"] }> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof AwsCallError && !error.retryable && !isPropagating()) return { failure: error.failure };
    throw error;
  }
}
