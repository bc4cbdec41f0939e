import { TAG_ORGANIZATION_ID } from "./tags";

/**
 * The IAM policy documents the product writes (and asks customers to write). Pure: no SDK.
 *
 * An organization's role may describe anything, but may create an endpoint only when the request
 * tags it with the organization's id, tag it only at that creation (`ec2:CreateAction`), and then
 * delete, modify or re-tag only endpoints that carry that id (`aws:ResourceTag`), never changing the
 * id itself. So AWS, not our code, keeps one organization's role away from another's endpoints.
 */

/** Bump when a document below changes: roles still on an older version get it on next use. */
export const ROLE_POLICY_VERSION = 2;

export const DESCRIBE_ACTIONS = [
  "ec2:DescribeVpcEndpoints",
  "ec2:DescribeVpcEndpointServices",
  "ec2:DescribeSubnets",
  "ec2:DescribeAvailabilityZones",
  "ec2:DescribeSecurityGroups",
  "ec2:DescribeVpcs",
] as const;

type Document = { Version: "2012-10-17"; Statement: Record<string, unknown>[] };

const document = (...statements: Record<string, unknown>[]): string => JSON.stringify({ Version: "2012-10-17", Statement: statements } satisfies Document);

/** Trusts exactly one principal, optionally only with an external id. */
export function trustPolicy(principalArn: string, externalId?: string): string {
  return document({
    Effect: "Allow",
    Principal: { AWS: principalArn },
    Action: "sts:AssumeRole",
    ...(externalId ? { Condition: { StringEquals: { "sts:ExternalId": externalId } } } : {}),
  });
}

export type VendorAccount = { partition: string; accountId: string };

export function endpointManagementPolicy(vendor: VendorAccount, organizationId: string): string {
  const ec2 = (resource: string, account = vendor.accountId) => `arn:${vendor.partition}:ec2:*:${account}:${resource}`;
  const endpoints = ec2("vpc-endpoint/*");
  return document(
    { Sid: "Describe", Effect: "Allow", Action: [...DESCRIBE_ACTIONS], Resource: "*" },
    {
      Sid: "CreateEndpointsTaggedForThisOrganization",
      Effect: "Allow",
      Action: "ec2:CreateVpcEndpoint",
      Resource: endpoints,
      Condition: { StringEquals: { [`aws:RequestTag/${TAG_ORGANIZATION_ID}`]: organizationId } },
    },
    {
      Sid: "UseTheVendorNetworkAndCustomerServices",
      Effect: "Allow",
      Action: ["ec2:CreateVpcEndpoint", "ec2:ModifyVpcEndpoint"],
      Resource: [ec2("vpc/*"), ec2("subnet/*"), ec2("security-group/*"), ec2("vpc-endpoint-service/*", "*")],
    },
    {
      Sid: "TagOnlyAtCreation",
      Effect: "Allow",
      Action: "ec2:CreateTags",
      Resource: endpoints,
      Condition: { StringEquals: { "ec2:CreateAction": "CreateVpcEndpoint", [`aws:RequestTag/${TAG_ORGANIZATION_ID}`]: organizationId } },
    },
    {
      Sid: "ManageOnlyThisOrganizationsEndpoints",
      Effect: "Allow",
      Action: ["ec2:DeleteVpcEndpoints", "ec2:ModifyVpcEndpoint"],
      Resource: endpoints,
      Condition: { StringEquals: { [`aws:ResourceTag/${TAG_ORGANIZATION_ID}`]: organizationId } },
    },
    {
      Sid: "RetagOnlyThisOrganizationsEndpointsKeepingTheirOrganization",
      Effect: "Allow",
      Action: "ec2:CreateTags",
      Resource: endpoints,
      Condition: {
        StringEquals: { [`aws:ResourceTag/${TAG_ORGANIZATION_ID}`]: organizationId },
        "ForAllValues:StringNotEquals": { "aws:TagKeys": [TAG_ORGANIZATION_ID] },
      },
    },
  );
}

/** The canary may only look: it asks which services a principal no customer allowlists can see. */
export function canaryPolicy(): string {
  return document({ Sid: "DescribeOnly", Effect: "Allow", Action: "ec2:DescribeVpcEndpointServices", Resource: "*" });
}

/**
 * The role a customer creates in an AWS account to prove the organization controls it: it grants
 * nothing, and only the vendor's account, presenting this organization's value as the external id,
 * may assume it. Only someone with IAM rights in that account can make it.
 */
export function ownershipProofTrustPolicy(vendor: VendorAccount, externalId: string): string {
  return trustPolicy(`arn:${vendor.partition}:iam::${vendor.accountId}:root`, externalId);
}

/** The proof role's name: one per vendor account, so roles for two vendors never collide. */
export function ownershipProofRoleName(vendorAccountId: string): string {
  return `privatelink-proof-${vendorAccountId}`;
}
