import { z } from "zod";
import { isVendorAdmin, type Ctx } from "@/lib/context";
import type { Link, LinkEvent } from "@/lib/db/generated/client";
import type { Engine } from "@/lib/engine";
import { checksOf, dnsNamesOfLink, endpointAddressesOf, probeDiagnosisOf, probeTargetsOf } from "./columns";
import { linkConnectivitySchema, type LinkConnectivity } from "./probes/schemas";
import { probeConfigOf } from "./probes/settings";
import { ALLOWLIST_SCOPES, endpointAddressSchema, linkActionSchema, linkKindSchema, linkCheckSchema, linkStateSchema, OWNER_PROOFS } from "./schemas";
import { APPROVAL_MODES } from "@/lib/orgs/schemas";
import { allowedActions } from "./state-machine";

export const linkViewSchema = z
  .object({
    id: z.uuid(),
    organizationId: z.uuid(),
    name: z.string(),
    kind: linkKindSchema,
    serviceName: z
      .string()
      .describe("What the endpoint connects to: the endpoint service name, or for kind resource the resource configuration ARN (resourceConfigurationArn)."),
    resourceConfigurationArn: z.string().nullable().describe("The resource configuration of a resource link; null for kind service."),
    resourceShareArn: z.string().nullable().describe("The RAM share the customer named for a resource link, if any."),
    serviceRegion: z.string(),
    region: z.string(),
    ports: z.array(z.number().int()),
    tlsPorts: z.array(z.number().int()).describe("The ports the connectivity probe completes a TLS handshake on."),
    state: linkStateSchema,
    checks: z.array(linkCheckSchema),
    trust: z
      .object({
        serviceOwnerAccountId: z.string().nullable().describe("The AWS account that owns the endpoint service (or the resource configuration)."),
        allowlistScope: z
          .enum(ALLOWLIST_SCOPES)
          .nullable()
          .describe(
            "Whom the service's allow list admits: only principals the customer named (organization), our whole AWS account (account), or everyone (public).",
          ),
        ownerProof: z
          .enum(OWNER_PROOFS)
          .nullable()
          .describe("Whether the organization proved it owns the service's account (required unless the scope is organization)."),
      })
      .describe("What the last verification learnt of the service; nulls before it saw the service."),
    endpointId: z.string().nullable(),
    dnsNames: z
      .array(z.string())
      .describe("The service's private DNS name first when it is on (privateDnsName), then the endpoint's regional name, then its zonal names."),
    endpointAddresses: z
      .array(endpointAddressSchema)
      .describe("Per zone (sorted by azId), the endpoint's network interface and its private IPv4 address in our VPC. Empty until known."),
    privateDns: z.boolean().describe("The customer asked for the service's private DNS name."),
    privateDnsName: z.string().nullable().describe("The service's private DNS name, once it is on on our endpoint; null before, or when not asked for."),
    lastError: z.object({ code: z.string(), message: z.string() }).nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    stateChangedAt: z.iso.datetime(),
    degraded: z
      .boolean()
      .describe("An available link whose last connectivity probe failed somewhere (connectivity says where): it stays `available`, with this flag."),
    connectivity: linkConnectivitySchema.describe("The last connectivity probe through the endpoint, per zone and port."),
    releaseAt: z.iso
      .datetime()
      .nullable()
      .describe(
        "When we delete our endpoint: set while the link is `rejected`, `disconnected` or `expired` (RELEASE_AFTER_SECONDS after it got there) and the endpoint is still held; null otherwise.",
      ),
    endpointReleasedAt: z.iso
      .datetime()
      .nullable()
      .describe("When we deleted our endpoint after the customer turned the link away; the link keeps its state. Null while we hold one, or never had one."),
    organization: z
      .object({ id: z.uuid(), name: z.string(), plan: z.string().describe("The key of its plan."), approvalMode: z.enum(APPROVAL_MODES) })
      .optional()
      .describe("Vendor admins only (the admin routes): the organization the link belongs to."),
    allowedActions: z
      .array(linkActionSchema)
      .describe("What you may do with the link now, each the operation of that name (verify: verifyLink, approve: approveLink...). Empty for a read-only key."),
  })
  .meta({ id: "Link" });
