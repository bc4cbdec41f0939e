import { z } from "zod";
import { isVendorAdmin, type Ctx } from "@/lib/context";
import type { Link, LinkEvent } from "@/lib/db/generated/client";
import { checksOf, dnsNamesOfLink } from "./columns";
import { ALLOWLIST_SCOPES, linkActionSchema, linkCheckSchema, linkStateSchema, OWNER_PROOFS } from "./schemas";
import { APPROVAL_MODES, PLANS } from "@/lib/orgs/schemas";
import { allowedActions } from "./state-machine";

export const linkViewSchema = z
  .object({
    id: z.uuid(),
    organizationId: z.uuid(),
    name: z.string(),
    serviceName: z.string(),
    serviceRegion: z.string(),
    region: z.string(),
    ports: z.array(z.number().int()),
    state: linkStateSchema,
    checks: z.array(linkCheckSchema),
    trust: z
      .object({
        serviceOwnerAccountId: z.string().nullable().describe("The AWS account that owns the endpoint service."),
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
    /** Regional name first, then the zonal names. */
    dnsNames: z.array(z.string()),
    lastError: z.object({ code: z.string(), message: z.string() }).nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    stateChangedAt: z.iso.datetime(),
    organization: z
      .object({ id: z.uuid(), name: z.string(), plan: z.enum(PLANS), approvalMode: z.enum(APPROVAL_MODES) })
      .optional()
      .describe("Vendor admins only (the admin routes): the organization the link belongs to."),
    allowedActions: z
      .array(linkActionSchema)
      .describe("What you may do with the link now, each the operation of that name (verify: verifyLink, approve: approveLink...). Empty for a read-only key."),
  })
  .meta({ id: "Link" });
export type LinkView = z.infer<typeof linkViewSchema>;

/** Who a view is for: its allowedActions are theirs. */
export type Viewer = Pick<Ctx, "role" | "scopes">;

/** The organization itself (its owners), for what leaves without a caller: webhook payloads. */
export const ORGANIZATION_VIEWER: Viewer = { role: "owner", scopes: ["read", "write"] };

export const linkEventViewSchema = z
  .object({
    id: z.string(),
    linkId: z.uuid(),
    fromState: linkStateSchema.nullable(),
    toState: linkStateSchema,
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
        crossRegionFrom: z.array(z.string()),
      }),
    ),
  })
  .meta({ id: "Connectivity" });
export type Connectivity = z.infer<typeof connectivitySchema>;

export const LINK_VIEW_COLUMNS = [
  "id",
  "organizationId",
  "name",
  "serviceName",
  "serviceRegion",
  "region",
  "ports",
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
] as const satisfies readonly (keyof Link)[];
export type LinkViewRow = Pick<Link, (typeof LINK_VIEW_COLUMNS)[number]>;

/** As a JSON read brings the row (lib/db/scoped-read.ts): timestamps as text. */
export function linkViewRowOfJson(row: Record<string, unknown>): LinkViewRow {
  const link = row as Omit<LinkViewRow, "createdAt" | "updatedAt" | "stateChangedAt"> & Record<"createdAt" | "updatedAt" | "stateChangedAt", string>;
  return { ...link, createdAt: new Date(link.createdAt), updatedAt: new Date(link.updatedAt), stateChangedAt: new Date(link.stateChangedAt) };
}

// Built from our own row, not parsed again: TypeScript holds it to LinkView, and tests check answers against the OpenAPI document.
export function toLinkView(link: LinkViewRow, viewer: Viewer): LinkView {
  const dns = dnsNamesOfLink(link);
  return {
    id: link.id,
    organizationId: link.organizationId,
    name: link.name,
    serviceName: link.serviceName,
    serviceRegion: link.serviceRegion,
    region: link.region,
    ports: link.ports,
    state: link.state,
    checks: checksOf(link),
    trust: { serviceOwnerAccountId: link.serviceOwnerAccountId, allowlistScope: link.allowlistScope, ownerProof: link.ownerProof },
    endpointId: link.endpointId,
    dnsNames: [...dns.regional, ...dns.zonal],
    lastError: link.lastError ? { code: link.lastErrorCode ?? "error", message: link.lastError } : null,
    createdAt: link.createdAt.toISOString(),
    updatedAt: link.updatedAt.toISOString(),
    stateChangedAt: link.stateChangedAt.toISOString(),
    allowedActions: viewer.scopes.includes("write") ? allowedActions(link.state, isVendorAdmin(viewer) ? "admin" : "member") : [],
  };
}

export function toLinkEventView(event: LinkEvent): LinkEventView {
  return {
    id: event.id.toString(),
    linkId: event.linkId,
    fromState: event.fromState,
    toState: event.toState,
    reason: event.reason,
    actor: { type: event.actorType, id: event.actorId },
    createdAt: event.createdAt.toISOString(),
  };
}
