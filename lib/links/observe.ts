import type { ResourceAssociation } from "@/lib/aws/ec2";
import type { DnsNames } from "./schemas";
import type { LinkState } from "./state-machine";

// Pure, so the whole mapping is unit-tested. `undefined` endpoint: AWS no longer knows it (or shows it deleted).

/**
 * `type` Resource: a resource endpoint, whose `association` (null: none, the configuration's owner deleted it) says whether it
 * still reaches the configuration. It has no acceptance step: pending is still provisioning.
 */
export type ObservedEndpoint = {
  state: string;
  type?: string;
  dnsEntries: { dnsName: string }[];
  lastError?: { code: string; message: string };
  association?: ResourceAssociation | null;
};

export type Observation = { to: LinkState; reason: string; error?: { code: string; message: string } } | null;

export function observe(current: LinkState, endpoint: ObservedEndpoint | undefined): Observation {
  const aws = endpoint?.state;
  if (current === "deleting") {
    return !endpoint || aws === "deleted" ? { to: "deleted", reason: "AWS deleted the endpoint" } : null;
  }
  if (!endpoint || aws === "deleted" || aws === "deleting") {
    if (current === "provisioning") return null; // not created yet (or not visible yet)
    if (current === "failed" || current === "rejected" || current === "expired" || current === "disconnected") return null;
    return {
      to: "failed",
      reason: "endpoint lost",
      error: {
        code: "EndpointLost",
        message: "The endpoint was deleted outside the portal. Reconnect to make a new one (the link is verified again), or delete this link.",
      },
    };
  }
  switch (aws) {
    case "pendingAcceptance":
    case "pending":
      if (endpoint.type === "Resource") return null;
      return current === "provisioning" ? { to: "pending_acceptance", reason: "endpoint created; waiting for the customer to accept" } : null;
    case "available":
      if (endpoint.type === "Resource") return observeResource(current, endpoint.association ?? null);
      return current === "available" ? null : { to: "available", reason: "the customer accepted; the endpoint is available" };
    case "rejected":
      if (current === "available") {
        return {
          to: "disconnected",
          reason: "the customer revoked the connection",
          error: { code: "Rejected", message: "You rejected the connection after it was available. Reconnect to send a new request, or delete this link." },
        };
      }
      return current === "rejected" || current === "disconnected"
        ? null
        : {
            to: "rejected",
            reason: "the customer rejected the connection",
            error: { code: "Rejected", message: "The connection request was rejected in your account. Accept it, or delete this link." },
          };
    case "expired":
      return current === "expired"
        ? null
        : {
            to: "expired",
            reason: "nobody accepted the connection request in time",
            error: {
              code: "Expired",
              message: "The connection request expired before it was accepted. Reconnect to send a new request, then accept it.",
            },
          };
    case "failed":
      return current === "failed"
        ? null
        : {
            to: "failed",
            reason: "AWS reports the endpoint failed",
            error: {
              code: endpoint.lastError?.code ?? "EndpointFailed",
              message: endpoint.lastError?.message ?? "AWS could not create the endpoint. Ask us to retry.",
            },
          };
    default:
      return null;
  }
}

/** An available resource endpoint: the customer revokes it by deleting the association, the share or the configuration. */
function observeResource(current: LinkState, association: ResourceAssociation | null): Observation {
  if (association?.accessible) return current === "available" ? null : { to: "available", reason: "the endpoint is available" };
  // A new endpoint's association may show moments after it does.
  if (current === "disconnected" || current === "failed" || (current === "provisioning" && !association)) return null;
  const code = association?.failure?.code ?? "AssociationDeleted";
  const what = association
    ? `The resource configuration is no longer reachable: ${(association.failure?.message || association.failure?.code || "AWS marks it inaccessible").replace(/\.$/, "")}`
    : "The endpoint's association with your resource configuration was deleted in your account";
  const next =
    code === "ResourceConfigurationNotShared" ? "Share the configuration with our account again, then reconnect" : "Reconnect to make a new endpoint";
  const error = { code, message: `${what}. ${next}, or delete this link.` };
  if (current === "available") return { to: "disconnected", reason: "the customer revoked the resource configuration", error };
  return { to: "failed", reason: "the resource configuration is not reachable", error };
}

export function dnsNamesOf(endpoint: { dnsEntries: { dnsName: string }[]; association?: ResourceAssociation | null }): DnsNames {
  // A resource endpoint's names are its association's: the custom domain first when it is on.
  if (endpoint.association !== undefined) {
    const names = [endpoint.association?.privateDnsName, endpoint.association?.dnsName].filter((name): name is string => Boolean(name));
    return { regional: names, zonal: [] };
  }
  // AWS lists the regional name first; zonal names carry the AZ name before ".vpce-svc-".
  const zonal = endpoint.dnsEntries.map((e) => e.dnsName).filter((name) => /-[a-z]{2}(-gov)?-[a-z]+-\d[a-z]\.vpce-svc-/.test(name));
  const regional = endpoint.dnsEntries.map((e) => e.dnsName).filter((name) => !zonal.includes(name));
  return { regional, zonal };
}
