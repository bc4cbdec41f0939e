import { describe, expect, it } from "vitest";
import { conditionHolds } from "../../src/authz/conditions";
import { ec2AuthorizationRequests } from "../../src/authz/ec2-requests";
import { evaluatePolicies, type AuthorizationRequest } from "../../src/authz/evaluate";
import type { Caller } from "../../src/runtime";
import { SandboxState, type Role } from "../../src/state";
import { Params } from "../../src/wire/params";

const ENDPOINT = "arn:aws:ec2:us-east-1:111111111111:vpc-endpoint/vpce-0123456789abcdef0";
const ORG_TAG = "privatelink-portal:organization-id";

function request(action: string, resource: string, context: Record<string, string | string[]> = {}): AuthorizationRequest {
  return { action, resource, context: new Map(Object.entries(context).map(([k, v]) => [k.toLowerCase(), v])) };
}

function policy(...statements: Record<string, unknown>[]): string {
  return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

const context = (entries: Record<string, string | string[]>) => new Map(Object.entries(entries).map(([k, v]) => [k.toLowerCase(), v]));

describe("policy evaluation", () => {
  it("denies what no statement allows, and lets an explicit Deny win over any Allow", () => {
    const allowAll = policy({ Effect: "Allow", Action: "*", Resource: "*" });
    expect(evaluatePolicies([allowAll], request("ec2:DeleteVpcEndpoints", ENDPOINT)).effect).toBe("allow");
    expect(evaluatePolicies([], request("ec2:DeleteVpcEndpoints", ENDPOINT)).effect).toBe("implicit_deny");
    const denyDelete = policy({ Sid: "NoDeletes", Effect: "Deny", Action: "ec2:Delete*", Resource: "*" });
    expect(evaluatePolicies([allowAll, denyDelete], request("ec2:DeleteVpcEndpoints", ENDPOINT))).toEqual({
      effect: "explicit_deny",
      statementId: "NoDeletes",
    });
    expect(evaluatePolicies([allowAll, denyDelete], request("ec2:DescribeVpcs", "*")).effect).toBe("allow");
  });

  it("matches actions case-insensitively with wildcards, and NotAction as everything else", () => {
    const describe = policy({ Effect: "Allow", Action: ["ec2:Describe*", "sts:Get?allerIdentity"], Resource: "*" });
    expect(evaluatePolicies([describe], request("ec2:DescribeVpcEndpointServices", "*")).effect).toBe("allow");
    expect(evaluatePolicies([describe], request("EC2:describevpcs", "*")).effect).toBe("allow");
    expect(evaluatePolicies([describe], request("sts:GetCallerIdentity", "*")).effect).toBe("allow");
    expect(evaluatePolicies([describe], request("ec2:CreateVpcEndpoint", "*")).effect).toBe("implicit_deny");
    const allButDelete = policy({ Effect: "Allow", NotAction: "ec2:Delete*", Resource: "*" });
    expect(evaluatePolicies([allButDelete], request("ec2:CreateTags", ENDPOINT)).effect).toBe("allow");
    expect(evaluatePolicies([allButDelete], request("ec2:DeleteVpcEndpoints", ENDPOINT)).effect).toBe("implicit_deny");
  });

  it("matches resource ARNs with wildcards, case-sensitively, and NotResource", () => {
    const own = policy({ Effect: "Allow", Action: "ec2:*", Resource: "arn:aws:ec2:*:111111111111:vpc-endpoint/*" });
    expect(evaluatePolicies([own], request("ec2:ModifyVpcEndpoint", ENDPOINT)).effect).toBe("allow");
    expect(evaluatePolicies([own], request("ec2:ModifyVpcEndpoint", ENDPOINT.replace("111111111111", "222222222222"))).effect).toBe("implicit_deny");
    expect(evaluatePolicies([own], request("ec2:ModifyVpcEndpoint", ENDPOINT.replace("vpc-endpoint", "VPC-ENDPOINT"))).effect).toBe("implicit_deny");
    expect(evaluatePolicies([own], request("ec2:DescribeVpcs", "*")).effect).toBe("implicit_deny");
    const notEndpoints = policy({ Effect: "Allow", Action: "ec2:*", NotResource: "arn:aws:ec2:*:*:vpc-endpoint/*" });
    expect(evaluatePolicies([notEndpoints], request("ec2:CreateTags", ENDPOINT)).effect).toBe("implicit_deny");
    expect(evaluatePolicies([notEndpoints], request("ec2:CreateTags", "arn:aws:ec2:us-east-1:111111111111:vpc/vpc-1")).effect).toBe("allow");
  });

  it("applies a tag condition only when the resource carries the tag (a missing tag never matches StringEquals)", () => {
    const ownTagged = policy({
      Effect: "Allow",
      Action: "ec2:DeleteVpcEndpoints",
      Resource: "*",
      Condition: { StringEquals: { [`aws:ResourceTag/${ORG_TAG}`]: "org-a" } },
    });
    expect(evaluatePolicies([ownTagged], request("ec2:DeleteVpcEndpoints", ENDPOINT, { [`aws:resourcetag/${ORG_TAG}`]: "org-a" })).effect).toBe("allow");
    expect(evaluatePolicies([ownTagged], request("ec2:DeleteVpcEndpoints", ENDPOINT, { [`aws:resourcetag/${ORG_TAG}`]: "org-b" })).effect).toBe(
      "implicit_deny",
    );
    expect(evaluatePolicies([ownTagged], request("ec2:DeleteVpcEndpoints", ENDPOINT)).effect).toBe("implicit_deny");
  });

  it("fails closed on what it cannot read: an unknown operator voids an Allow and triggers a Deny", () => {
    const unknown = { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } };
    expect(evaluatePolicies([policy({ Effect: "Allow", Action: "*", Resource: "*", Condition: unknown })], request("ec2:DescribeVpcs", "*")).effect).toBe(
      "implicit_deny",
    );
    const withDeny = [policy({ Effect: "Allow", Action: "*", Resource: "*" }), policy({ Effect: "Deny", Action: "*", Resource: "*", Condition: unknown })];
    expect(evaluatePolicies(withDeny, request("ec2:DescribeVpcs", "*")).effect).toBe("explicit_deny");
    expect(evaluatePolicies(["not json"], request("ec2:DescribeVpcs", "*")).effect).toBe("implicit_deny");
    expect(evaluatePolicies([policy({ Effect: "Allow", Resource: "*" })], request("ec2:DescribeVpcs", "*")).effect).toBe("implicit_deny");
  });
});

