import { z } from "zod";
import { REGION_PATTERN } from "@/lib/links/schemas";
import { isResourceTarget, isServiceTarget, KIT_FORMATS, KIT_KINDS, RESOURCE_TARGETS, TARGET_KINDS, type ResourceTarget, type TargetKind } from "./kit";

// The query of GET /api/v1/setup-kits/{format}, apart from kit.ts so that the Setup page's choices do not carry it.

const QUERY_TARGETS = ["ip", "rds", "instance", "alb", "rds-arn", "domain"] as const satisfies readonly (TargetKind | ResourceTarget)[];

/** The ports customers pick among, e.g. "443,5432": whole numbers 1 to 65535, each once. */
const portsParam = z
  .string()
  .trim()
  .regex(/^\d{1,5}(\s*,\s*\d{1,5})*$/, "Expected comma-separated port numbers, e.g. 443,5432")
  .transform((value) => value.split(",").map((port) => Number(port.trim())))
  .refine((ports) => ports.every((port) => port >= 1 && port <= 65535), "Ports are 1 to 65535")
  .refine((ports) => new Set(ports).size === ports.length, "List each port once")
  .refine((ports) => ports.length <= 10, "At most 10 ports");

export const setupKitQuerySchema = z
  .object({
    kind: z
      .enum(KIT_KINDS, { error: `Choose a kind: ${KIT_KINDS.join(", ")}` })
      .default("service")
      .describe(
        "`service` (default): an internal NLB and an endpoint service that allows our principal. `resource`: a VPC Lattice resource gateway and a resource configuration for your resource, shared with our AWS account through AWS RAM (no load balancer).",
      ),
    region: z
      .string({ error: "Choose the region of your service" })
      .regex(REGION_PATTERN, "Expected an AWS region such as us-east-1")
      .describe("The region of your endpoint service (or of your resource)."),
    target: z
      .enum(QUERY_TARGETS, { error: `Choose a target kind: ${TARGET_KINDS.join(", ")}; or for kind=resource: ${RESOURCE_TARGETS.join(", ")}` })
      .describe(
        "For kind=service, what sits behind the NLB: `ip` (EKS or any private IPs), `rds` (a database or RDS Proxy by IP), `instance` (EC2 instances), `alb` (an internal Application Load Balancer). For kind=resource, what the resource configuration names: `rds-arn` (an RDS database or cluster by its ARN), `domain` (a domain name), `ip` (an IP address in your VPC).",
      ),
    ports: portsParam
      .optional()
      .describe(
        "Comma-separated ports, among the region's (default: all of them). Not for kind=resource with target=rds-arn: a database is reached on its own port.",
      ),
    s3GatewayEndpoint: z
      .enum(["true", "false"], { error: "Expected true or false" })
      .default("false")
      .transform((value) => value === "true")
      .describe("Also create an S3 gateway endpoint and a bucket policy that admits only it (kind=service only)."),
  })
  .superRefine((query, ctx) => {
    if (query.kind === "service" && !isServiceTarget(query.target)) {
      ctx.addIssue({
        code: "custom",
        path: ["target"],
        message: `A service kit's target is one of ${TARGET_KINDS.join(", ")}; ${query.target} needs kind=resource`,
      });
    }
    if (query.kind !== "resource") return;
    if (!isResourceTarget(query.target)) {
      ctx.addIssue({
        code: "custom",
        path: ["target"],
        message: `A resource kit's target is one of ${RESOURCE_TARGETS.join(", ")}; ${query.target} needs kind=service`,
      });
    }
    if (query.target === "rds-arn" && query.ports) {
      ctx.addIssue({
        code: "custom",
        path: ["ports"],
        message: "Leave ports out for rds-arn: the resource configuration reaches the database on its own port",
      });
    }
    if (query.s3GatewayEndpoint) {
      ctx.addIssue({
        code: "custom",
        path: ["s3GatewayEndpoint"],
        message: "The S3 gateway endpoint comes with kind=service kits only: leave it out for kind=resource",
      });
    }
  });
export type SetupKitQuery = z.output<typeof setupKitQuerySchema>;

export const kitFormatSchema = z.enum(KIT_FORMATS, { error: `Expected one of ${KIT_FORMATS.join(", ")}` });
