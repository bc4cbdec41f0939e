import {
  CreateVpcEndpointCommand,
  CreateVpcEndpointServiceConfigurationCommand,
  DescribeVpcEndpointsCommand,
  DescribeVpcsCommand,
  EC2Client,
  ModifyVpcEndpointServicePermissionsCommand,
  type Filter,
} from "@aws-sdk/client-ec2";
import { accountsDocument } from "../src/admin";
import { ZERO_DELAYS } from "../src/runtime";
import { startSandbox } from "../src/server";
import { expectedSignature } from "../src/sigv4";

/**
 * `npm run bench` in this package: creates 10,000 endpoints in one account through the SDK,
 * then times 1000-item filtered DescribeVpcEndpoints pages, end to end over loopback HTTP.
 */
const TOTAL = 10_000;
const CONCURRENCY = 32;
const RUNS = 25;

/** A SigV4-signed Query call without the SDK: measures the sandbox and HTTP, not SDK XML parsing. */
async function rawCall(url: string, credentials: { accessKeyId: string; secretAccessKey: string }, body: string): Promise<string> {
  const amzDate = new Date()
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
  const host = new URL(url).host;
  const headers = { "content-type": "application/x-www-form-urlencoded", host, "x-amz-date": amzDate };
  const auth = {
    accessKeyId: credentials.accessKeyId,
    date: amzDate.slice(0, 8),
    region: "us-east-1",
    service: "ec2",
    signedHeaders: ["content-type", "host", "x-amz-date"],
    signature: "",
  };
  const signature = expectedSignature({ method: "POST", rawPath: "/", rawQuery: "", headers, body: Buffer.from(body) }, auth, credentials.secretAccessKey);
  const authorization = `AWS4-HMAC-SHA256 Credential=${auth.accessKeyId}/${auth.date}/us-east-1/ec2/aws4_request, SignedHeaders=${auth.signedHeaders.join(";")}, Signature=${signature}`;
  const response = await fetch(url, { method: "POST", headers: { ...headers, authorization }, body });
  const text = await response.text();
  if (response.status !== 200) throw new Error(text);
  return text;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function main(): Promise<void> {
  const sandbox = await startSandbox({ port: 0, delays: ZERO_DELAYS, throttling: { enabled: false } });
  const [vendor, customer] = accountsDocument().accounts;
  if (!vendor || !customer) throw new Error("seed accounts missing");
  const vendorKeys = { accessKeyId: vendor.accessKeyId, secretAccessKey: vendor.secretAccessKey };
  const client = (account: typeof vendor) =>
    new EC2Client({ endpoint: sandbox.url, region: "us-east-1", credentials: { accessKeyId: account.accessKeyId, secretAccessKey: account.secretAccessKey } });
  const provider = client(customer);
  const consumer = client(vendor);

  const { ServiceConfiguration } = await provider.send(
    new CreateVpcEndpointServiceConfigurationCommand({ NetworkLoadBalancerArns: customer.loadBalancers["us-east-1"], AcceptanceRequired: false }),
  );
  await provider.send(
    new ModifyVpcEndpointServicePermissionsCommand({
      ServiceId: ServiceConfiguration?.ServiceId,
      AddAllowedPrincipals: [`arn:aws:iam::${vendor.accountId}:root`],
    }),
  );
  const vpcId = (await consumer.send(new DescribeVpcsCommand({}))).Vpcs?.[0]?.VpcId;

  let next = 0;
  const createdAt = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < TOTAL) {
        const i = next++;
        await consumer.send(
          new CreateVpcEndpointCommand({
            VpcEndpointType: "Interface",
            VpcId: vpcId,
            ServiceName: ServiceConfiguration?.ServiceName,
            TagSpecifications: [{ ResourceType: "vpc-endpoint", Tags: [{ Key: "tenant", Value: `t-${i % 10}` }] }],
          }),
        );
      }
    }),
  );
  const createSeconds = (performance.now() - createdAt) / 1000;
  console.log(`created ${TOTAL} endpoints in ${createSeconds.toFixed(1)} s (${(TOTAL / createSeconds).toFixed(0)}/s, ${CONCURRENCY} in flight)`);

  const f = (ms: number) => `${ms.toFixed(1)} ms`;
  const summary = (samples: number[]) => {
    samples.sort((a, b) => a - b);
    return `median ${f(percentile(samples, 50))}, p95 ${f(percentile(samples, 95))}, min ${f(samples[0] ?? 0)}`;
  };

  async function time(label: string, filters: Filter[]): Promise<void> {
    const form = new URLSearchParams({ Action: "DescribeVpcEndpoints", Version: "2016-11-15", MaxResults: "1000" });
    filters.forEach((filter, i) => {
      form.set(`Filter.${i + 1}.Name`, filter.Name ?? "");
      (filter.Values ?? []).forEach((value, j) => form.set(`Filter.${i + 1}.Value.${j + 1}`, value));
    });
    const raw: number[] = [];
    let bytes = 0;
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      bytes = (await rawCall(sandbox.url, vendorKeys, form.toString())).length;
      raw.push(performance.now() - started);
    }
    const viaSdk: number[] = [];
    let count = 0;
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      const page = await consumer.send(new DescribeVpcEndpointsCommand({ Filters: filters, MaxResults: 1000 }));
      viaSdk.push(performance.now() - started);
      count = page.VpcEndpoints?.length ?? 0;
    }
    console.log(`${label}: ${count} items/page (${(bytes / 1024).toFixed(0)} KiB)`);
    console.log(`  sandbox over HTTP: ${summary(raw)}`);
    console.log(`  through the JS SDK (incl. its XML parsing): ${summary(viaSdk)}`);
  }

  await time("filter tag:tenant=t-3 (1000 of 10000)", [{ Name: "tag:tenant", Values: ["t-3"] }]);
  await time("filter vpc-endpoint-state=available (first 1000 of 10000)", [{ Name: "vpc-endpoint-state", Values: ["available"] }]);
  await time("filter tag-key + state + wildcard", [
    { Name: "tag-key", Values: ["tenant"] },
    { Name: "vpc-endpoint-state", Values: ["avail*"] },
  ]);
  await sandbox.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
