import { writeFileSync } from "node:fs";
import path from "node:path";
import { DescribeSubnetsCommand } from "@aws-sdk/client-ec2";
import { expect } from "vitest";
import { call, HANDLERS } from "../api/api-helpers";
import { clientsOf, CUSTOMER_A } from "@privatelink-portal/sandbox-aws/testing";
import type { Sandbox } from "@privatelink-portal/sandbox-aws";
import { run, type Env, type Run } from "./tools";

/** The customer's side of the CLI kit tests: their shell, their VPC, the kit as downloaded. */

/** The customer's shell: the sandbox as AWS, the customer's keys, no config files of this machine. */
export function customerEnv(sandbox: Sandbox, home: string, extra: Record<string, string> = {}): Env {
  return {
    PATH: process.env.PATH,
    HOME: home,
    AWS_CONFIG_FILE: path.join(home, "config"),
    AWS_SHARED_CREDENTIALS_FILE: path.join(home, "credentials"),
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_ENDPOINT_URL: sandbox.url,
    AWS_ACCESS_KEY_ID: CUSTOMER_A.accessKeyId,
    AWS_SECRET_ACCESS_KEY: CUSTOMER_A.secretAccessKey,
    ...extra,
  };
}

export type Subnet = { subnetId: string; zoneId: string; cidr: string };

/** Customer A's VPC and its subnets in the zones we share (AZ IDs use1-az2 and az3, docs/SANDBOX.md). */
export async function customerVpc(sandbox: Sandbox): Promise<{ vpcId: string; subnets: Subnet[] }> {
  const { Subnets = [] } = await clientsOf(sandbox, CUSTOMER_A).ec2.send(
    new DescribeSubnetsCommand({ Filters: [{ Name: "availability-zone-id", Values: ["use1-az2", "use1-az3"] }] }),
  );
  return { vpcId: Subnets[0]!.VpcId!, subnets: Subnets.map((s) => ({ subnetId: s.SubnetId!, zoneId: s.AvailabilityZoneId!, cidr: s.CidrBlock! })) };
}

/** GET /api/v1/setup-kits/cli?<query> as the organization's key, saved under its own file name in `home`. */
export async function downloadCliKit(key: string, home: string, query: string): Promise<string> {
  const response = await call(HANDLERS.getSetupKit!, { method: "GET", path: `/api/v1/setup-kits/cli?${query}`, params: { format: "cli" }, caller: { key } });
  expect(response.status).toBe(200);
  const file = path.join(home, response.headers.get("content-disposition")!.match(/filename="(.+)"/)![1]!);
  writeFileSync(file, await response.text());
  return file;
}

export const runScript = (file: string, env: Env): Promise<Run> => run("bash", [file], { env });

export const SERVICE_NAME = /^com\.amazonaws\.vpce\.us-east-1\.vpce-svc-[0-9a-f]{17}$/;

/** What a resource kit ends with: its RAM share's ARN and its resource configuration's, customer A's in us-east-1. */
export const RESOURCE_SHARE_ARN = /^arn:aws:ram:us-east-1:222222222222:resource-share\/[0-9a-f-]{36}$/;
export const RESOURCE_CONFIGURATION_ARN = /^arn:aws:vpc-lattice:us-east-1:222222222222:resourceconfiguration\/rcfg-[0-9a-z]{17}$/;
