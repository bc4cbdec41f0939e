import { describe, expect, it } from "vitest";
import { registerLink } from "@/lib/links/register-link";
import { createWebhook } from "@/lib/webhooks/manage-webhooks";
import { webhookPayloadSchema } from "@/lib/webhooks/schemas";
import { verifyWebhookSignature } from "@/lib/webhooks/signature";
import { CUSTOMER_A } from "@privatelink-portal/sandbox-aws/testing";
import { createOrganization, principalArnOf, withLinkEngine } from "../fixtures/app";
import { createCustomerService } from "../fixtures/customer";
import { withWorkers } from "../fixtures/workers";
import { ownerOf } from "./helpers";
import { withReceiver } from "./receiver";
import { until } from "../until";

/**
 * The real worker (startWorker) carries a link through verify and provision while its webhook
 * loops dispatch the timeline and deliver it, signed, to a receiver on 127.0.0.1 that fails the
 * first attempt of every delivery: each event still arrives, in a retry.
 */
const { engine, sandbox } = withLinkEngine();
const receiver = withReceiver();
const workers = withWorkers({ expireInSeconds: 30 });

describe("webhooks through the worker", () => {
  it("delivers every transition of a link the worker provisions, retrying a failed attempt", async () => {
    const { DELIVERY_POLICY } = await import("@/lib/webhooks/settings");
    const { DISPATCH } = await import("@/lib/webhooks/dispatch");
    Object.assign(DELIVERY_POLICY, { retryBaseMs: 200, retryMaxMs: 1_000 });
    Object.assign(DISPATCH, { settleMs: 1_000 });

    const { org, ctx } = await createOrganization({ approvalMode: "automatic" });
    const webhook = await createWebhook({ ctx: ownerOf(ctx), input: { url: receiver.url("/worker"), eventTypes: ["link.state_changed"] } });
    const service = await createCustomerService(sandbox(), CUSTOMER_A, { principals: [await principalArnOf(engine(), org.id)] });
    receiver.answerBy((headers) => (headers["privatelink-attempt"] === "1" ? 500 : undefined));

    await workers.start(engine(), { concurrency: 2 });
    const link = await registerLink({ ctx, input: { name: "orders-db", serviceName: service.serviceName, region: "us-east-1" } });

    // Fail the first attempt of each delivery: the receiver answers 500 to attempt 1, 200 after.
    const { types } = await until(
      async () => ({
        types: receiver.received.filter((r) => r.headers["privatelink-attempt"] !== "1").map((r) => webhookPayloadSchema.parse(JSON.parse(r.body)).type),
        delivered: await engine().db.webhookDelivery.count({ where: { webhookId: webhook.id, status: "delivered" } }),
      }),
      // The log is written just after the receiver answers.
      ({ types, delivered }) => types.length >= 3 && delivered >= 3,
    );
    // Deliveries run concurrently: order is not promised (docs/WEBHOOKS.md), every event is.
    expect([...types].sort()).toEqual(["link.pending_acceptance", "link.provisioning", "link.verifying"]);
    for (const request of receiver.received) {
      expect(verifyWebhookSignature({ body: request.body, header: request.headers["privatelink-signature"] as string, secret: webhook.secret }).ok).toBe(true);
      expect(webhookPayloadSchema.parse(JSON.parse(request.body)).data.link.id).toBe(link.id);
    }
    const deliveries = await engine().db.webhookDelivery.findMany({ where: { webhookId: webhook.id }, orderBy: { eventId: "asc" } });
    expect(deliveries.map((d) => [d.eventType, d.status, d.attemptCount])).toEqual([
      ["link.verifying", "delivered", 2],
      ["link.provisioning", "delivered", 2],
      ["link.pending_acceptance", "delivered", 2],
    ]);
  });
});
