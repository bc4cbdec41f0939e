import type { AwsFailure } from "@/lib/aws/errors";
import { SERVICE_CHECK_NAMES, SERVICE_NAME_PATTERN, type LinkCheck, type VendorSubnet } from "./schemas";
import { trustChecks, type TrustFacts, type TrustFindings } from "./trust-checks";

// Pure, from what AWS told the organization's principal; any `fail` fails the link with the sentence that says what to fix.

export type ServiceFacts = {
  serviceType: string[];
  owner: string;
  acceptanceRequired: boolean;
  /** The service's AZs as AZ IDs (translated from the caller's AZ names). */
  availabilityZoneIds: string[];
  privateDnsName?: string;
  privateDnsNameVerificationState?: string;
  supportedIpAddressTypes: string[];
};

/** `excludedAzIds`: zones of our subnets we never place an endpoint in. */
type VendorRegionFacts = { isOffered: boolean; subnets: VendorSubnet[]; crossRegionTo: string[]; excludedAzIds: string[] };

export type VerifyInput = {
  serviceName: string;
  region: string;
  serviceRegion: string;
  principalArn: string;
  mode: "per_organization" | "shared";
  vendorAccountId: string;
  proof: { roleName: string; externalId: string };
  vendorRegion: VendorRegionFacts | null;
  service: ServiceFacts | { failure: AwsFailure } | null;
  /** Asked only once the service is visible. */
  trust: TrustFacts | null;
  /** Whether the link asked for the service's private DNS name, and the live link of ours already holding that name in the region. */
  privateDns?: { asked: boolean; holder: PrivateDnsHolder | null };
};

/** Another organization's link is never named: only that the name is taken. */
export type PrivateDnsHolder = { sameOrganization: true; linkId: string; linkName: string } | { sameOrganization: false };

export type Trust = { serviceOwnerAccountId: string | null } & (TrustFindings | { allowlistScope: null; ownerProof: null });

export type Verdict = {
  checks: LinkCheck[];
  passed: boolean;
  failure: LinkCheck | null;
  overlapAzIds: string[];
  trust: Trust;
  /** The verified private DNS name the link claims (asked for and free), else null. */
  privateDnsName: string | null;
  /** The link's lastErrorCode when it fails: the AWS code, else the check's own (private_dns_conflict for a taken name). */
  errorCode: string | null;
};

const UNKNOWN: Trust = { serviceOwnerAccountId: null, allowlistScope: null, ownerProof: null };