describe("condition operators", () => {
  const tag = `aws:RequestTag/${ORG_TAG}`;

  it("StringEquals and StringNotEquals (a negated operator matches an absent key)", () => {
    expect(conditionHolds({ StringEquals: { [tag]: ["org-a", "org-b"] } }, context({ [tag]: "org-b" }))).toBe(true);
    expect(conditionHolds({ StringEquals: { [tag]: "org-a" } }, context({ [tag]: "ORG-A" }))).toBe(false);
    expect(conditionHolds({ StringEquals: { [tag]: "org-a" } }, context({}))).toBe(false);
    expect(conditionHolds({ StringNotEquals: { [tag]: "org-a" } }, context({ [tag]: "org-b" }))).toBe(true);
    expect(conditionHolds({ StringNotEquals: { [tag]: "org-a" } }, context({ [tag]: "org-a" }))).toBe(false);
    expect(conditionHolds({ StringNotEquals: { [tag]: "org-a" } }, context({}))).toBe(true);
  });

  it("StringLike with * and ?", () => {
    expect(conditionHolds({ StringLike: { "aws:PrincipalTag/team": "net*" } }, context({ "aws:principaltag/team": "network" }))).toBe(true);
    expect(conditionHolds({ StringLike: { "aws:PrincipalTag/team": "ne?" } }, context({ "aws:principaltag/team": "network" }))).toBe(false);
    expect(conditionHolds({ StringLike: { "aws:PrincipalTag/team": "ne?" } }, context({ "aws:principaltag/team": "net" }))).toBe(true);
  });

  it("Null: true for an absent key, false for a present one", () => {
    expect(conditionHolds({ Null: { "ec2:CreateAction": "true" } }, context({}))).toBe(true);
    expect(conditionHolds({ Null: { "ec2:CreateAction": "true" } }, context({ "ec2:createaction": "CreateVpcEndpoint" }))).toBe(false);
    expect(conditionHolds({ Null: { [tag]: "false" } }, context({ [tag]: "org-a" }))).toBe(true);
    expect(conditionHolds({ Null: { [tag]: "false" } }, context({}))).toBe(false);
  });

  it("ForAllValues holds when every request value is allowed, including none at all", () => {
    const onlyKnownKeys = { "ForAllValues:StringEquals": { "aws:TagKeys": ["Name", ORG_TAG] } };
    expect(conditionHolds(onlyKnownKeys, context({ "aws:tagkeys": ["Name"] }))).toBe(true);
    expect(conditionHolds(onlyKnownKeys, context({ "aws:tagkeys": ["Name", "cost-center"] }))).toBe(false);
    expect(conditionHolds(onlyKnownKeys, context({ "aws:tagkeys": [] }))).toBe(true);
    expect(conditionHolds(onlyKnownKeys, context({}))).toBe(true);
    const neverTheOrgKey = { "ForAllValues:StringNotEquals": { "aws:TagKeys": [ORG_TAG] } };
    expect(conditionHolds(neverTheOrgKey, context({ "aws:tagkeys": ["Name"] }))).toBe(true);
    expect(conditionHolds(neverTheOrgKey, context({ "aws:tagkeys": ["Name", ORG_TAG] }))).toBe(false);
  });

  it("ForAnyValue holds when at least one request value matches, never for an absent key", () => {
    const touchesOrgKey = { "ForAnyValue:StringEquals": { "aws:TagKeys": [ORG_TAG] } };
    expect(conditionHolds(touchesOrgKey, context({ "aws:tagkeys": ["Name", ORG_TAG] }))).toBe(true);
    expect(conditionHolds(touchesOrgKey, context({ "aws:tagkeys": ["Name"] }))).toBe(false);
    expect(conditionHolds(touchesOrgKey, context({}))).toBe(false);
    expect(conditionHolds({ "ForAnyValue:StringLike": { "aws:TagKeys": ["privatelink-*"] } }, context({ "aws:tagkeys": ["Name", ORG_TAG] }))).toBe(true);
  });

  it("requires every operator and every key of a block, and reads condition keys case-insensitively", () => {
    const both = { StringEquals: { [tag]: "org-a", "ec2:CreateAction": "CreateVpcEndpoint" } };
    expect(conditionHolds(both, context({ [tag.toUpperCase()]: "org-a", "EC2:CREATEACTION": "CreateVpcEndpoint" }))).toBe(true);
    expect(conditionHolds(both, context({ [tag]: "org-a" }))).toBe(false);
    expect(conditionHolds({ StringEquals: { [tag]: "org-a" }, Null: { "ec2:CreateAction": "false" } }, context({ [tag]: "org-a" }))).toBe(false);
    expect(conditionHolds({ "ForSomeValues:StringEquals": { [tag]: "org-a" } }, context({ [tag]: "org-a" }))).toBeUndefined();
  });
});

