import type { AwsFailure } from "@/lib/aws/errors";
import type { ResourceConfigurationFacts, ShareInvitations } from "@/lib/aws/lattice";
import { verdict, type Verdict } from "./checks";
import { partsOfConfigurationArn, RESOURCE_CHECK_NAMES, RESOURCE_CONFIGURATION_ARN_PATTERN, type LinkCheck, type OwnerProof } from "./schemas";
import { exclusiveCheck, ownerProofCheck } from "./trust-checks";

// Pure, like checks.ts, for a resource link. A RAM share reaches our whole account, not one organization's role, so the
// configuration's owner account must be proved before anything is asked of AWS: the invitation is accepted (and the
// configuration read) only for a proved owner, and one configuration serves one organization.

export type ResourceVerifyInput = {
  resourceConfigurationArn: string;
  region: string;
  ports: number[];
  vendorRegionOffered: boolean;
  vendorAccountId: string;
  proof: { roleName: string; externalId: string };
  principalArn: string;
  /** Asked once the ARN and region pass. */
  ownerProof: OwnerProof | null;
  isTakenElsewhere: boolean;
  /** Asked once the owner is proved and the configuration is free. */
  share: ShareInvitations | { failure: AwsFailure } | null;
  configuration: ResourceConfigurationFacts | { failure: AwsFailure } | null;
};

const WHAT = "resource configuration";
/** The configuration types a resource endpoint reaches one resource through. */
const SINGLE_RESOURCE_TYPES = ["SINGLE", "ARN"];

export function evaluateResourceChecks(input: ResourceVerifyInput): Verdict {
  const checks: LinkCheck[] = [];
  const add = (check: LinkCheck) => checks.push(check);
  const owner = partsOfConfigurationArn(input.resourceConfigurationArn)?.accountId ?? null;
  const trust = { serviceOwnerAccountId: owner, allowlistScope: null, ownerProof: input.ownerProof };
  const done = () => {
    for (const name of RESOURCE_CHECK_NAMES.filter((n) => !checks.some((c) => c.name === n)))
      add({ name, status: "skipped", detail: "Not checked: an earlier check failed." });
    return verdict(checks, [], trust);
  };

  const isWellFormed = RESOURCE_CONFIGURATION_ARN_PATTERN.test(input.resourceConfigurationArn) && owner !== null;
  add(
    isWellFormed
      ? { name: "arn_format", status: "pass", detail: "The resource configuration ARN is well formed." }
      : {
          name: "arn_format",
          status: "fail",
          detail: "Expected an ARN like arn:aws:vpc-lattice:us-east-1:123456789012:resourceconfiguration/rcfg-0123456789abcdef0.",
        },
  );
  const region = partsOfConfigurationArn(input.resourceConfigurationArn)?.region;
  add(
    !input.vendorRegionOffered
      ? { name: "region_offered", status: "fail", detail: `We do not offer connections in ${input.region}. Choose one of the regions on the setup page.` }
      : region && region !== input.region
        ? {
            name: "region_offered",
            status: "fail",
            detail: `The configuration is in ${region}; a resource endpoint reaches configurations in its own region only. Create the configuration in ${input.region}.`,
          }
        : { name: "region_offered", status: "pass", detail: `${input.region} is offered.` },
  );
  if (checks.some((c) => c.status === "fail") || !owner || !input.ownerProof) return done();

  const ownerCheck = ownerProofCheck({ owner, proof: input.proof, vendorAccountId: input.vendorAccountId, ownerProof: input.ownerProof, what: WHAT });
  add(ownerCheck);
  add(exclusiveCheck(ownerCheck, input.isTakenElsewhere, WHAT));
  if (checks.some((c) => c.status === "fail") || !input.share) return done();

  if ("failure" in input.share) {
    add({ name: "resource_share", status: "fail", detail: input.share.failure.message, awsCode: input.share.failure.code });
    return done();
  }
  const { accepted, earlier } = input.share;
  add({
    name: "resource_share",
    status: "pass",
    detail: accepted.length
      ? `Accepted the invitation to ${accepted.join(", ")} from AWS account ${owner}.`
      : earlier.length
        ? `The invitation to ${earlier.join(", ")} from AWS account ${owner} was accepted before.`
        : `No invitation from AWS account ${owner} is waiting (a share within one AWS organization needs none).`,
  });
  if (!input.configuration) return done();

  if ("failure" in input.configuration) {
    const { failure } = input.configuration;
    const notShared = failure.code === "ResourceNotFoundException" || failure.code === "AccessDeniedException";
    add({
      name: "configuration_visible",
      status: "fail",
      detail: notShared
        ? `We cannot read ${input.resourceConfigurationArn}. Share it through AWS RAM with our AWS account ${input.vendorAccountId} (the setup kit does), then verify again.`
        : failure.message,
      awsCode: failure.code,
    });
    return done();
  }
  const configuration = input.configuration;
  add({ name: "configuration_visible", status: "pass", detail: `Visible to ${input.principalArn}.` });
  add(typeCheck(configuration));
  add(portCheck(input.ports, configuration.portRanges));
  return done();
}

function typeCheck({ type, status }: ResourceConfigurationFacts): LinkCheck {
  if (!SINGLE_RESOURCE_TYPES.includes(type)) {
    return {
      name: "configuration_type",
      status: "fail",
      detail: `The configuration is of type ${type || "unknown"}; we connect to SINGLE (a domain name or an IP address) and ARN (an RDS database) configurations.`,
    };
  }
  if (status !== "ACTIVE") {
    return {
      name: "configuration_type",
      status: "fail",
      detail: `The configuration is ${status || "in an unknown state"}, not ACTIVE: wait until it is active (or fix what failed), then verify again.`,
    };
  }
  return { name: "configuration_type", status: "pass", detail: `An active ${type} configuration.` };
}

/** "5432" or "8000-8100", as VPC Lattice writes a port range. */
function inRanges(port: number, ranges: string[]): boolean {
  return ranges.some((range) => {
    const [low, high = low] = range.split("-").map(Number);
    return port >= low! && port <= high!;
  });
}

function portCheck(ports: number[], ranges: string[]): LinkCheck {
  const reached = ports.filter((port) => inRanges(port, ranges));
  const unreached = ports.filter((port) => !inRanges(port, ranges));
  const offered = ranges.join(", ") || "none";
  if (reached.length === 0) {
    return {
      name: "port_overlap",
      status: "fail",
      detail: `The configuration's ports (${offered}) include none of the link's (${ports.join(", ")}): add one of them to the configuration, or register the link with its ports.`,
    };
  }
  if (unreached.length) {
    return {
      name: "port_overlap",
      status: "warn",
      detail: `Ports ${reached.join(", ")} are in the configuration's (${offered}); ${unreached.join(", ")} ${unreached.length > 1 ? "are" : "is"} not, and will not answer.`,
    };
  }
  return { name: "port_overlap", status: "pass", detail: `Every port of the link is in the configuration's (${offered}).` };
}