export function evaluateChecks(input: VerifyInput): Verdict {
  const checks: LinkCheck[] = [];
  const add = (check: LinkCheck) => checks.push(check);
  const skipTheRest = () => {
    for (const name of SERVICE_CHECK_NAMES.filter((n) => !checks.some((c) => c.name === n)))
      add({ name, status: "skipped", detail: "Not checked: an earlier check failed." });
  };
  let overlapAzIds: string[] = [];

  const nameOk = SERVICE_NAME_PATTERN.test(input.serviceName);
  add(
    nameOk
      ? { name: "name_format", status: "pass", detail: "The service name is well formed." }
      : { name: "name_format", status: "fail", detail: "Expected a name like com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0." },
  );

  const region = input.vendorRegion;
  const isCrossRegion = input.serviceRegion !== input.region;
  if (!region || !region.isOffered) {
    add({ name: "region_offered", status: "fail", detail: `We do not offer connections in ${input.region}. Choose one of the regions on the setup page.` });
  } else if (isCrossRegion && !region.crossRegionTo.includes(input.serviceRegion)) {
    add({
      name: "region_offered",
      status: "fail",
      detail: `We cannot reach services in ${input.serviceRegion} from ${input.region}. Create the service in ${input.region}${region.crossRegionTo.length ? ` or one of ${region.crossRegionTo.join(", ")}` : ""}.`,
    });
  } else {
    add({
      name: "region_offered",
      status: "pass",
      detail: isCrossRegion ? `Cross-region from ${input.region} to ${input.serviceRegion}.` : `${input.region} is offered.`,
    });
  }

  const service = input.service;
  const canAsk = nameOk && checks.every((c) => c.status !== "fail");
  if (!canAsk || !service) {
    skipTheRest();
    return verdict(checks, overlapAzIds, UNKNOWN);
  }
  if ("failure" in service) {
    const { failure } = service;
    add({
      name: "service_visible",
      status: "fail",
      detail:
        failure.code === "InvalidServiceName"
          ? `We cannot see this service: allowlist ${input.principalArn} on it (Allow principals), and check the name and region.`
          : failure.message,
      awsCode: failure.code,
    });
    skipTheRest();
    return verdict(checks, overlapAzIds, UNKNOWN);
  }
  add({ name: "service_visible", status: "pass", detail: `Visible to ${input.principalArn}; owned by AWS account ${service.owner}.` });
  // Without the canaries' answer nothing is known of the allow list: ownership is then required.
  const trust = trustChecks({
    mode: input.mode,
    principalArn: input.principalArn,
    owner: service.owner,
    vendorAccountId: input.vendorAccountId,
    proof: input.proof,
    facts: input.trust ?? {
      scope: { failure: { kind: "permanent", code: "NotAsked", message: "not asked" } },
      ownerProof: "undeclared",
      isTakenElsewhere: false,
    },
  });
  add(trust.scope);

  add(
    service.serviceType.includes("Interface")
      ? { name: "interface_type", status: "pass", detail: "An Interface endpoint service." }
      : {
          name: "interface_type",
          status: "fail",
          detail: `The service is of type ${service.serviceType.join(", ") || "unknown"}; we connect to Interface services (behind a Network Load Balancer).`,
        },
  );

  add(zoneOverlap(input, region!, service.availabilityZoneIds));
  overlapAzIds = usableZones(region!).filter((id) => isCrossRegion || service.availabilityZoneIds.includes(id));

  add(
    input.mode === "shared" && !service.acceptanceRequired
      ? {
          name: "acceptance_required",
          status: "fail",
          detail: "Turn on 'Acceptance required' on the endpoint service: with a shared principal it is what keeps other customers out.",
        }
      : {
          name: "acceptance_required",
          status: "pass",
          detail: service.acceptanceRequired ? "You accept each connection request yourself." : "Connections are accepted automatically.",
        },
  );
  add(trust.owner);
  add(trust.exclusive);

  const privateDns = privateDnsCheck(input, service);
  add(privateDns.check);

  add(
    service.supportedIpAddressTypes.length === 0 || service.supportedIpAddressTypes.includes("ipv4")
      ? { name: "ip_address_types", status: "pass", detail: "IPv4 is supported." }
      : {
          name: "ip_address_types",
          status: "fail",
          detail: `The service supports ${service.supportedIpAddressTypes.join(", ")} only; we connect over IPv4. Enable IPv4 on the service.`,
        },
  );

  return verdict(checks, overlapAzIds, { serviceOwnerAccountId: service.owner, ...trust.findings }, privateDns.claimed, privateDns.conflict);
}

const zonesOf = (region: VendorRegionFacts) => [...new Set(region.subnets.map((s) => s.availabilityZoneId))].sort();
const usableZones = (region: VendorRegionFacts) => zonesOf(region).filter((id) => !region.excludedAzIds.includes(id));
const list = (zones: string[]) => zones.join(", ");

