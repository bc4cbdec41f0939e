import { z } from "zod";
import { connectivitySchema } from "@/lib/links/views";
import { kitFormatSchema, setupKitQuerySchema } from "@/lib/setup-kits/query";
import { defineOperation, fileAnswerSchema } from "./operation";

/** What a customer sets up in their AWS account before registering a link: the facts (lib/links) and the kit that applies them (lib/setup-kits). */
export const connectivityOperations = {
  getConnectivity: defineOperation({
    operationId: "getConnectivity",
    method: "GET",
    path: "/api/v1/connectivity",
    tag: "Connectivity",
    summary: "What to set up before registering a link",
    description: "The principal ARN to allowlist on your endpoint service, and per region our AZ IDs, CIDRs to allow and ports.",
    access: { scope: "read", by: ["member"] },
    success: { status: 200, description: "Your organization's connectivity facts.", schema: connectivitySchema },
  }),
  getSetupKit: defineOperation({
    operationId: "getSetupKit",
    method: "GET",
    path: "/api/v1/setup-kits/{format}",
    tag: "Connectivity",
    summary: "Your side of a link as CloudFormation, a Terraform module or an AWS CLI script",
    description:
      "An internal Network Load Balancer in your subnets, a TCP target group and listener per port, the endpoint service (acceptance required, your organization's principal allowed, our other regions supported) and the NLB's security group open to our CIDRs on those ports; optionally an S3 gateway endpoint and a bucket policy that admits only it. Your inputs are the VPC, the subnets and the targets. With kind=resource, no load balancer: a VPC Lattice resource gateway in your subnets, a resource configuration for your resource (an RDS database by ARN, a domain name or an IP address) on those ports, and an AWS RAM share of it with our AWS account; your inputs are the VPC, the subnets and the resource. docs/CUSTOMER-SETUP.md explains each target kind.",
    access: { scope: "read", by: ["member"] },
    params: z.object({ format: kitFormatSchema.describe("`cloudformation` (YAML template), `terraform` (a module) or `cli` (a bash script).") }),
    query: setupKitQuerySchema,
    success: {
      status: 200,
      description: "The kit, as a file to download.",
      schema: fileAnswerSchema,
      files: [
        { mediaType: "application/yaml", description: "the CloudFormation template" },
        { mediaType: "text/plain", description: "the Terraform module (HCL)" },
        { mediaType: "text/x-shellscript", description: "the AWS CLI script" },
      ],
    },
  }),
};
