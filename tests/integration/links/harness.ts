import {
  AcceptVpcEndpointConnectionsCommand,
  CreateVpcEndpointServiceConfigurationCommand,
  ModifyVpcEndpointServicePermissionsCommand,
  RejectVpcEndpointConnectionsCommand,
  type EC2Client,
} from "@aws-sdk/client-ec2";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import { CreateRoleCommand } from "@aws-sdk/client-iam";
import { createOutsideCanaryRole } from "@/lib/aws/canary";
import { declareAwsAccount, proofInstructions, verifyAwsAccount } from "@/lib/orgs/aws-accounts";
import { getDb } from "@/lib/db/client";
import { API_SCOPES, SILENT_LOGGER, systemCtx, type Ctx } from "@/lib/context";
import { appEngine, EC2_MUTATION_BUDGET, setAppEngine, type Engine } from "@/lib/engine";
import { POLL } from "@/lib/links/persist";
import { ensureOrganizationPrincipal } from "@/lib/orgs/principal";
import { syncVendorRegions } from "@/lib/links/vendor-network";
import type { SeedAccount } from "@privatelink-portal/sandbox-aws/seed";
import type { Sandbox } from "@privatelink-portal/sandbox-aws";
import { withAppDatabase } from "../setup-app-db";
import { clientsOf, credentialsOf, CUSTOMER_C, loadBalancerOf, startTestSandbox, VENDOR } from "@privatelink-portal/sandbox-aws/testing";

/** The dev sandbox's outside account for the allow-list probe (scripts/aws-default.ts does the same). */
export const OUTSIDE = CUSTOMER_C;

/**
 * A real PostgreSQL and the sandbox AWS over HTTP, wired into an Engine as the worker builds it
 * (and made the app's engine, so route handlers and `createOrganization` use it too), plus the
 * customer's side of PrivateLink (create a service, allowlist, accept, reject).
 */
export function withLinkEngine() {
  const db = withAppDatabase();
  const state: { sandbox?: Sandbox; engine?: Engine } = {};
  beforeAll(async () => {
    POLL.fastMs = 0;
    POLL.slowMs = 0;
    state.sandbox = await startTestSandbox();
    const outsideCanaryRoleArn = await createOutsideCanaryRole(clientsOf(state.sandbox, OUTSIDE).iam, `arn:aws:iam::${VENDOR.accountId}:root`);
    state.engine = {
      db: db(),
      aws: { endpoint: state.sandbox.url, controlCredentials: credentialsOf(VENDOR), maxAttempts: 1 },
      principals: { mode: "per_organization", rolePath: "/privatelink/", outsideCanaryRoleArn },
      budgets: { create: EC2_MUTATION_BUDGET, delete: EC2_MUTATION_BUDGET },
    };
    setAppEngine(state.engine);
    await syncVendorRegions(state.engine, [
      { region: "us-east-1", ports: [5432], crossRegionTo: ["us-west-2"] },
      { region: "eu-west-1", ports: [5432] },
    ]);
  });
  afterAll(async () => {
    setAppEngine(undefined);
    await state.sandbox?.close();
  });
  return {
    engine: () => state.engine!,
    sandbox: () => state.sandbox!,
  };
}

let orgCounter = 0;

export async function createOrganization(options: { approvalMode?: "automatic" | "manual"; plan?: "free" | "team" | "enterprise"; linkQuota?: number } = {}) {
  orgCounter += 1;
  const org = await getDb().organization.create({
    data: {
      slug: `org-${orgCounter}-${Date.now().toString(36)}`,
      name: `Org ${orgCounter}`,
      plan: options.plan ?? "enterprise",
      approvalMode: options.approvalMode ?? "automatic",
      linkQuota: options.linkQuota ?? 10,
    },
  });
  return { org, ctx: memberCtx(org.id, { requestId: `test-${orgCounter}` }) };
}

/** A member of the organization, signed in (as the route wrapper builds it from a session). */
export function memberCtx(organizationId: string, { requestId = "test", engine = appEngine() }: { requestId?: string; engine?: Engine } = {}): Ctx {
  return { actor: { type: "user", id: randomUUID() }, organizationId, role: "member", scopes: API_SCOPES, requestId, engine, log: SILENT_LOGGER };
}

/** The worker's ctx, as job handlers get it. */
export function jobCtx(engine: Engine = appEngine()): Ctx {
  return systemCtx(engine, { requestId: "test-job" });
}

/** A vendor admin, signed in. */
export function adminCtx(engine: Engine = appEngine()): Ctx {
  return {
    actor: { type: "user", id: randomUUID() },
    organizationId: null,
    role: "admin",
    scopes: API_SCOPES,
    requestId: "test-admin",
    engine,
    log: SILENT_LOGGER,
  };
}

/** The customer's endpoint service, in `region`, allowlisting `principals`. */
export async function createCustomerService(
  sandbox: Sandbox,
  customer: SeedAccount,
  { principals, region = "us-east-1", acceptanceRequired = true }: { principals: string[]; region?: string; acceptanceRequired?: boolean },
) {
  const ec2 = clientsOf(sandbox, customer, region).ec2;
  const { ServiceConfiguration } = await ec2.send(
    new CreateVpcEndpointServiceConfigurationCommand({
      NetworkLoadBalancerArns: [await loadBalancerOf(sandbox, customer, region)],
      AcceptanceRequired: acceptanceRequired,
    }),
  );
  const serviceId = ServiceConfiguration?.ServiceId ?? "";
  if (principals.length) await ec2.send(new ModifyVpcEndpointServicePermissionsCommand({ ServiceId: serviceId, AddAllowedPrincipals: principals }));
  return {
    serviceId,
    serviceName: ServiceConfiguration?.ServiceName ?? "",
    ec2,
    accept: (endpointId: string) => accept(ec2, serviceId, endpointId),
    reject: (endpointId: string) => ec2.send(new RejectVpcEndpointConnectionsCommand({ ServiceId: serviceId, VpcEndpointIds: [endpointId] })),
  };
}

async function accept(ec2: EC2Client, serviceId: string, endpointId: string) {
  await ec2.send(new AcceptVpcEndpointConnectionsCommand({ ServiceId: serviceId, VpcEndpointIds: [endpointId] }));
}

export async function principalArnOf(engine: Engine, organizationId: string): Promise<string> {
  const org = await engine.db.organization.findUniqueOrThrow({ where: { id: organizationId } });
  return (await ensureOrganizationPrincipal(engine, org)).arn;
}

/** What a customer does to prove it owns an account: the proof role in it (with its own keys), then declare and check. */
export async function proveAccount(engine: Engine, sandbox: Sandbox, customer: SeedAccount, member: Ctx) {
  const ctx = { ...member, engine };
  const org = await engine.db.organization.findUniqueOrThrow({ where: { id: ctx.organizationId ?? "" } });
  const { roleName, trustPolicy } = await proofInstructions(engine, org);
  await clientsOf(sandbox, customer).iam.send(new CreateRoleCommand({ RoleName: roleName, AssumeRolePolicyDocument: trustPolicy }));
  const declared = await declareAwsAccount({ ctx, input: { accountId: customer.accountId } });
  return verifyAwsAccount({ ctx, input: { id: declared.id } });
}