export type LinkView = z.infer<typeof linkViewSchema>;

/** Who a view is for: its allowedActions are theirs. The engine, when there is one, says whether probes are on. */
export type Viewer = Pick<Ctx, "role" | "scopes"> & { engine?: Pick<Engine, "overrides"> };

/** The organization itself (its owners), for what leaves without a caller: webhook payloads. */
export const ORGANIZATION_VIEWER: Viewer = { role: "owner", scopes: ["read", "write"] };

export const linkEventViewSchema = z
  .object({
    id: z.string(),
    linkId: z.uuid(),
    fromState: linkStateSchema.nullable(),
    toState: linkStateSchema,
    kind: z
      .enum(["state", "connectivity", "endpoint_released", "addresses"])
      .describe(
        "state: a transition; connectivity: the link stayed available and its probes changed status; endpoint_released: the link kept its state and we deleted our endpoint (the reason says why); addresses: the endpoint's network interfaces or their addresses changed (the link's endpointAddresses).",
      ),
    connectivity: z
      .object({
        previousStatus: z.enum(["ok", "degraded"]).nullable().describe("null: the link had not been probed before."),
        status: z.enum(["ok", "degraded"]),
      })
      .nullable()
      .describe("kind connectivity only: the probe status before and after."),
    reason: z.string(),
    actor: z.object({ type: z.enum(["user", "api_key", "system"]), id: z.string().nullable() }),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "LinkEvent" });
export type LinkEventView = z.infer<typeof linkEventViewSchema>;

export const linkPageSchema = z.object({ data: z.array(linkViewSchema), nextCursor: z.string().nullable() }).meta({ id: "LinkPage" });
export const linkEventPageSchema = z.object({ data: z.array(linkEventViewSchema), nextCursor: z.string().nullable() }).meta({ id: "LinkEventPage" });

export const connectivitySchema = z
  .object({
    principalArn: z.string().describe("Allowlist this principal on your endpoint service."),
    principalMode: z.enum(["per_organization", "shared"]),
    regions: z.array(
      z.object({
        region: z.string(),
        availabilityZoneIds: z.array(z.string()),
        cidrs: z.array(z.string()),
        ports: z.array(z.number().int()),
        crossRegionFrom: z
          .array(z.string())
          .describe("Our regions that reach a service in this one (cross-region); empty when your plan has no cross-region links."),
      }),
    ),
  })
  .meta({ id: "Connectivity" });
export type Connectivity = z.infer<typeof connectivitySchema>;

export const LINK_VIEW_COLUMNS = [
  "id",
  "organizationId",
  "name",
  "kind",
  "serviceName",
  "resourceShareArn",
  "serviceRegion",
  "region",
  "ports",
  "tlsPorts",
  "state",
  "checks",
  "serviceOwnerAccountId",
  "allowlistScope",
  "ownerProof",
  "endpointId",
  "dnsNames",
  "lastErrorCode",
  "lastError",
  "createdAt",
  "updatedAt",
  "stateChangedAt",
  "degraded",
  "probeStatus",
  "probedAt",
  "probeTargets",
  "probeDiagnosis",
  "nextProbeAt",
  "releaseAt",
  "endpointReleasedAt",
  "endpointAddresses",
  "privateDns",
  "privateDnsName",
  "privateDnsEnabled",
] as const satisfies readonly (keyof Link)[];
export type LinkViewRow = Pick<Link, (typeof LINK_VIEW_COLUMNS)[number]>;

/** As a JSON read brings the row (lib/db/scoped-read.ts): timestamps as text. */
export function linkViewRowOfJson(row: Record<string, unknown>): LinkViewRow {
  const link = row as Omit<LinkViewRow, "createdAt" | "updatedAt" | "stateChangedAt" | OptionalTimes> &
    Record<"createdAt" | "updatedAt" | "stateChangedAt", string> &
    Record<OptionalTimes, string | null>;
  return {
    ...link,
    createdAt: new Date(link.createdAt),
    updatedAt: new Date(link.updatedAt),
    stateChangedAt: new Date(link.stateChangedAt),
    probedAt: dateOrNull(link.probedAt),
    nextProbeAt: dateOrNull(link.nextProbeAt),
    releaseAt: dateOrNull(link.releaseAt),
    endpointReleasedAt: dateOrNull(link.endpointReleasedAt),
  };
}

