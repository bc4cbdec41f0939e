import { z } from "zod";
import { regionChangesSchema, regionListSchema, regionNameSchema, regionViewSchema } from "@/lib/regions/schemas";
import { defineOperation } from "./operation";

/** The vendor's regions and their network (lib/regions): what links are provisioned with, and what customers are shown. */
const regionParam = z.object({ region: regionNameSchema.describe("The AWS region, e.g. us-east-1.") });

export const regionOperations = {
  adminListRegions: defineOperation({
    operationId: "adminListRegions",
    method: "GET",
    path: "/api/v1/admin/regions",
    tag: "Admin",
    summary: "Every region set up, offered or not, by name",
    description: "At most one per AWS region, so the list is whole (no cursor). `offeredAzIds` is the AZ-ID coverage customers are shown.",
    access: { scope: "read", by: ["admin"] },
    success: { status: 200, description: "The regions.", schema: regionListSchema },
  }),
  saveRegion: defineOperation({
    operationId: "saveRegion",
    method: "PATCH",
    path: "/api/v1/admin/regions/{region}",
    tag: "Admin",
    summary: "Set up a region, or change it",
    description:
      "The fields given replace the stored ones; a new region needs `vpcId`, `subnetIds`, `securityGroupIds` and `ports` (`cidrs` default to the VPC's block). The result is held to AWS (DescribeVpcs, DescribeSubnets, DescribeSecurityGroups): every id must exist in the region and belong to the VPC, one subnet per Availability Zone, excluded AZ IDs must be the subnets' zones. A refusal names each field (422) and saves nothing; 503 when AWS cannot be asked.",
    access: { scope: "write", by: ["admin"] },
    params: regionParam,
    body: regionChangesSchema,
    success: { status: 200, description: "The region as saved, with the subnets' AZ IDs from AWS.", schema: regionViewSchema },
    errors: [422, 503],
  }),
  removeRegion: defineOperation({
    operationId: "removeRegion",
    method: "DELETE",
    path: "/api/v1/admin/regions/{region}",
    tag: "Admin",
    summary: "Remove a region",
    description: "Refused (409) while a link in it is not deleted, denied or failed verification: set `isOffered` false instead to take no new links.",
    access: { scope: "write", by: ["admin"] },
    params: regionParam,
    success: { status: 200, description: "The region as it was.", schema: regionViewSchema },
    errors: [409],
  }),
};
