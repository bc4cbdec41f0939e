import "server-only";
import { randomBytes } from "node:crypto";
import { recordAudit } from "@/lib/audit";
import type { VerbArgs } from "@/lib/context";
import type { Webhook, WebhookDelivery } from "@/lib/db/generated/client";
import { collection, paginate, type Page, type PageQuery } from "@/lib/pagination";
import { AppError } from "@/lib/errors";
import type { Db } from "@/lib/db/client";
import { authorizeRead, authorizeWrite } from "./access";
import {
  webhookCreatedViewSchema,
  webhookDeliveryViewSchema,
  webhookViewSchema,
  type WebhookCreatedView,
  type WebhookCreateInput,
  type WebhookDeliveryQuery,
  type WebhookDeliveryView,
  type WebhookView,
} from "./schemas";
import { webhookSettingsOf } from "./settings";
import { assertWebhookUrlAllowed } from "./url-policy";

const WEBHOOKS = collection("webhooks", "asc");
const DELIVERIES = collection("webhook-deliveries", "desc");

export const MAX_WEBHOOKS_PER_ORGANIZATION = 20;

export function toWebhookView(webhook: Webhook): WebhookView {
  return webhookViewSchema.parse({
    id: webhook.id,
    url: webhook.url,
    eventTypes: webhook.eventTypes,
    description: webhook.description,
    isEnabled: webhook.isEnabled,
    consecutiveFailures: webhook.consecutiveFailures,
    disabledAt: webhook.disabledAt?.toISOString() ?? null,
    disabledReason: webhook.disabledReason,
    createdAt: webhook.createdAt.toISOString(),
    lastDeliveryAt: webhook.lastDeliveryAt?.toISOString() ?? null,
  });
}

export function toWebhookDeliveryView(delivery: WebhookDelivery): WebhookDeliveryView {
  return webhookDeliveryViewSchema.parse({
    id: delivery.id,
    webhookId: delivery.webhookId,
    eventId: delivery.eventId.toString(),
    eventType: delivery.eventType,
    status: delivery.status,
    attemptCount: delivery.attemptCount,
    responseStatus: delivery.responseStatus,
    error: delivery.error,
    nextAttemptAt: delivery.nextAttemptAt?.toISOString() ?? null,
    lastAttemptAt: delivery.lastAttemptAt?.toISOString() ?? null,
    deliveredAt: delivery.deliveredAt?.toISOString() ?? null,
    createdAt: delivery.createdAt.toISOString(),
  });
}

