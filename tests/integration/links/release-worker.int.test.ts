import { DescribeVpcEndpointsCommand } from "@aws-sdk/client-ec2";
import { describe, expect, it } from "vitest";
import { registerLink } from "@/lib/links/register-link";
import { createWebhook } from "@/lib/webhooks/manage-webhooks";
import { webhookPayloadSchema } from "@/lib/webhooks/schemas";
import { clientsOf, CUSTOMER_A, VENDOR } from "@privatelink-portal/sandbox-aws/testing";
import { createOrganization, principalArnOf, withLinkEngine } from "../fixtures/app";
import { createCustomerService } from "../fixtures/customer";
import { withWorkers } from "../fixtures/workers";
import { until } from "../until";
import { ownerOf } from "../webhooks/helpers";
import { withReceiver } from "../webhooks/receiver";

/**
 * The real worker, with RELEASE_AFTER_SECONDS=0 (the engine's override): the customer rejects the request, and the
 * reconciler and the release job delete our endpoint on their own; the webhook outbox delivers link.endpoint_released.
 */
const { engine, sandbox } = withLinkEngine();
const receiver = withReceiver();
const workers = withWorkers({ expireInSeconds: 30 });

describe("releasing through the worker", () => {
  it("deletes a rejected link's endpoint, records it and delivers link.endpoint_released", async () => {
    const { DISPATCH } = await import("@/lib/webhooks/dispatch");
    Object.assign(DISPATCH, { settleMs: 1_000 });

    const { org, ctx } = await createOrganization({ approvalMode: "automatic" });
    await createWebhook({ ctx: ownerOf(ctx), input: { url: receiver.url("/release"), eventTypes: ["link.endpoint_released"] } });
    const service = await createCustomerService(sandbox(), CUSTOMER_A, { principals: [await principalArnOf(engine(), org.id)] });
    await workers.start({ ...engine(), overrides: { ...engine().overrides, release: { afterMs: 0 } } }, { concurrency: 2 });
    const link = await registerLink({ ctx, input: { name: "turned-away", serviceName: service.serviceName, region: "us-east-1" } });

    const { endpointId } = await until(
      () => engine().db.link.findUniqueOrThrow({ where: { id: link.id } }),
      (l) => l.state === "pending_acceptance",
    );
    await service.reject(endpointId!);

    const endpointsNow = () =>
      clientsOf(sandbox(), VENDOR).ec2.send(new DescribeVpcEndpointsCommand({ Filters: [{ Name: "vpc-endpoint-id", Values: [endpointId!] }] }));
    // Deleted endpoints stay listed as `deleted` for a while, then not at all: either is gone.
    await until(endpointsNow, ({ VpcEndpoints }) => (VpcEndpoints ?? []).every((e) => String(e.State) === "deleted"));
    const released = await until(
      () => engine().db.link.findUniqueOrThrow({ where: { id: link.id } }),
      (l) => l.endpointReleasedAt !== null,
    );
    expect(released).toMatchObject({ state: "rejected", releaseAt: null, lastErrorCode: "Rejected" });

    const [request] = await receiver.waitFor(1);
    const payload = webhookPayloadSchema.parse(JSON.parse(request!.body));
    expect(payload).toMatchObject({
      type: "link.endpoint_released",
      data: {
        event: {
          kind: "endpoint_released",
          fromState: "rejected",
          toState: "rejected",
          reason: "our endpoint was deleted: the customer rejected the connection",
        },
        link: { id: link.id, state: "rejected", endpointReleasedAt: released.endpointReleasedAt!.toISOString(), releaseAt: null },
      },
    });
    // Only the event subscribed to by name: none of the link's transitions.
    expect(receiver.received.map((r) => webhookPayloadSchema.parse(JSON.parse(r.body)).type)).toEqual(["link.endpoint_released"]);
  });
});
