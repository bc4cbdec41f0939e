import { DeleteVpcEndpointsCommand, DescribeVpcEndpointConnectionsCommand, EC2Client } from "@aws-sdk/client-ec2";
import { CreateRoleCommand } from "@aws-sdk/client-iam";
import { beforeAll, describe, expect, it } from "vitest";
import { roleCredentials } from "@/lib/aws/principals";
import { runProvisioning } from "@/lib/links/provision-link";
import { reconcileLinks } from "@/lib/links/reconcile-links";
import { runVerification } from "@/lib/links/verify-link";
import { clientsOf, CUSTOMER_A, CUSTOMER_B, expectAwsError, VENDOR } from "@privatelink-portal/sandbox-aws/testing";
import { createOrganizationWithKey, jobCtx, withLinkEngine } from "../fixtures/app";
import { createAdminKey } from "../fixtures/callers";
import { createCustomerService } from "../fixtures/customer";
import { call, HANDLERS } from "./api-helpers";
import { expectDocumented } from "./openapi-check";

/**
 * The "done when", replayed through /api/v1: customer A allowlists our whole account (what
 * most vendors' docs, ours included, used to say) and connects; customer B, with its own AWS
 * account, names A's service. B is refused with what to do, no second connection request reaches
 * A's account, and B's role cannot touch A's endpoint. The SDK plays both customers' accounts.
 */
const { engine, sandbox } = withLinkEngine({ budgets: { burst: 100, refillPerSecond: 100 } });
const VENDOR_ROOT = `arn:aws:iam::${VENDOR.accountId}:root`;

type Body = Record<string, unknown> & { id: string; state: string; lastError: { code: string; message: string } | null; endpointId: string | null };

async function api(op: string, method: string, path: string, key: string, options: { id?: string; body?: unknown } = {}) {
  const response = await call(HANDLERS[op]!, { method, path, params: options.id ? { id: options.id } : {}, body: options.body, caller: { key } });
  return { status: response.status, body: (await expectDocumented(op, response)) as Body };
}

let keyA = "";
let keyB = "";
let admin = "";
let orgB = "";

beforeAll(async () => {
  keyA = (await createOrganizationWithKey({ approvalMode: "automatic" })).key;
  const b = await createOrganizationWithKey({ approvalMode: "manual" });
  orgB = b.org.id;
  keyB = b.key;
  admin = await createAdminKey();
});

