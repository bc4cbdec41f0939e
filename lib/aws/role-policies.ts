import { TAG_ORGANIZATION_ID } from "./tags";

// Pure: no SDK. An organization's role may describe anything, create an endpoint only tagged with its organization's id, tag
// only at that creation (`ec2:CreateAction`), then delete, modify or re-tag only endpoints carrying that id, never changing it:
// so AWS, not our code, keeps one organization's role away from another's endpoints.

/** Bump when a document below changes: roles still on an older version get it on next use. */
export const ROLE_POLICY_VERSION = 4;

export const DESCRIBE_ACTIONS = [
  "ec2:DescribeVpcEndpoints",
  "ec2:DescribeVpcEndpointServices",
  "ec2:DescribeSubnets",
  "ec2:DescribeAvailabilityZones",
  "ec2:DescribeSecurityGroups",
  "ec2:DescribeVpcs",
  // The endpoint's interfaces (their private IPs, for a vendor NLB or an API Gateway VPC link). AWS cannot scope it: the
  // Describe* actions support no resource-level permissions or tag conditions, so it is "*" like the rest.
  "ec2:DescribeNetworkInterfaces",
  // A resource link's configuration, which the customer shares with our account through RAM (version 4).
  "vpc-lattice:GetResourceConfiguration",
] as const;

type Document = { Version: "2012-10-17"; Statement: Record<string, unknown>[] };

const document = (...statements: Record<string, unknown>[]): string => JSON.stringify({ Version: "2012-10-17", Statement: statements } satisfies Document);

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

export function canaryPolicy(): string {
  return document({ Sid: "DescribeOnly", Effect: "Allow", Action: "ec2:DescribeVpcEndpointServices", Resource: "*" });
}

export function ownershipProofTrustPolicy(vendor: VendorAccount, externalId: string): string {
  return trustPolicy(`arn:${vendor.partition}:iam::${vendor.accountId}:root`, externalId);
}

/** One per vendor account, so proof roles for two vendors never collide. */
export function ownershipProofRoleName(vendorAccountId: string): string {
  return `privatelink-proof-${vendorAccountId}`;
}
