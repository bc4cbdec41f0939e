import { DescribeAvailabilityZonesCommand, DescribeVpcEndpointServicesCommand } from "@aws-sdk/client-ec2";
import { context, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from "@opentelemetry/sdk-trace";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ec2Client } from "@/lib/aws/config";
import { withSandbox } from "../fixtures/sandbox";
import { sandboxConfig } from "./helpers";

/** With tracing on, every AWS command the product sends is a client span (lib/aws/tracing.ts). */

const exporter = new InMemorySpanExporter();
const provider = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] });
const sandbox = withSandbox();

beforeAll(async () => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  trace.setGlobalTracerProvider(provider);
});

afterAll(async () => {
  trace.disable();
  context.disable();
});

describe("AWS calls in traces", () => {
  it("records a client span per command, with the region and AWS's request id, failures marked", async () => {
    const ec2 = ec2Client(sandboxConfig(sandbox()), "eu-west-1");
    await ec2.send(new DescribeAvailabilityZonesCommand({}));
    await expect(
      ec2.send(new DescribeVpcEndpointServicesCommand({ ServiceNames: ["com.amazonaws.vpce.eu-west-1.vpce-svc-00000000000000000"] })),
    ).rejects.toThrow();
    await provider.forceFlush();

    const [ok, failed] = exporter.getFinishedSpans();
    expect(ok).toMatchObject({ name: "EC2.DescribeAvailabilityZones", kind: SpanKind.CLIENT });
    expect(ok!.attributes).toMatchObject({
      "rpc.system": "aws-api",
      "rpc.service": "EC2",
      "rpc.method": "DescribeAvailabilityZones",
      "cloud.region": "eu-west-1",
    });
    expect(ok!.attributes["aws.request_id"]).toEqual(expect.any(String));
    expect(failed).toMatchObject({ name: "EC2.DescribeVpcEndpointServices", status: { code: SpanStatusCode.ERROR } });
  });
});
