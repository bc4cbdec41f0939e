import { DescribeVpcEndpointsCommand } from "@aws-sdk/client-ec2";
import { beforeAll, describe, expect, it } from "vitest";
import { runProvisioning } from "@/lib/links/provision-link";
import { runVerification } from "@/lib/links/verify-link";
import { TARGET_KINDS, type TargetKind } from "@/lib/setup-kits/kit";
import { createOrganizationWithKey, jobCtx, withLinkEngine } from "../fixtures/app";
import { acceptConnection } from "../fixtures/customer";
import { asJob, reconcileUntilMoved } from "../fixtures/jobs";
import { until } from "../until";
import { withTempDir } from "../fixtures/temp-dir";
import { call, HANDLERS } from "../api/api-helpers";
import { clientsOf, CUSTOMER_A } from "@privatelink-portal/sandbox-aws/testing";
import { customerEnv, customerVpc, downloadCliKit, runScript, SERVICE_NAME } from "./cli-kit";
import { hasTool, run, toolTitle, type Run } from "./tools";

/**
 * The AWS CLI kit, downloaded from the API, run unchanged with bash and the AWS CLI against the
 * sandbox as a customer, for each target kind: the service name it prints becomes a link that
 * reaches `available` once the customer accepts.
 */

const { engine, sandbox } = withLinkEngine();
const home = withTempDir("setup-kits-cli-");

let key = "";
let vpcId = "";
let subnetIds: string[] = [];
let firstIp = "";

const canRun = hasTool("bash") && hasTool("aws");

beforeAll(async () => {
  ({ key } = await createOrganizationWithKey({ approvalMode: "automatic" }));
  const vpc = await customerVpc(sandbox());
  vpcId = vpc.vpcId;
  subnetIds = vpc.subnets.map((s) => s.subnetId);
  firstIp = vpc.subnets[0]!.cidr.replace(/0\/20$/, "10");
});

async function targetsFor(kind: TargetKind): Promise<string> {
  if (kind === "ip" || kind === "rds") return firstIp;
  if (kind === "instance") return "i-0123456789abcdef0";
  const alb = await run(
    "aws",
    [
      "elbv2",
      "create-load-balancer",
      "--region",
      "us-east-1",
      "--name",
      "web",
      "--type",
      "application",
      "--scheme",
      "internal",
      "--subnets",
      ...subnetIds,
      "--query",
      "LoadBalancers[0].LoadBalancerArn",
      "--output",
      "text",
    ],
    { env: customerEnv(sandbox(), home) },
  );
  expect(alb.code, alb.stderr).toBe(0);
  return alb.stdout.trim();
}

async function runKit(kind: TargetKind): Promise<{ kind: TargetKind; result: Run }> {
  const s3 = kind === "rds"; // one kind also takes the S3 gateway endpoint, with the VPC's route tables found by the script
  const file = await downloadCliKit(key, home, `region=us-east-1&target=${kind}&s3GatewayEndpoint=${s3}`);
  const env = customerEnv(sandbox(), home, { VPC_ID: vpcId, SUBNET_IDS: subnetIds.join(","), TARGETS: await targetsFor(kind), NAME: `kit-${kind}` });
  return { kind, result: await runScript(file, env) };
}

async function linkState(id: string): Promise<string> {
  const response = await call(HANDLERS.getLink!, { method: "GET", path: `/api/v1/links/${id}`, params: { id }, caller: { key } });
  return ((await response.json()) as { state: string }).state;
}

describe("the AWS CLI kit against the sandbox", () => {
  it.skipIf(!canRun)(
    toolTitle("aws", "runs unchanged for every target kind, and each service it prints becomes an available link"),
    async () => {
      const runs = await Promise.all(TARGET_KINDS.map(runKit));
      for (const { kind, result } of runs) {
        expect(result.code, `${kind}:\n${result.stderr}`).toBe(0);
        const lines = result.stdout.trimEnd().split("\n");
        expect(lines, kind).toHaveLength(1);
        expect(lines[0], kind).toMatch(SERVICE_NAME);
      }
      // Once EC2 shows it: a new endpoint may be missing for a moment (the realistic profile).
      const gateways = await until(
        () => clientsOf(sandbox(), CUSTOMER_A).ec2.send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: "vpc-endpoint-type", Values: ["Gateway"] }] })),
        (found) => (found.VpcEndpoints ?? []).length > 0,
      );
      expect(gateways.VpcEndpoints?.map((e) => e.ServiceName)).toEqual(["com.amazonaws.us-east-1.s3"]);

      for (const { kind, result } of runs) {
        const serviceName = result.stdout.trim();
        const created = await call(HANDLERS.createLink!, {
          method: "POST",
          path: "/api/v1/links",
          body: { name: `kit-${kind}`, serviceName, region: "us-east-1" },
          caller: { key },
        });
        expect(created.status, kind).toBe(201);
        const { id } = (await created.json()) as { id: string };
        await asJob(runVerification)({ ctx: jobCtx(engine()), input: { linkId: id } });
        await asJob(runProvisioning)({ ctx: jobCtx(engine()), input: { linkId: id } });
        expect(await linkState(id), kind).toBe("pending_acceptance");
        const link = await engine().db.link.findUniqueOrThrow({ where: { id } });
        await acceptConnection(clientsOf(sandbox(), CUSTOMER_A).ec2, serviceName.split(".").at(-1)!, link.endpointId!);
        await reconcileUntilMoved(engine(), id);
        expect(await linkState(id), kind).toBe("available");
        expect((link.checks as { name: string; status: string }[]).find((c) => c.name === "az_overlap")?.status, kind).toBe("pass");
      }
    },
    300_000,
  );
});