// Counts only the zones we may use: our endpoint never lands in a zone the vendor excluded, shared or not.
function zoneOverlap(input: VerifyInput, region: VendorRegionFacts, serviceAzIds: string[]): LinkCheck {
  if (input.serviceRegion !== input.region) {
    return { name: "az_overlap", status: "pass", detail: "Cross-region connections do not need shared Availability Zones." };
  }
  const usable = usableZones(region);
  const shared = usable.filter((id) => serviceAzIds.includes(id));
  const sharedExcluded = zonesOf(region).filter((id) => region.excludedAzIds.includes(id) && serviceAzIds.includes(id));
  const many = sharedExcluded.length > 1;
  const zoneIds = "(Availability Zone IDs, the same in every account)";
  if (shared.length === 0) {
    return {
      name: "az_overlap",
      status: "fail",
      detail: sharedExcluded.length
        ? `Your service shares only ${list(sharedExcluded)} with us, ${many ? "zones" : "a zone"} we do not use in ${input.region}; add a zone among ${list(usable)} ${zoneIds}.`
        : `Your service is in ${list(serviceAzIds) || "no zones"} and we are in ${list(usable)}: enable your load balancer in at least one of ${list(usable)} ${zoneIds}.`,
    };
  }
  const unused = sharedExcluded.length ? ` (${list(sharedExcluded)} ${many ? "are" : "is"} shared too, but we do not use ${many ? "them" : "it"})` : "";
  if (shared.length >= 2) return { name: "az_overlap", status: "pass", detail: `Shared zones: ${list(shared)}${unused}.` };
  const others = usable.filter((id) => id !== shared[0]);
  return {
    name: "az_overlap",
    status: "warn",
    detail: `Only one shared zone (${shared[0]})${unused}; ${others.length ? `add another of ${list(others)} for resilience` : "it is the only zone we use here"}.`,
  };
}

export function verdict(checks: LinkCheck[], overlapAzIds: string[], trust: Trust, privateDnsName: string | null = null, isConflict = false): Verdict {
  const failure = checks.find((c) => c.status === "fail") ?? null;
  const errorCode = failure ? (failure.awsCode ?? (isConflict && failure.name === "private_dns" ? "private_dns_conflict" : failure.name)) : null;
  return { checks, passed: failure === null, failure, overlapAzIds, trust, privateDnsName: failure ? null : privateDnsName, errorCode };
}

const WITHOUT = "or register the link without privateDns to use the endpoint's own DNS names";

/** Informational unless the link asked for the name: then it must be verified, and free in our VPC of that region. */
function privateDnsCheck(input: VerifyInput, service: ServiceFacts): { check: LinkCheck; claimed: string | null; conflict: boolean } {
  const name = service.privateDnsName;
  const asked = input.privateDns?.asked ?? false;
  const isVerified = service.privateDnsNameVerificationState === "verified";
  const none = { claimed: null, conflict: false };
  if (!asked) {
    if (!name) return { ...none, check: { name: "private_dns", status: "pass", detail: "No private DNS name; use the endpoint's DNS names." } };
    return {
      ...none,
      check: isVerified
        ? { name: "private_dns", status: "pass", detail: `Private DNS name ${name} is verified; the link uses the endpoint's DNS names (privateDns is off).` }
        : {
            name: "private_dns",
            status: "warn",
            detail: `Private DNS name ${name} is ${service.privateDnsNameVerificationState ?? "not verified"}; use the endpoint's DNS names until it is verified.`,
          },
    };
  }
  if (!name) {
    return {
      ...none,
      check: {
        name: "private_dns",
        status: "fail",
        detail: `You asked for the service's private DNS name, but the service has none: set one on it and verify it, ${WITHOUT}.`,
      },
    };
  }
  if (!isVerified) {
    return {
      ...none,
      check: {
        name: "private_dns",
        status: "fail",
        detail: `The private DNS name ${name} is ${service.privateDnsNameVerificationState ?? "not verified"}: publish its TXT record, verify it on the endpoint service, then verify this link again, ${WITHOUT}.`,
      },
    };
  }
  const holder = input.privateDns?.holder ?? null;
  if (holder) {
    const detail = holder.sameOrganization
      ? `Your link "${holder.linkName}" (${holder.linkId}) already uses the private DNS name ${name} in ${input.region}, and a name can be used by one link per region of ours: delete that link and verify this one again, ${WITHOUT}.`
      : `The private DNS name ${name} is already in use in ${input.region} through us, and a name can be used by one link per region of ours: ${WITHOUT}.`;
    return { claimed: null, conflict: true, check: { name: "private_dns", status: "fail", detail } };
  }
  return {
    claimed: name,
    conflict: false,
    check: { name: "private_dns", status: "pass", detail: `Private DNS name ${name} is verified; the link will use it.` },
  };
}
