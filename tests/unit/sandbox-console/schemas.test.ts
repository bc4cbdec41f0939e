import { describe, expect, it } from "vitest";
import {
  allowPrincipalInputSchema,
  connectionActionInputSchema,
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