type OptionalTimes = "probedAt" | "nextProbeAt" | "releaseAt" | "endpointReleasedAt";

const dateOrNull = (text: string | null) => (text === null ? null : new Date(text));

const OFF: LinkConnectivity = { status: "off", checkedAt: null, nextCheckAt: null, targets: [], diagnosis: [] };

/** off: no endpoint, not available, or probes off; pending: available and not probed yet. */
export function connectivityOf(link: LinkViewRow, viewer: Viewer): LinkConnectivity {
  if (link.state !== "available" || !link.endpointId || !probeConfigOf(viewer.engine).enabled) return OFF;
  const nextCheckAt = link.nextProbeAt?.toISOString() ?? null;
  if (!link.probeStatus || !link.probedAt) return { ...OFF, status: "pending", nextCheckAt };
  return {
    status: link.probeStatus,
    checkedAt: link.probedAt.toISOString(),
    nextCheckAt,
    targets: probeTargetsOf(link.probeTargets),
    diagnosis: link.probeStatus === "ok" ? [] : probeDiagnosisOf(link.probeDiagnosis),
  };
}

/** The name the link hands back first: only once it is on on the endpoint. */
export function privateDnsNameOf(link: Pick<Link, "privateDnsEnabled" | "privateDnsName">): string | null {
  return link.privateDnsEnabled ? link.privateDnsName : null;
}

// Built from our own row, not parsed again: TypeScript holds it to LinkView, and tests check answers against the OpenAPI document.
export function toLinkView(link: LinkViewRow, viewer: Viewer): LinkView {
  const dns = dnsNamesOfLink(link);
  const privateDnsName = privateDnsNameOf(link);
  const connectivity = connectivityOf(link, viewer);
  return {
    id: link.id,
    organizationId: link.organizationId,
    name: link.name,
    kind: link.kind,
    serviceName: link.serviceName,
    resourceConfigurationArn: link.kind === "resource" ? link.serviceName : null,
    resourceShareArn: link.resourceShareArn,
    serviceRegion: link.serviceRegion,
    region: link.region,
    ports: link.ports,
    tlsPorts: link.tlsPorts,
    state: link.state,
    checks: checksOf(link),
    trust: { serviceOwnerAccountId: link.serviceOwnerAccountId, allowlistScope: link.allowlistScope, ownerProof: link.ownerProof },
    endpointId: link.endpointId,
    dnsNames: [...(privateDnsName ? [privateDnsName] : []), ...dns.regional, ...dns.zonal],
    endpointAddresses: endpointAddressesOf(link),
    privateDns: link.privateDns,
    privateDnsName,
    lastError: link.lastError ? { code: link.lastErrorCode ?? "error", message: link.lastError } : null,
    createdAt: link.createdAt.toISOString(),
    updatedAt: link.updatedAt.toISOString(),
    stateChangedAt: link.stateChangedAt.toISOString(),
    degraded: connectivity.status === "degraded",
    connectivity,
    releaseAt: link.releaseAt?.toISOString() ?? null,
    endpointReleasedAt: link.endpointReleasedAt?.toISOString() ?? null,
    allowedActions: viewer.scopes.includes("write")
      ? allowedActions(link.state, isVendorAdmin(viewer) ? "admin" : "member").filter(
          (action) => (action !== "probe" || connectivity.status !== "off") && (action !== "release" || !link.endpointReleasedAt),
        )
      : [],
  };
}

export function toLinkEventView(event: LinkEvent): LinkEventView {
  return {
    id: event.id.toString(),
    linkId: event.linkId,
    fromState: event.fromState,
    toState: event.toState,
    kind: event.kind,
    connectivity: event.kind === "connectivity" && event.toConnectivity ? { previousStatus: event.fromConnectivity, status: event.toConnectivity } : null,
    reason: event.reason,
    actor: { type: event.actorType, id: event.actorId },
    createdAt: event.createdAt.toISOString(),
  };
}
