import { describe, expect, it } from "vitest";
import {
  allowPrincipalInputSchema,
  connectionActionInputSchema,
  createSandboxResourceInputSchema,
  createSandboxServiceInputSchema,
  loopbackAddressSchema,
  sandboxTargetSchema,
} from "@/lib/sandbox-console/schemas";

const scope = { accountId: "222222222222", region: "us-east-1" };

describe("sandbox console schemas", () => {
  it("names a load balancer as ELBv2 allows", () => {
    expect(createSandboxServiceInputSchema.parse({ ...scope, name: "orders-nlb" })).toMatchObject({
      acceptanceRequired: true,
      allowOrganizationPrincipal: true,
    });
    for (const name of ["-x", "x-", "a".repeat(33), "has space", ""]) expect(createSandboxServiceInputSchema.safeParse({ ...scope, name }).success).toBe(false);
  });

  it("allowlists a role, an account root or everyone, nothing else", () => {
    const serviceId = "vpce-svc-0123456789abcdef0";
    for (const principalArn of ["arn:aws:iam::111111111111:role/privatelink/org-x", "arn:aws:iam::111111111111:root", "*"])
      expect(allowPrincipalInputSchema.safeParse({ ...scope, serviceId, principalArn }).success).toBe(true);
    for (const principalArn of ["arn:aws:iam::11111111111:root", "arn:aws:iam::111111111111:user/bob", "root"])
      expect(allowPrincipalInputSchema.safeParse({ ...scope, serviceId, principalArn }).success).toBe(false);
    expect(connectionActionInputSchema.safeParse({ ...scope, serviceId, endpointId: "vpce-0123456789abcdef0", action: "revoke" }).success).toBe(false);
  });
});

describe("sandbox targets", () => {
  it("are loopback addresses only: the sandbox connects to what is registered", () => {
    for (const address of ["127.0.0.1", "127.10.0.254", "127.255.255.255"]) expect(loopbackAddressSchema.safeParse(address).success).toBe(true);
    for (const address of ["10.0.1.20", "128.0.0.1", "127.0.0.256", "127.0.0", "localhost", "::1", "0.0.0.0"])
      expect(loopbackAddressSchema.safeParse(address).success).toBe(false);
    expect(sandboxTargetSchema.safeParse({ address: "127.0.0.1", port: 70000 }).success).toBe(false);
  });

  it("default the listener to 5432 and leave the target to the portal's database when absent", () => {
    const parsed = createSandboxServiceInputSchema.parse({ ...scope, name: "orders-nlb" });
    expect({ port: parsed.port, target: parsed.target }).toEqual({ port: 5432, target: undefined });
  });
});

describe("sandbox resource configurations", () => {
  const rds = { type: "rds", rdsArn: "arn:aws:rds:us-east-1:222222222222:db:orders" };

  it("take VPC Lattice's names, which the gateway, the configuration and the share share", () => {
    expect(createSandboxResourceInputSchema.parse({ ...scope, name: "orders-db", resource: rds })).toMatchObject({ shareWithVendor: true });
    for (const name of ["ab", "a".repeat(41), "Orders", "orders--db", "-orders", "orders-", "rgw-orders", "rcfg-orders"])
      expect(createSandboxResourceInputSchema.safeParse({ ...scope, name, resource: rds }).success, name).toBe(false);
  });

  it("name an RDS database by ARN, or an IP address on a port", () => {
    const parse = (resource: unknown) => createSandboxResourceInputSchema.safeParse({ ...scope, name: "orders-db", resource });
    expect(parse({ type: "ip", ipAddress: "10.2.0.25", port: "5432" }).data?.resource).toEqual({ type: "ip", ipAddress: "10.2.0.25", port: 5432 });
    expect(parse({ type: "rds", rdsArn: "arn:aws:rds:us-east-1:222222222222:cluster:orders-1" }).success).toBe(true);
    expect(parse({ type: "rds", rdsArn: "arn:aws:s3:::orders" }).error?.issues[0]?.path).toEqual(["resource", "rdsArn"]);
    expect(parse({ type: "ip", ipAddress: "10.2.0.256", port: 5432 }).error?.issues[0]?.path).toEqual(["resource", "ipAddress"]);
    expect(parse({ type: "dns", domainName: "orders.example.com" }).success).toBe(false);
  });
});