describe("what an EC2 call asks", () => {
  const caller: Caller = {
    accountId: "111111111111",
    arn: "arn:aws:sts::111111111111:assumed-role/pl-acme/w",
    userId: "AROA:w",
    roleArn: "arn:aws:iam::111111111111:role/pl-acme",
    accessKeyId: "ASIA",
  };
  const role = { arn: caller.roleArn, tags: [{ key: "team", value: "network" }] } as Role;
  const ask = (values: Record<string, string>) =>
    ec2AuthorizationRequests({
      state: new SandboxState(),
      caller,
      role,
      action: values.Action!,
      params: new Params(new Map(Object.entries(values)), "ec2"),
      region: "us-east-1",
    });

  it("authorizes a create on every resource it names, and its tags again as CreateTags with ec2:CreateAction", () => {
    const requests = ask({
      Action: "CreateVpcEndpoint",
      VpcId: "vpc-0aaaaaaaaaaaaaaaa",
      "SubnetId.1": "subnet-0bbbbbbbbbbbbbbbb",
      "TagSpecification.1.ResourceType": "vpc-endpoint",
      "TagSpecification.1.Tag.1.Key": ORG_TAG,
      "TagSpecification.1.Tag.1.Value": "org-a",
    });
    expect(requests.map((r) => [r.action, r.resource])).toEqual([
      ["ec2:CreateVpcEndpoint", "arn:aws:ec2:us-east-1:111111111111:vpc-endpoint/*"],
      ["ec2:CreateVpcEndpoint", "arn:aws:ec2:us-east-1:111111111111:vpc/vpc-0aaaaaaaaaaaaaaaa"],
      ["ec2:CreateVpcEndpoint", "arn:aws:ec2:us-east-1:111111111111:subnet/subnet-0bbbbbbbbbbbbbbbb"],
      ["ec2:CreateTags", "arn:aws:ec2:us-east-1:111111111111:vpc-endpoint/*"],
    ]);
    expect(requests[0]?.context.get(`aws:requesttag/${ORG_TAG}`)).toBe("org-a");
    expect(requests[0]?.context.get("aws:tagkeys")).toEqual([ORG_TAG]);
    expect(requests[0]?.context.get("aws:principaltag/team")).toBe("network");
    expect(requests[3]?.context.get("ec2:createaction")).toBe("CreateVpcEndpoint");
  });

  it("asks describes on *, and untagged creates without a CreateTags", () => {
    expect(ask({ Action: "DescribeVpcEndpointServices" }).map((r) => r.resource)).toEqual(["*"]);
    expect(ask({ Action: "CreateVpcEndpoint", VpcId: "vpc-0aaaaaaaaaaaaaaaa" }).map((r) => r.action)).toEqual([
      "ec2:CreateVpcEndpoint",
      "ec2:CreateVpcEndpoint",
    ]);
  });
});