describe("organization B naming organization A's service, through /api/v1", () => {
  it("refuses B, keeps A's link, and leaves one connection request in A's account", async () => {
    // A's side: a service allowlisting our whole account, and the proof that A owns its account.
    const service = await createCustomerService(sandbox(), CUSTOMER_A, { principals: [VENDOR_ROOT] });
    const { body: accountsA } = await api("listAwsAccounts", "GET", "/api/v1/aws-accounts", keyA);
    const proofA = accountsA.proofInstructions as { roleName: string; trustPolicy: string; externalId: string; trustedPrincipal: string };
    expect(proofA).toMatchObject({ roleName: `privatelink-proof-${VENDOR.accountId}`, trustedPrincipal: VENDOR_ROOT });
    await clientsOf(sandbox(), CUSTOMER_A).iam.send(new CreateRoleCommand({ RoleName: proofA.roleName, AssumeRolePolicyDocument: proofA.trustPolicy }));
    const declared = await api("declareAwsAccount", "POST", "/api/v1/aws-accounts", keyA, { body: { accountId: CUSTOMER_A.accountId } });
    expect(declared).toMatchObject({ status: 201, body: { proof: "unproved", proofRoleArn: `arn:aws:iam::${CUSTOMER_A.accountId}:role/${proofA.roleName}` } });
    const proved = await api("verifyAwsAccount", "POST", `/api/v1/aws-accounts/${declared.body.id}/verify`, keyA, { id: declared.body.id });
    expect(proved.body).toMatchObject({ proof: "proved", lastError: null });

    const { body: linkA } = await api("createLink", "POST", "/api/v1/links", keyA, {
      body: { name: "orders-db", serviceName: service.serviceName, region: "us-east-1" },
    });
    await runVerification({ ctx: jobCtx(engine()), input: { linkId: linkA.id } });
    await runProvisioning({ ctx: jobCtx(engine()), input: { linkId: linkA.id } });
    const provisioned = await api("getLink", "GET", `/api/v1/links/${linkA.id}`, keyA, { id: linkA.id });
    expect(provisioned.body).toMatchObject({
      state: "pending_acceptance",
      trust: { serviceOwnerAccountId: CUSTOMER_A.accountId, allowlistScope: "account", ownerProof: "proved" },
    });
    await service.accept(provisioned.body.endpointId!);
    await reconcileLinks({ ctx: jobCtx(engine()) });

    // B's side: the same service name, registered with B's own key.
    const { body: accountsB } = await api("listAwsAccounts", "GET", "/api/v1/aws-accounts", keyB);
    const proofB = accountsB.proofInstructions as { externalId: string };
    const { status, body: linkB } = await api("createLink", "POST", "/api/v1/links", keyB, {
      body: { name: "theirs", serviceName: service.serviceName, region: "us-east-1" },
    });
    expect(status).toBe(201);
    await runVerification({ ctx: jobCtx(engine()), input: { linkId: linkB.id } });
    const refused = await api("getLink", "GET", `/api/v1/links/${linkB.id}`, keyB, { id: linkB.id });
    expect(refused.body).toMatchObject({
      state: "verification_failed",
      endpointId: null,
      lastError: { code: "owner_declared" },
      trust: { allowlistScope: "account", ownerProof: "undeclared" },
    });
    for (const part of [CUSTOMER_A.accountId, proofA.roleName, proofB.externalId, VENDOR_ROOT]) expect(refused.body.lastError?.message).toContain(part);
    expect(proofB.externalId).not.toBe(proofA.externalId);

    // B proves its own account with its own keys, and that proves nothing about A's.
    const proofBRole = accountsB.proofInstructions as { roleName: string; trustPolicy: string };
    await clientsOf(sandbox(), CUSTOMER_B).iam.send(new CreateRoleCommand({ RoleName: proofBRole.roleName, AssumeRolePolicyDocument: proofBRole.trustPolicy }));
    const own = await api("declareAwsAccount", "POST", "/api/v1/aws-accounts", keyB, { body: { accountId: CUSTOMER_B.accountId } });
    expect((await api("verifyAwsAccount", "POST", `/api/v1/aws-accounts/${own.body.id}/verify`, keyB, { id: own.body.id })).body.proof).toBe("proved");

    // B declares A's account and cannot prove it; verifying again changes nothing.
    const claimed = await api("declareAwsAccount", "POST", "/api/v1/aws-accounts", keyB, { body: { accountId: CUSTOMER_A.accountId } });
    const attempt = await api("verifyAwsAccount", "POST", `/api/v1/aws-accounts/${claimed.body.id}/verify`, keyB, { id: claimed.body.id });
    expect(attempt.body).toMatchObject({
      proof: "unproved",
      lastError: expect.stringContaining(`In AWS account ${CUSTOMER_A.accountId}, create the IAM role ${proofA.roleName}`),
    });
    expect((await api("verifyLink", "POST", `/api/v1/links/${linkB.id}/verify`, keyB, { id: linkB.id })).status).toBe(202);
    await runVerification({ ctx: jobCtx(engine()), input: { linkId: linkB.id } });
    const again = await api("getLink", "GET", `/api/v1/links/${linkB.id}`, keyB, { id: linkB.id });
    expect(again.body).toMatchObject({ state: "verification_failed", trust: { ownerProof: "unproved" } });
    expect(again.body.lastError?.message).toContain("declared but has not proved");

    // Nothing reached the approval queue, A's link is still up, and A's account sees one request.
    const queue = await api("adminListLinks", "GET", `/api/v1/admin/links?organizationId=${orgB}`, admin);
    expect(queue.body.data).toEqual([
      expect.objectContaining({
        id: linkB.id,
        state: "verification_failed",
        trust: { serviceOwnerAccountId: CUSTOMER_A.accountId, allowlistScope: "account", ownerProof: "unproved" },
      }),
    ]);
    expect((await api("getLink", "GET", `/api/v1/links/${linkA.id}`, keyA, { id: linkA.id })).body.state).toBe("available");
    const { VpcEndpointConnections } = await service.ec2.send(
      new DescribeVpcEndpointConnectionsCommand({ Filters: [{ Name: "service-id", Values: [service.serviceId] }] }),
    );
    expect(VpcEndpointConnections?.map((c) => c.VpcEndpointId)).toEqual([provisioned.body.endpointId]);

    // And B's role, if it ever tried, cannot delete A's endpoint: AWS's policy check refuses it.
    const connectivityB = await api("getConnectivity", "GET", "/api/v1/connectivity", keyB);
    const externalIdB = (await engine().db.organization.findUniqueOrThrow({ where: { id: orgB } })).externalId;
    const asB = new EC2Client({
      endpoint: sandbox().url,
      region: "us-east-1",
      maxAttempts: 1,
      credentials: roleCredentials(engine().aws, { roleArn: connectivityB.body.principalArn as string, externalId: externalIdB, sessionName: "b-tries" }),
    });
    await expectAwsError(asB.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [provisioned.body.endpointId!] })), "UnauthorizedOperation", 403);
  });
});
