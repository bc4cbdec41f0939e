import {
  AcceptVpcEndpointConnectionsCommand,
  CreateVpcEndpointCommand,
  CreateVpcEndpointServiceConfigurationCommand,
  DeleteVpcEndpointsCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcEndpointServiceConfigurationsCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcsCommand,
  ModifyVpcEndpointServicePermissionsCommand,
} from "@aws-sdk/client-ec2";
import { AssumeRoleCommand, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { beforeAll, describe, expect, it } from "vitest";
import { withSandbox } from "../fixtures/sandbox";
import type { Sandbox } from "../../src/server";
import { clientsOf, CUSTOMER_A, expectAwsError, loadBalancerOf, VENDOR, type Clients } from "../../src/testing";

/** Rewrites the form body before the SDK signs it, to send what no SDK would. */
function rewriteBody(request: unknown, rewrite: (body: string) => string): void {
  const http = request as { body?: unknown; headers?: Record<string, string> };
  if (typeof http.body !== "string") return;
  const body = rewrite(http.body);
  http.body = body;
  if (http.headers?.["content-length"]) http.headers["content-length"] = String(Buffer.byteLength(body));
}

async function raw(sandbox: Sandbox, init: RequestInit & { path?: string } = {}) {
  const response = await fetch(`${sandbox.url}${init.path ?? "/"}`, init);
  const text = await response.text();
  expect(response.headers.get("content-type")).toMatch(/xml/);
  expect(text.startsWith("<?xml")).toBe(true);
  expect(text).not.toMatch(/<html/i);
  return { status: response.status, code: /<Code>([^<]+)<\/Code>/.exec(text)?.[1], text };
}

describe("sandbox: bad input gets AWS's errors", () => {
  const sandbox = withSandbox();
  let vendor: Clients;
  let vpcId: string;
  let serviceName: string;

  beforeAll(async () => {
    vendor = clientsOf(sandbox(), VENDOR);
    vpcId = (await vendor.ec2.send(new DescribeVpcsCommand({}))).Vpcs?.[0]?.VpcId ?? "";
    const customer = clientsOf(sandbox(), CUSTOMER_A).ec2;
    const service = await customer.send(
      new CreateVpcEndpointServiceConfigurationCommand({ NetworkLoadBalancerArns: [await loadBalancerOf(sandbox(), CUSTOMER_A)] }),
    );
    serviceName = service.ServiceConfiguration?.ServiceName ?? "";
    await customer.send(new ModifyVpcEndpointServicePermissionsCommand({ ServiceId: service.ServiceConfiguration?.ServiceId, AddAllowedPrincipals: ["*"] }));
  });

  it("MissingParameter for missing EC2 parameters, ValidationError for STS", async () => {
    await expectAwsError(
      vendor.ec2.send(new CreateVpcEndpointCommand({ VpcEndpointType: "Interface", ServiceName: serviceName, VpcId: undefined })),
      "MissingParameter",
    );
    await expectAwsError(
      vendor.ec2.send(new CreateVpcEndpointCommand({ VpcEndpointType: "Interface", VpcId: vpcId, ServiceName: undefined })),
      "MissingParameter",
    );
    await expectAwsError(vendor.ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [] })), "MissingParameter");
    await expectAwsError(
      clientsOf(sandbox(), CUSTOMER_A).ec2.send(new AcceptVpcEndpointConnectionsCommand({ ServiceId: undefined, VpcEndpointIds: ["vpce-0123456789abcdef0"] })),
      "MissingParameter",
    );
    await expectAwsError(clientsOf(sandbox(), CUSTOMER_A).ec2.send(new CreateVpcEndpointServiceConfigurationCommand({})), "MissingParameter");
    await expectAwsError(vendor.sts.send(new AssumeRoleCommand({ RoleArn: undefined, RoleSessionName: "x1" })), "ValidationError");
  });

  it("DryRunOperation for dry runs", async () => {
    await expectAwsError(vendor.ec2.send(new DescribeVpcsCommand({ DryRun: true })), "DryRunOperation", 412);
  });

  it("*.Malformed for ids that cannot be ids", async () => {
    await expectAwsError(vendor.ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: ["vpce-nothex"] })), "InvalidVpcEndpointId.Malformed");
    await expectAwsError(vendor.ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: ["endpoint-1"] })), "InvalidVpcEndpointId.Malformed");
    await expectAwsError(
      vendor.ec2.send(new CreateVpcEndpointCommand({ VpcEndpointType: "Interface", VpcId: "vpc-xyz", ServiceName: serviceName })),
      "InvalidVpcId.Malformed",
    );
    await expectAwsError(vendor.ec2.send(new DescribeSubnetsCommand({ SubnetIds: ["subnet-1"] })), "InvalidSubnetID.Malformed");
    await expectAwsError(vendor.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: ["sg-zz"] })), "InvalidGroupId.Malformed");
    await expectAwsError(
      clientsOf(sandbox(), CUSTOMER_A).ec2.send(new DescribeVpcEndpointServiceConfigurationsCommand({ ServiceIds: ["svc-1"] })),
      "InvalidVpcEndpointServiceId.Malformed",
    );
  });

  it("*.NotFound for well-formed ids that do not exist (or are not the caller's)", async () => {
    await expectAwsError(vendor.ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: ["vpce-0123456789abcdef0"] })), "InvalidVpcEndpointId.NotFound");
    const otherVpc = (await clientsOf(sandbox(), CUSTOMER_A).ec2.send(new DescribeVpcsCommand({}))).Vpcs?.[0]?.VpcId;
    await expectAwsError(
      vendor.ec2.send(new CreateVpcEndpointCommand({ VpcEndpointType: "Interface", VpcId: otherVpc, ServiceName: serviceName })),
      "InvalidVpcID.NotFound",
    );
    await expectAwsError(
      vendor.ec2.send(
        new CreateVpcEndpointCommand({ VpcEndpointType: "Interface", VpcId: vpcId, ServiceName: serviceName, SubnetIds: ["subnet-0123456789abcdef0"] }),
      ),
      "InvalidSubnetID.NotFound",
    );
    await expectAwsError(
      vendor.ec2.send(
        new CreateVpcEndpointCommand({ VpcEndpointType: "Interface", VpcId: vpcId, ServiceName: serviceName, SecurityGroupIds: ["sg-0123456789abcdef0"] }),
      ),
      "InvalidGroup.NotFound",
    );
    await expectAwsError(
      clientsOf(sandbox(), CUSTOMER_A).ec2.send(new DescribeVpcEndpointServiceConfigurationsCommand({ ServiceIds: ["vpce-svc-0123456789abcdef0"] })),
      "InvalidVpcEndpointServiceId.NotFound",
    );
    await expectAwsError(
      vendor.ec2.send(
        new CreateVpcEndpointCommand({ VpcEndpointType: "Interface", VpcId: vpcId, ServiceName: "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0" }),
      ),
      "InvalidServiceName",
    );
    await expectAwsError(vendor.ec2.send(new CreateVpcEndpointCommand({ VpcId: vpcId, ServiceName: serviceName })), "InvalidParameter");
  });

  it("InvalidAction for unknown actions and versions", async () => {
    const ec2 = clientsOf(sandbox(), VENDOR).ec2;
    ec2.middlewareStack.add(
      (next) => async (args) => {
        rewriteBody(args.request, (body) => body.replace("Action=DescribeVpcs", "Action=DescribeUnicorns"));
        return next(args);
      },
      { step: "build", priority: "high" },
    );
    await expectAwsError(ec2.send(new DescribeVpcsCommand({})), "InvalidAction", 400);

    const oldEc2 = clientsOf(sandbox(), VENDOR).ec2;
    oldEc2.middlewareStack.add(
      (next) => async (args) => {
        rewriteBody(args.request, (body) => body.replace("Version=2016-11-15", "Version=2014-01-01"));
        return next(args);
      },
      { step: "build", priority: "high" },
    );
    await expectAwsError(oldEc2.send(new DescribeVpcsCommand({})), "NoSuchVersion", 400);

    const sts = clientsOf(sandbox(), VENDOR).sts;
    sts.middlewareStack.add(
      (next) => async (args) => {
        rewriteBody(args.request, (body) => body.replace("Version=2011-06-15", "Version=2099-01-01"));
        return next(args);
      },
      { step: "build", priority: "high" },
    );
    await expectAwsError(sts.send(new GetCallerIdentityCommand({})), "InvalidAction", 400);
  });

  it("answers malformed HTTP with an AWS error document, never HTML", async () => {
    const json = await raw(sandbox(), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ Action: "DescribeVpcs" }) });
    expect([json.status, json.code]).toEqual([400, "InvalidQueryParameter"]);
    expect((await raw(sandbox())).code).toBe("MissingAction");
    const unsigned = await raw(sandbox(), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "Action=DescribeVpcs&Version=2016-11-15",
    });
    expect([unsigned.status, unsigned.code]).toEqual([401, "MissingAuthenticationToken"]);
    expect(unsigned.text).toContain("<Response><Errors><Error>");
    const sts = await raw(sandbox(), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "Action=GetCallerIdentity&Version=2011-06-15",
    });
    expect([sts.status, sts.code]).toEqual([403, "MissingAuthenticationToken"]);
    expect(sts.text).toContain("<ErrorResponse");
    expect(sts.text).toContain("<Type>Sender</Type>");
    const garbage = await raw(sandbox(), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", authorization: "Bearer nope" },
      body: "Action=DescribeVpcs&Version=2016-11-15",
    });
    expect(garbage.code).toBe("IncompleteSignature");
    const s3 = await raw(sandbox(), {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization: `AWS4-HMAC-SHA256 Credential=${VENDOR.accessKeyId}/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=00`,
      },
      body: "Action=ListBuckets&Version=2006-03-01",
    });
    expect(s3.code).toBe("InvalidAction");
    const amzDate = new Date()
      .toISOString()
      .replace(/[-:]/g, "")
      .replace(/\.\d{3}/, "");
    const mangled = await raw(sandbox(), {
      path: "/%zz?x=%E0%A4%A",
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-amz-date": amzDate,
        authorization: `AWS4-HMAC-SHA256 Credential=${VENDOR.accessKeyId}/${amzDate.slice(0, 8)}/us-east-1/ec2/aws4_request, SignedHeaders=host;x-amz-date, Signature=00`,
      },
      body: "Action=DescribeVpcs&Version=2016-11-15",
    });
    expect([mangled.status, mangled.code]).toEqual([401, "AuthFailure"]);
    expect((await raw(sandbox(), { method: "PUT", body: "x" })).status).toBeGreaterThanOrEqual(400);
    expect((await raw(sandbox(), { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "%%%&&&==" })).status).toBe(400);
  });
});
