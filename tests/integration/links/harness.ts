import {
  AcceptVpcEndpointConnectionsCommand,
  CreateVpcEndpointServiceConfigurationCommand,
  ModifyVpcEndpointServicePermissionsCommand,
  RejectVpcEndpointConnectionsCommand,
  type EC2Client,
} from "@aws-sdk/client-ec2";
import { afterAll, beforeAll } from "vitest";
import { CreateRoleCommand } from "@aws-sdk/client-iam";
import { createOutsideCanaryRole } from "@/lib/aws/canary";
import { declareAwsAccount, proofInstructions, verifyAwsAccount } from "@/lib/orgs/aws-accounts";
import { getDb } from "@/lib/db/client";
import { SYSTEM, type Ctx } from "@/lib/links/context";
import { EC2_MUTATION_BUDGET, type Engine } from "@/lib/links/engine";
import { POLL } from "@/lib/links/persist";
import { principalFor } from "@/lib/links/principal";
import { syncVendorRegions } from "@/lib/links/vendor-network";
import type { SeedAccount } from "@/lib/sandbox-aws/seed";
import type { Sandbox } from "@/lib/sandbox-aws/server";
import { withAppDatabase } from "../setup-app-db";
import { clientsOf, credentialsOf, CUSTOMER_C, loadBalancerOf, startTestSandbox, VENDOR } from "../sandbox/helpers";

/** The dev sandbox's outside account for the allow-list probe (lib/cli/aws-default.ts does the same). */
export const OUTSIDE = CUSTOMER_C;

/**
 * A real PostgreSQL and the sandbox AWS over HTTP, wired into an Engine as the worker builds it,
 * plus the customer's side of PrivateLink (create a service, allowlist, accept, reject).
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
    await syncVendorRegions(state.engine, [
      { region: "us-east-1", ports: [5432], crossRegionTo: ["us-west-2"] },
      { region: "eu-west-1", ports: [5432] },
    ]);
  });
  afterAll(async () => {
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
    data: { slug: `org-${orgCounter}-${Date.now().toString(36)}`, name: `Org ${orgCounter}`, plan: options.plan ?? "enterprise", approvalMode: options.approvalMode ?? "automatic", linkQuota: options.linkQuota ?? 10 },
  });
  const ctx: Ctx = { actor: { type: "user", id: null }, organizationId: org.id, isAdmin: false, requestId: `test-${orgCounter}` };
  return { org, ctx };
}

export const ADMIN: Ctx = { ...SYSTEM, actor: { type: "user", id: null } };

/** The customer's endpoint service, in `region`, allowlisting `principals`. */
export async function createCustomerService(
  sandbox: Sandbox,
  customer: SeedAccount,
  { principals, region = "us-east-1", acceptanceRequired = true }: { principals: string[]; region?: string; acceptanceRequired?: boolean },
) {
  const ec2 = clientsOf(sandbox, customer, region).ec2;
  const { ServiceConfiguration } = await ec2.send(
    new CreateVpcEndpointServiceConfigurationCommand({ NetworkLoadBalancerArns: [await loadBalancerOf(sandbox, customer, region)], AcceptanceRequired: acceptanceRequired }),
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
  return (await principalFor(engine, org)).arn;
}

/** What a customer does to prove it owns an account: the proof role in it (with its own keys), then declare and check. */
export async function proveAccount(engine: Engine, sandbox: Sandbox, customer: SeedAccount, ctx: Ctx) {
  const org = await engine.db.organization.findUniqueOrThrow({ where: { id: ctx.organizationId ?? "" } });
  const { roleName, trustPolicy } = await proofInstructions(engine, org);
  await clientsOf(sandbox, customer).iam.send(new CreateRoleCommand({ RoleName: roleName, AssumeRolePolicyDocument: trustPolicy }));
  const declared = await declareAwsAccount({ engine, ctx, input: { accountId: customer.accountId } });
  return verifyAwsAccount({ engine, ctx, id: declared.id });
}
