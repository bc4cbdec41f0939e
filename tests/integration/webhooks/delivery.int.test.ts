import { afterEach, describe, expect, it } from "vitest";
import { runVerification } from "@/lib/links/verify-link";
import { runWebhookDelivery } from "@/lib/webhooks/deliver-webhook";
import { dispatchWebhookEvents } from "@/lib/webhooks/dispatch";
import { createWebhook } from "@/lib/webhooks/manage-webhooks";
import { webhookPayloadSchema } from "@/lib/webhooks/schemas";
import { DELIVERY_POLICY, type DeliveryPolicy, type WebhookSettings } from "@/lib/webhooks/settings";
import { verifyWebhookSignature } from "@/lib/webhooks/signature";
import { CUSTOMER_A } from "@privatelink-portal/sandbox-aws/testing";
import { createOrganization, jobCtx, principalArnOf, withLinkEngine } from "../fixtures/app";
import { createCustomerService } from "../fixtures/customer";
import { ownerOf, registerSomeLink } from "./helpers";
import { withReceiver } from "./receiver";

const { engine, sandbox } = withLinkEngine();
const receiver = withReceiver();
const FAST: DeliveryPolicy = { ...DELIVERY_POLICY, timeoutMs: 2_000, retryBaseMs: 1_000, retryMaxMs: 10_000 };

/** One attempt of a delivery, as the delivery job runs it, with these webhook settings. */
const deliver = (deliveryId: string, webhooks: Partial<WebhookSettings> = {}) =>
  runWebhookDelivery({ ctx: jobCtx({ ...engine(), overrides: { webhooks } }), input: { deliveryId } });

afterEach(() => receiver.reset());

async function organizationWithWebhook(eventTypes: string[] = ["link.state_changed"], url = receiver.url()) {
  const { org, ctx } = await createOrganization();
  const webhook = await createWebhook({ ctx: ownerOf(ctx), input: { url, eventTypes: eventTypes as ["link.state_changed"] } });
  return { org, ctx, webhook };
}

async function deliveriesOf(webhookId: string) {
  return engine().db.webhookDelivery.findMany({ where: { webhookId }, orderBy: { eventId: "asc" } });
}

function requestsFor(webhookId: string) {
  return receiver.received.filter((r) => r.headers["privatelink-delivery"] && r.path === `/hooks/${webhookId}`);
}

