import { describe, expect, it } from "vitest";
import { runWebhookDelivery } from "@/lib/webhooks/deliver-webhook";
import { createWebhook, enableWebhook, listWebhookDeliveries } from "@/lib/webhooks/manage-webhooks";
import { webhookTestPayloadSchema } from "@/lib/webhooks/schemas";
import { verifyWebhookSignature } from "@/lib/webhooks/signature";
import { retryWebhookDelivery, sendTestWebhookEvent } from "@/lib/webhooks/test-and-retry";
import { createOrganization, jobCtx, withLinkEngine } from "../fixtures/app";
import { memberOf, ownerOf } from "./helpers";
import { withReceiver } from "./receiver";

const { engine } = withLinkEngine();
const receiver = withReceiver();

const deliver = (deliveryId: string) => runWebhookDelivery({ ctx: jobCtx(engine()), input: { deliveryId } });
const code = (promise: Promise<unknown>) =>
  promise.then(
    () => "ok",
    (error: { status: number; code: string }) => `${error.status} ${error.code}`,
  );

describe("webhook test events and retries", () => {
  it("sends a signed webhook.test delivery that shows in the log, with its own negative event ids", async () => {
    const { ctx } = await createOrganization();
    const webhook = await createWebhook({ ctx: ownerOf(ctx), input: { url: receiver.url("/hooks/test"), eventTypes: ["link.available"] } });
    expect(await code(sendTestWebhookEvent({ ctx: memberOf(ctx), input: { webhookId: webhook.id } }))).toBe("403 forbidden");

    const [first, second] = [
      await sendTestWebhookEvent({ ctx: ownerOf(ctx), input: { webhookId: webhook.id } }),
      await sendTestWebhookEvent({ ctx: ownerOf(ctx), input: { webhookId: webhook.id } }),
    ];
    expect([first!.eventId, second!.eventId, first!.eventType, first!.status]).toEqual(["-1", "-2", "webhook.test", "pending"]);
    expect(await deliver(first!.id)).toBe("delivered");
    const [request] = receiver.received.filter((r) => r.path === "/hooks/test");
    expect(verifyWebhookSignature({ secret: webhook.secret, body: request!.body, header: String(request!.headers["privatelink-signature"]) })).toMatchObject({
      ok: true,
    });
    expect(webhookTestPayloadSchema.parse(JSON.parse(request!.body)).data.webhook.id).toBe(webhook.id);

    const log = await listWebhookDeliveries({ ctx: memberOf(ctx), input: { webhookId: webhook.id, limit: 10 } });
    expect(log.data.map((d) => [d.eventType, d.status])).toEqual([
      ["webhook.test", "pending"],
      ["webhook.test", "delivered"],
    ]);
    expect(await engine().db.auditLog.count({ where: { action: "webhook.test", targetId: webhook.id } })).toBe(2);
  });

  it("retries a failed delivery once more, and only a failed one", async () => {
    const { ctx } = await createOrganization();
    const webhook = await createWebhook({ ctx: ownerOf(ctx), input: { url: receiver.url("/hooks/retry"), eventTypes: ["link.state_changed"] } });
    const sent = await sendTestWebhookEvent({ ctx: ownerOf(ctx), input: { webhookId: webhook.id } });
    const retry = () => retryWebhookDelivery({ ctx: ownerOf(ctx), input: { webhookId: webhook.id, deliveryId: sent.id } });
    expect(await code(retry())).toBe("409 conflict"); // still pending

    await engine().db.webhookDelivery.update({ where: { id: sent.id }, data: { status: "failed", attemptCount: 12, error: "HTTP 500" } });
    const other = await createOrganization();
    expect(await code(retryWebhookDelivery({ ctx: ownerOf(other.ctx), input: { webhookId: webhook.id, deliveryId: sent.id } }))).toBe("404 not_found");
    expect(await retry()).toMatchObject({ status: "pending" });
    expect(await deliver(sent.id)).toBe("delivered");
    expect(await engine().db.webhookDelivery.findUniqueOrThrow({ where: { id: sent.id } })).toMatchObject({ status: "delivered", attemptCount: 13 });
    expect(await code(retry())).toBe("409 conflict"); // delivered
  });

  it("counts no failed test event towards disabling the webhook", async () => {
    const { ctx } = await createOrganization();
    const webhook = await createWebhook({ ctx: ownerOf(ctx), input: { url: receiver.url("/hooks/failing-test"), eventTypes: ["link.available"] } });
    // One failure short of disabling, failing for two days: a failed link event would disable it now.
    const failingSince = new Date(Date.now() - 2 * 86_400_000);
    await engine().db.webhook.update({ where: { id: webhook.id }, data: { consecutiveFailures: 14, failingSince } });
    receiver.script(500);
    const sent = await sendTestWebhookEvent({ ctx: ownerOf(ctx), input: { webhookId: webhook.id } });
    expect(await deliver(sent.id)).toBe("retrying");
    expect(await engine().db.webhookDelivery.findUniqueOrThrow({ where: { id: sent.id } })).toMatchObject({ status: "pending", responseStatus: 500 });
    expect(await engine().db.webhook.findUniqueOrThrow({ where: { id: webhook.id } })).toMatchObject({
      isEnabled: true,
      consecutiveFailures: 14,
      failingSince,
    });
  });

  it("enables a disabled webhook again with a fresh failure count, audited, for owners only", async () => {
    const { ctx } = await createOrganization();
    const webhook = await createWebhook({ ctx: ownerOf(ctx), input: { url: receiver.url("/hooks/re-enabled"), eventTypes: ["link.available"] } });
    await engine().db.webhook.update({
      where: { id: webhook.id },
      data: {
        isEnabled: false,
        consecutiveFailures: 15,
        failingSince: new Date(),
        disabledAt: new Date(),
        disabledReason: "Disabled after 15 failed attempts",
      },
    });
    expect(await code(sendTestWebhookEvent({ ctx: ownerOf(ctx), input: { webhookId: webhook.id } }))).toBe("409 conflict");
    expect(await code(enableWebhook({ ctx: memberOf(ctx), input: { webhookId: webhook.id } }))).toBe("403 forbidden");
    const other = await createOrganization();
    expect(await code(enableWebhook({ ctx: ownerOf(other.ctx), input: { webhookId: webhook.id } }))).toBe("404 not_found");

    const enabled = await enableWebhook({ ctx: ownerOf(ctx), input: { webhookId: webhook.id } });
    expect(enabled).toMatchObject({ isEnabled: true, consecutiveFailures: 0, disabledAt: null, disabledReason: null });
    expect(await enableWebhook({ ctx: ownerOf(ctx), input: { webhookId: webhook.id } })).toEqual(enabled);
    expect(await engine().db.auditLog.count({ where: { action: "webhook.enable", targetId: webhook.id } })).toBe(1);
    const sent = await sendTestWebhookEvent({ ctx: ownerOf(ctx), input: { webhookId: webhook.id } });
    expect(await deliver(sent.id)).toBe("delivered");
  });
});