/** The URL is checked now and again at every delivery; the signing secret is answered here and never again. */
export async function createWebhook({ ctx, input }: VerbArgs<WebhookCreateInput>): Promise<WebhookCreatedView> {
  const organizationId = authorizeWrite(ctx);
  const { urlPolicy, resolve } = webhookSettingsOf(ctx.engine);
  const url = await assertWebhookUrlAllowed(input.url, urlPolicy, resolve);
  const secret = `whsec_${randomBytes(32).toString("base64url")}`;
  const webhook = await ctx.engine.db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`webhooks:${organizationId}`}))`;
    const count = await tx.webhook.count({ where: { organizationId } });
    if (count >= MAX_WEBHOOKS_PER_ORGANIZATION) {
      throw new AppError("quota_exceeded", `Your organization has ${count} webhooks, the most it may hold; delete one first.`);
    }
    const created = await tx.webhook.create({
      data: { organizationId, url: url.toString(), eventTypes: input.eventTypes, description: input.description ?? null, secret },
    });
    await recordAudit(tx, ctx, {
      organizationId,
      action: "webhook.create",
      target: { type: "webhook", id: created.id },
      metadata: { url: created.url, eventTypes: created.eventTypes },
    });
    return created;
  });
  return webhookCreatedViewSchema.parse({ ...toWebhookView(webhook), secret });
}

/** Paged all the same, though never more than MAX_WEBHOOKS_PER_ORGANIZATION. */
export async function listWebhooks({ ctx, input: query }: VerbArgs<PageQuery>): Promise<Page<WebhookView>> {
  const organizationId = authorizeRead(ctx);
  const pages = paginate(WEBHOOKS, query, { organizationId });
  const rows = await ctx.engine.db.webhook.findMany({ where: { organizationId, ...pages.where }, orderBy: pages.orderBy, take: pages.take });
  return pages.page(rows, toWebhookView);
}

async function findWebhookFor(db: Pick<Db, "webhook">, organizationId: string, webhookId: string): Promise<Webhook> {
  const webhook = await db.webhook.findFirst({ where: { id: webhookId, organizationId } });
  if (!webhook) throw new AppError("not_found", `No webhook ${webhookId}.`);
  return webhook;
}

export async function getWebhook({ ctx, input: { webhookId } }: VerbArgs<{ webhookId: string }>): Promise<WebhookView> {
  return toWebhookView(await findWebhookFor(ctx.engine.db, authorizeRead(ctx), webhookId));
}

/** The delivery log goes too: queued deliveries find nothing and stop. Of two concurrent deletes the loser gets a 404. */
export async function deleteWebhook({ ctx, input: { webhookId } }: VerbArgs<{ webhookId: string }>): Promise<void> {
  const organizationId = authorizeWrite(ctx);
  await ctx.engine.db.$transaction(async (tx) => {
    const webhook = await findWebhookFor(tx, organizationId, webhookId);
    const { count } = await tx.webhook.deleteMany({ where: { id: webhook.id } });
    if (count === 0) throw new AppError("not_found", `No webhook ${webhookId}.`);
    await recordAudit(tx, ctx, { organizationId, action: "webhook.delete", target: { type: "webhook", id: webhook.id }, metadata: { url: webhook.url } });
  });
}

// Back on with its failure count at zero (deliveries failed meanwhile can be retried from the log); the URL must pass the
// SSRF rules as they stand now.
export async function enableWebhook({ ctx, input: { webhookId } }: VerbArgs<{ webhookId: string }>): Promise<WebhookView> {
  const organizationId = authorizeWrite(ctx);
  const webhook = await findWebhookFor(ctx.engine.db, organizationId, webhookId);
  if (webhook.isEnabled) return toWebhookView(webhook);
  const { urlPolicy, resolve } = webhookSettingsOf(ctx.engine);
  await assertWebhookUrlAllowed(webhook.url, urlPolicy, resolve);
  const enabled = await ctx.engine.db.$transaction(async (tx) => {
    const { count } = await tx.webhook.updateMany({
      where: { id: webhook.id, isEnabled: false },
      data: { isEnabled: true, consecutiveFailures: 0, failingSince: null, disabledAt: null, disabledReason: null },
    });
    if (count > 0) {
      await recordAudit(tx, ctx, {
        organizationId,
        action: "webhook.enable",
        target: { type: "webhook", id: webhook.id },
        metadata: { url: webhook.url, disabledReason: webhook.disabledReason },
      });
    }
    return tx.webhook.findUnique({ where: { id: webhook.id } });
  });
  if (!enabled) throw new AppError("not_found", `No webhook ${webhookId}.`);
  return toWebhookView(enabled);
}

export async function listWebhookDeliveries({
  ctx,
  input: { webhookId, ...query },
}: VerbArgs<{ webhookId: string } & WebhookDeliveryQuery>): Promise<Page<WebhookDeliveryView>> {
  const webhook = await findWebhookFor(ctx.engine.db, authorizeRead(ctx), webhookId);
  const filters = { webhookId: webhook.id, status: query.status };
  const pages = paginate(DELIVERIES, query, filters);
  const rows = await ctx.engine.db.webhookDelivery.findMany({ where: { ...filters, ...pages.where }, orderBy: pages.orderBy, take: pages.take });
  return pages.page(rows, toWebhookDeliveryView);
}