describe("webhook delivery", () => {
  it("delivers a real link transition end to end, signed, once per event (register -> verify)", async () => {
    const { org, ctx } = await createOrganization();
    const hookPath = "/hooks/e2e";
    const webhook = await createWebhook({ ctx: ownerOf(ctx), input: { url: receiver.url(hookPath), eventTypes: ["link.state_changed"] } });
    const service = await createCustomerService(sandbox(), CUSTOMER_A, { principals: [await principalArnOf(engine(), org.id)] });
    const { registerLink } = await import("@/lib/links/register-link");
    const link = await registerLink({ ctx, input: { name: "orders-db", serviceName: service.serviceName, region: "us-east-1" } });
    await runVerification({ ctx: jobCtx(engine()), input: { linkId: link.id } });
    expect((await engine().db.link.findUniqueOrThrow({ where: { id: link.id } })).state).toBe("provisioning");

    const first = await dispatchWebhookEvents({ ctx: jobCtx(engine()) });
    expect(first.deliveries).toBeGreaterThanOrEqual(2);
    expect((await dispatchWebhookEvents({ ctx: jobCtx(engine()) })).deliveries).toBe(0); // idempotent
    const deliveries = await deliveriesOf(webhook.id);
    expect(deliveries.map((d) => d.eventType)).toEqual(["link.verifying", "link.provisioning"]);

    for (const d of deliveries) expect(await deliver(d.id, { delivery: FAST })).toBe("delivered");
    const requests = receiver.received.filter((r) => r.path === hookPath);
    expect(requests).toHaveLength(2);
    for (const [index, request] of requests.entries()) {
      expect(request.method).toBe("POST");
      expect(request.headers["content-type"]).toBe("application/json");
      expect(request.headers["privatelink-delivery"]).toBe(deliveries[index]!.id);
      const check = verifyWebhookSignature({ body: request.body, header: request.headers["privatelink-signature"] as string, secret: webhook.secret });
      expect(check.ok).toBe(true);
      const payload = webhookPayloadSchema.parse(JSON.parse(request.body));
      expect(payload.id).toBe(deliveries[index]!.eventId.toString());
      expect(payload.data.link.id).toBe(link.id);
      expect(payload.data.event.linkId).toBe(link.id);
    }
    const [registered, verified] = requests.map((r) => webhookPayloadSchema.parse(JSON.parse(r.body)));
    expect(registered).toMatchObject({ type: "link.verifying", data: { event: { fromState: null, toState: "verifying" } } });
    expect(verified).toMatchObject({ type: "link.provisioning", data: { event: { fromState: "verifying", toState: "provisioning" } } });

    // A captured request replayed later than the window is refused; a forged body is refused.
    const [request] = requests;
    const header = request!.headers["privatelink-signature"] as string;
    const signedAt = Number(/t=(\d+)/.exec(header)![1]);
    expect(verifyWebhookSignature({ body: request!.body, header, secret: webhook.secret, now: signedAt + 301 })).toEqual({ ok: false, reason: "expired" });
    expect(verifyWebhookSignature({ body: request!.body.replace("verifying", "available"), header, secret: webhook.secret })).toEqual({
      ok: false,
      reason: "mismatch",
    });

    const logged = await deliveriesOf(webhook.id);
    expect(logged.map((d) => [d.status, d.attemptCount, d.responseStatus])).toEqual([
      ["delivered", 1, 200],
      ["delivered", 1, 200],
    ]);
    const after = await engine().db.webhook.findUniqueOrThrow({ where: { id: webhook.id } });
    expect(after.lastDeliveryAt).not.toBeNull();
    expect(await deliver(deliveries[0]!.id, { delivery: FAST })).toBe("skipped"); // a repeated job sends nothing
    expect(receiver.received.filter((r) => r.path === hookPath)).toHaveLength(2);
  });

  it("sends only the event types a webhook subscribed to, only to its own organization, and nothing from before it existed", async () => {
    const { ctx: earlyCtx } = await createOrganization();
    const before = await registerSomeLink(engine(), earlyCtx);
    const { ctx, webhook } = await organizationWithWebhook(["link.available"]);
    const other = await organizationWithWebhook(["link.state_changed"], receiver.url("/hooks/other"));
    await registerSomeLink(engine(), ctx); // link.verifying: not subscribed
    await dispatchWebhookEvents({ ctx: jobCtx(engine()) });
    expect(await deliveriesOf(webhook.id)).toEqual([]);
    expect(await deliveriesOf(other.webhook.id)).toEqual([]);
    expect(
      await engine().db.webhookDelivery.count({
        where: { eventId: { in: (await engine().db.linkEvent.findMany({ where: { linkId: before.id } })).map((e) => e.id) } },
      }),
    ).toBe(0);
  });

  it("retries after 500s with growing, jittered delays, logging every attempt, then delivers", async () => {
    const { ctx, webhook } = await organizationWithWebhook(["link.verifying"], undefined);
    await engine().db.webhook.update({ where: { id: webhook.id }, data: { url: receiver.url(`/hooks/${webhook.id}`) } });
    await registerSomeLink(engine(), ctx);
    await dispatchWebhookEvents({ ctx: jobCtx(engine()) });
    const [delivery] = await deliveriesOf(webhook.id);
    receiver.script(500, 503);
    // As the worker runs it, the dispatcher's job for this delivery is active while it runs.
    await engine().db.$executeRaw`UPDATE pgboss.job SET state = 'active' WHERE name = 'webhook-deliver' AND singleton_key = ${delivery!.id}`;

    const started = Date.now();
    expect(await deliver(delivery!.id, { delivery: FAST })).toBe("retrying");
    let row = await engine().db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery!.id } });
    expect(row).toMatchObject({ status: "pending", attemptCount: 1, responseStatus: 500, error: "HTTP 500" });
    const firstDelay = row.nextAttemptAt!.getTime() - started;
    expect(firstDelay).toBeGreaterThanOrEqual(400);
    expect(firstDelay).toBeLessThanOrEqual(1_500);
    // The retry is a pg-boss job that starts at nextAttemptAt.
    const jobs = await engine().db.$queryRaw<
      { start_after: Date }[]
    >`SELECT start_after FROM pgboss.job WHERE name = 'webhook-deliver' AND singleton_key = ${delivery!.id} AND state = 'created'`;
    expect(jobs.map((j) => j.start_after.getTime())).toEqual([row.nextAttemptAt!.getTime()]);

    expect(await deliver(delivery!.id, { delivery: FAST })).toBe("retrying");
    row = await engine().db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery!.id } });
    expect(row).toMatchObject({ status: "pending", attemptCount: 2, responseStatus: 503 });
    expect((await engine().db.webhook.findUniqueOrThrow({ where: { id: webhook.id } })).consecutiveFailures).toBe(2);

    expect(await deliver(delivery!.id, { delivery: FAST })).toBe("delivered");
    row = await engine().db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery!.id } });
    expect(row).toMatchObject({ status: "delivered", attemptCount: 3, responseStatus: 200, error: null, nextAttemptAt: null });
    expect(row.deliveredAt).not.toBeNull();
    const requests = requestsFor(webhook.id);
    expect(requests.map((r) => r.headers["privatelink-attempt"])).toEqual(["1", "2", "3"]);
    expect(new Set(requests.map((r) => r.body)).size).toBe(1); // every attempt sends the same bytes
    expect(new Set(requests.map((r) => r.headers["privatelink-delivery"])).size).toBe(1);
    expect((await engine().db.webhook.findUniqueOrThrow({ where: { id: webhook.id } })).consecutiveFailures).toBe(0);
  });

  it("gives a delivery up after maxAttempts", async () => {
    const { ctx, webhook } = await organizationWithWebhook(["link.verifying"]);
    await engine().db.webhook.update({ where: { id: webhook.id }, data: { url: receiver.url(`/hooks/${webhook.id}`) } });
    await registerSomeLink(engine(), ctx);
    await dispatchWebhookEvents({ ctx: jobCtx(engine()) });
    const [delivery] = await deliveriesOf(webhook.id);
    receiver.script(500, 500);
    const policy = { ...FAST, maxAttempts: 2 };
    expect(await deliver(delivery!.id, { delivery: policy })).toBe("retrying");
    expect(await deliver(delivery!.id, { delivery: policy })).toBe("failed");
    expect(await engine().db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery!.id } })).toMatchObject({
      status: "failed",
      attemptCount: 2,
      nextAttemptAt: null,
    });
    expect(await deliver(delivery!.id, { delivery: policy })).toBe("skipped");
    expect(requestsFor(webhook.id)).toHaveLength(2);
  });

  it("disables a webhook after repeated failure, fails its pending deliveries and stops dispatching to it", async () => {
    const { ctx, webhook } = await organizationWithWebhook(["link.verifying"]);
    await engine().db.webhook.update({ where: { id: webhook.id }, data: { url: receiver.url(`/hooks/${webhook.id}`) } });
    await registerSomeLink(engine(), ctx);
    await registerSomeLink(engine(), ctx);
    await dispatchWebhookEvents({ ctx: jobCtx(engine()) });
    const [a, b] = await deliveriesOf(webhook.id);
    receiver.script(500, 500, 500);
    const policy = { ...FAST, disableAfterFailures: 3, disableAfterMs: 0 };
    expect(await deliver(a!.id, { delivery: policy })).toBe("retrying");
    expect(await deliver(b!.id, { delivery: policy })).toBe("retrying");
    expect(await deliver(a!.id, { delivery: policy })).toBe("disabled");

    const disabled = await engine().db.webhook.findUniqueOrThrow({ where: { id: webhook.id } });
    expect(disabled).toMatchObject({ isEnabled: false, consecutiveFailures: 3 });
    expect(disabled.disabledAt).not.toBeNull();
    expect(disabled.disabledReason).toMatch(/3 failed attempts in a row/);
    expect((await deliveriesOf(webhook.id)).map((d) => d.status)).toEqual(["failed", "failed"]);
    expect(await deliver(b!.id, { delivery: policy })).toBe("skipped");

    await registerSomeLink(engine(), ctx);
    await dispatchWebhookEvents({ ctx: jobCtx(engine()) });
    expect(await deliveriesOf(webhook.id)).toHaveLength(2);
    expect(requestsFor(webhook.id)).toHaveLength(3);
  });

  it("does not disable on a burst of failures that has not lasted disableAfterMs", async () => {
    const { ctx, webhook } = await organizationWithWebhook(["link.verifying"]);
    await engine().db.webhook.update({ where: { id: webhook.id }, data: { url: receiver.url(`/hooks/${webhook.id}`) } });
    for (let i = 0; i < 3; i++) await registerSomeLink(engine(), ctx);
    await dispatchWebhookEvents({ ctx: jobCtx(engine()) });
    receiver.script(500, 500, 500);
    const policy = { ...FAST, disableAfterFailures: 2, disableAfterMs: 60_000 };
    for (const d of await deliveriesOf(webhook.id)) expect(await deliver(d.id, { delivery: policy })).toBe("retrying");
    expect(await engine().db.webhook.findUniqueOrThrow({ where: { id: webhook.id } })).toMatchObject({ isEnabled: true, consecutiveFailures: 3 });
  });

  it("does not follow redirects and times out a receiver that never answers", async () => {
    const { ctx, webhook } = await organizationWithWebhook(["link.verifying"]);
    await engine().db.webhook.update({ where: { id: webhook.id }, data: { url: receiver.url(`/hooks/${webhook.id}`) } });
    await registerSomeLink(engine(), ctx);
    await registerSomeLink(engine(), ctx);
    await dispatchWebhookEvents({ ctx: jobCtx(engine()) });
    const [a, b] = await deliveriesOf(webhook.id);

    receiver.script(302);
    expect(await deliver(a!.id, { delivery: FAST })).toBe("retrying");
    expect(await engine().db.webhookDelivery.findUniqueOrThrow({ where: { id: a!.id } })).toMatchObject({
      responseStatus: 302,
      error: "HTTP 302: redirects are not followed",
    });
    expect(receiver.received.some((r) => r.path === "/redirected")).toBe(false);

    receiver.script("hang");
    const started = Date.now();
    expect(await deliver(b!.id, { delivery: { ...FAST, timeoutMs: 500 } })).toBe("retrying");
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(await engine().db.webhookDelivery.findUniqueOrThrow({ where: { id: b!.id } })).toMatchObject({
      responseStatus: null,
      error: "Timed out after 0.5 s",
    });
  });

  it("checks the URL again at delivery: a private address is refused when private URLs are not allowed", async () => {
    const { ctx, webhook } = await organizationWithWebhook(["link.verifying"]);
    await engine().db.webhook.update({ where: { id: webhook.id }, data: { url: receiver.url(`/hooks/${webhook.id}`) } });
    await registerSomeLink(engine(), ctx);
    await dispatchWebhookEvents({ ctx: jobCtx(engine()) });
    const [delivery] = await deliveriesOf(webhook.id);
    const urlPolicy = { requireHttps: false, allowPrivateAddresses: false };
    expect(await deliver(delivery!.id, { delivery: FAST, urlPolicy })).toBe("retrying");
    const row = await engine().db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery!.id } });
    expect(row.error).toMatch(/^Refused: .*127\.0\.0\.1, a loopback address/);
    expect(requestsFor(webhook.id)).toHaveLength(0);
  });

  it("connects to the address it checked (a name resolved once, by our resolver), sending the name as Host", async () => {
    const { ctx, webhook } = await organizationWithWebhook(["link.verifying"]);
    await engine().db.webhook.update({ where: { id: webhook.id }, data: { url: `http://hooks.receiver.test:${receiver.port}/hooks/${webhook.id}` } });
    await registerSomeLink(engine(), ctx);
    await dispatchWebhookEvents({ ctx: jobCtx(engine()) });
    const [delivery] = await deliveriesOf(webhook.id);
    const lookups: string[] = [];
    const resolve = async (host: string) => {
      lookups.push(host);
      return [{ address: "127.0.0.1", family: 4 }];
    };
    expect(await deliver(delivery!.id, { delivery: FAST, resolve })).toBe("delivered");
    expect(lookups).toEqual(["hooks.receiver.test"]);
    expect(requestsFor(webhook.id).map((r) => r.headers.host)).toEqual([`hooks.receiver.test:${receiver.port}`]);
  });

  it("stops quietly when the webhook is deleted before its delivery runs", async () => {
    const { ctx, webhook } = await organizationWithWebhook(["link.verifying"]);
    await registerSomeLink(engine(), ctx);
    await dispatchWebhookEvents({ ctx: jobCtx(engine()) });
    const [delivery] = await deliveriesOf(webhook.id);
    await engine().db.webhook.delete({ where: { id: webhook.id } });
    expect(await deliver(delivery!.id, { delivery: FAST })).toBe("skipped");
  });

  it("moves the outbox cursor only over settled events", async () => {
    const { ctx } = await organizationWithWebhook(["link.verifying"]);
    await registerSomeLink(engine(), ctx);
    const cursor = () => engine().db.webhookOutboxCursor.findUnique({ where: { id: "link-events" } });
    const lastEvent = await engine().db.linkEvent.findFirstOrThrow({ orderBy: { id: "desc" } });
    await dispatchWebhookEvents({ ctx: jobCtx(engine()) });
    expect((await cursor())!.lastEventId).toBeLessThan(lastEvent.id);
    await dispatchWebhookEvents({ ctx: jobCtx(engine()), input: { settleMs: 0, batchSize: 2 } });
    expect((await cursor())!.lastEventId).toBe(lastEvent.id);
  });
});
