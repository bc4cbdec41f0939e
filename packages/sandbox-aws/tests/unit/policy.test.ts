import { describe, expect, it } from "vitest";
import { trustPolicyAllows } from "../../src/policy";
import { principalAdmits } from "../../src/principals";
import type { Caller } from "../../src/runtime";

const root: Caller = { accountId: "111111111111", arn: "arn:aws:iam::111111111111:root", userId: "111111111111", accessKeyId: "AKIA" };
const session: Caller = {
  accountId: "111111111111",
  arn: "arn:aws:sts::111111111111:assumed-role/tenant-a/worker",
  userId: "AROAX:worker",
  roleArn: "arn:aws:iam::111111111111:role/tenants/tenant-a",
  accessKeyId: "ASIA",
};
const stranger: Caller = { accountId: "222222222222", arn: "arn:aws:iam::222222222222:root", userId: "222222222222", accessKeyId: "AKIB" };

function policy(statement: Record<string, unknown>): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", ...statement }] });
}

describe("principals", () => {
  it("admits by root, role ARN, exact ARN and wildcard", () => {
    expect(principalAdmits("arn:aws:iam::111111111111:root", session)).toBe(true);
    expect(principalAdmits("111111111111", root)).toBe(true);
    expect(principalAdmits("arn:aws:iam::111111111111:role/tenants/tenant-a", session)).toBe(true);
    expect(principalAdmits("arn:aws:iam::111111111111:role/tenants/tenant-a", root)).toBe(false);
    expect(principalAdmits("arn:aws:iam::111111111111:role/tenants/tenant-b", session)).toBe(false);
    expect(principalAdmits("arn:aws:iam::111111111111:root", stranger)).toBe(false);
    expect(principalAdmits("*", stranger)).toBe(true);
  });
});

describe("trust policies", () => {
  it("allows the trusted principal and nobody else", () => {
    const document = policy({ Principal: { AWS: "arn:aws:iam::111111111111:root" } });
    expect(trustPolicyAllows(document, root, undefined)).toBe(true);
    expect(trustPolicyAllows(document, session, undefined)).toBe(true);
    expect(trustPolicyAllows(document, stranger, undefined)).toBe(false);
  });

  it("requires the external id when the condition names it", () => {
    const document = policy({ Principal: { AWS: ["arn:aws:iam::111111111111:root"] }, Condition: { StringEquals: { "sts:ExternalId": "ext-1" } } });
    expect(trustPolicyAllows(document, root, "ext-1")).toBe(true);
    expect(trustPolicyAllows(document, root, "ext-2")).toBe(false);
    expect(trustPolicyAllows(document, root, undefined)).toBe(false);
    const like = policy({ Principal: "*", Condition: { StringLike: { "sts:ExternalId": "org-*" } } });
    expect(trustPolicyAllows(like, stranger, "org-42")).toBe(true);
  });

  it("lets an explicit Deny win and fails closed on what it does not understand", () => {
    const denied = JSON.stringify({
      Statement: [
        { Effect: "Allow", Principal: "*", Action: "sts:*" },
        { Effect: "Deny", Principal: { AWS: "222222222222" }, Action: "sts:AssumeRole" },
      ],
    });
    expect(trustPolicyAllows(denied, root, undefined)).toBe(true);
    expect(trustPolicyAllows(denied, stranger, undefined)).toBe(false);
    expect(trustPolicyAllows(policy({ Principal: "*", Condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } } }), root, undefined)).toBe(false);
    expect(trustPolicyAllows("not json", root, undefined)).toBe(false);
    expect(trustPolicyAllows(policy({ Principal: { Service: "ec2.amazonaws.com" } }), root, undefined)).toBe(false);
  });
});
