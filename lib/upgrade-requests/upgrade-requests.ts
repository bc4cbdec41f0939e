import "server-only";
import { recordAudit } from "@/lib/audit";
import { organizationOf, requireVendorAdmin, type Ctx, type VerbArgs } from "@/lib/context";
import { violatesConstraint } from "@/lib/db/constraints";
import type { Prisma, UpgradeRequest } from "@/lib/db/generated/client";
import { appUrl } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { queueMail } from "@/lib/mail/outbox";
import { collection, paginate, type Page, type PageQuery } from "@/lib/pagination";
import { offersMore } from "@/lib/plans/schemas";
import {
  type AdminUpgradeRequestsQuery,
  type ApproveUpgradeRequestInput,
  type CreateUpgradeRequestInput,
  type DenyUpgradeRequestInput,
  type UpgradeRequestView,
} from "./schemas";

// One open request per organization, kept by the database's UpgradeRequest_one_open_per_organization. Every change is audited.

const OWN = collection("upgrade-requests", "desc");
const ALL = collection("admin-upgrade-requests", "desc");
const WITH_ORGANIZATION = { organization: { select: { name: true } } } as const;

type Row = UpgradeRequest & { organization: { name: string } };

export function toUpgradeRequestView(row: Row): UpgradeRequestView {
  return {
    id: row.id,
    organizationId: row.organizationId,
    organizationName: row.organization.name,
    currentPlan: row.currentPlan,
    requestedPlan: row.requestedPlan,
    message: row.message,
    status: row.status,
    reason: row.reason,
    createdAt: row.createdAt.toISOString(),
    answeredAt: row.answeredAt?.toISOString() ?? null,
  };
}

function alreadyOpen(open: Pick<UpgradeRequest, "requestedPlan" | "createdAt">): AppError {
  return new AppError(
    "conflict",
    `Your organization already asked for the ${open.requestedPlan} plan on ${open.createdAt.toISOString().slice(0, 10)}; we answer that request first.`,
  );
}

function invalidPlan(detail: string, reason: string): AppError {
  return new AppError("validation_failed", detail, { invalidParams: [{ name: "plan", reason }] });
}

export async function requestUpgrade({ ctx, input }: VerbArgs<CreateUpgradeRequestInput>): Promise<UpgradeRequestView> {
  const organizationId = organizationOf(ctx);
  const { db } = ctx.engine;
  const created = await db.$transaction(async (tx) => {
    const org = await tx.organization.findUniqueOrThrow({ where: { id: organizationId }, include: { entitlements: true } });
    const wanted = await tx.plan.findUnique({ where: { key: input.plan } });
    if (!wanted) throw invalidPlan(`There is no plan ${input.plan}.`, "Choose one of the plans offered");
    if (!offersMore(wanted, org.entitlements)) {
      const already =
        wanted.key === org.plan
          ? `Your organization is on the ${wanted.name} plan already.`
          : `The ${wanted.name} plan gives nothing your ${org.entitlements.name} plan lacks.`;
      throw invalidPlan(already, `Choose a plan that gives more than ${org.entitlements.name}`);
    }
    const open = await tx.upgradeRequest.findFirst({ where: { organizationId, status: "open" } });
    if (open) throw alreadyOpen(open);
    const row = await tx.upgradeRequest
      .create({
        data: {
          organizationId,
          currentPlan: org.plan,
          requestedPlan: input.plan,
          message: input.message || null,
          requestedById: ctx.actor.type === "user" ? ctx.actor.id : null,
        },
        include: WITH_ORGANIZATION,
      })
      .catch((error: unknown) => {
        throw violatesConstraint(error, "UpgradeRequest_one_open_per_organization") ? alreadyOpen({ requestedPlan: input.plan, createdAt: new Date() }) : error;
      });
    await recordAudit(tx, ctx, {
      organizationId,
      action: "upgrade_request.create",
      target: { type: "upgrade_request", id: row.id },
      metadata: { currentPlan: org.plan, requestedPlan: input.plan },
    });
    return row;
  });
  return toUpgradeRequestView(created);
}

async function pageOf(ctx: Ctx, list: typeof OWN, query: PageQuery, filters: { organizationId?: string; status?: UpgradeRequestView["status"] }) {
  const pages = paginate(list, query, filters);
  const rows = await ctx.engine.db.upgradeRequest.findMany({
    where: { ...filters, ...pages.where },
    orderBy: pages.orderBy,
    take: pages.take,
    include: WITH_ORGANIZATION,
  });
  return pages.page(rows, toUpgradeRequestView);
}

export async function listUpgradeRequests({ ctx, input }: VerbArgs<PageQuery>): Promise<Page<UpgradeRequestView>> {
  return pageOf(ctx, OWN, input, { organizationId: organizationOf(ctx) });
}

/** status=open: the admins' queue. */
export async function listUpgradeRequestsForAdmin({ ctx, input }: VerbArgs<AdminUpgradeRequestsQuery>): Promise<Page<UpgradeRequestView>> {
  requireVendorAdmin(ctx);
  return pageOf(ctx, ALL, input, { status: input.status });
}

type Answer = { status: "approved" | "denied"; reason: string | null };

/** Answers an open request once: a guarded update, so two admins answering at once cannot both win. Whoever asked hears by email. */
async function answer(tx: Prisma.TransactionClient, { ctx, input }: VerbArgs<{ id: string }>, { status, reason }: Answer): Promise<Row> {
  const request = await tx.upgradeRequest.findUnique({ where: { id: input.id } });
  if (!request) throw new AppError("not_found", `No upgrade request ${input.id}.`);
  const answered = await tx.upgradeRequest.updateMany({
    where: { id: request.id, status: "open" },
    data: { status, reason, answeredAt: new Date(), answeredById: ctx.actor.type === "user" ? ctx.actor.id : null },
  });
  if (answered.count === 0) throw new AppError("conflict", `Upgrade request ${request.id} is ${request.status} already; only an open request can be answered.`);
  await recordAudit(tx, ctx, {
    organizationId: request.organizationId,
    action: status === "approved" ? "upgrade_request.approve" : "upgrade_request.deny",
    target: { type: "upgrade_request", id: request.id },
    metadata: { currentPlan: request.currentPlan, requestedPlan: request.requestedPlan, reason },
  });
  const row = await tx.upgradeRequest.findUniqueOrThrow({
    where: { id: request.id },
    include: { ...WITH_ORGANIZATION, requested: { select: { name: true } } },
  });
  const asker = request.requestedById ? await tx.user.findUnique({ where: { id: request.requestedById }, select: { id: true, email: true } }) : null;
  if (asker) {
    await queueMail(
      tx,
      {
        key: `upgrade-request-answer:${request.id}`,
        to: asker.email,
        userId: asker.id,
        template: "upgrade-answered",
        data: { organizationName: row.organization.name, plan: row.requested.name, outcome: status, reason, url: `${appUrl()}/setup` },
      },
      { ctx },
    );
  }
  return row;
}

export async function approveUpgradeRequest({ ctx, input }: VerbArgs<{ id: string } & ApproveUpgradeRequestInput>): Promise<UpgradeRequestView> {
  requireVendorAdmin(ctx);
  const approved = await ctx.engine.db.$transaction(async (tx) => {
    const row = await answer(tx, { ctx, input }, { status: "approved", reason: input.reason || null });
    await tx.organization.update({ where: { id: row.organizationId }, data: { plan: row.requestedPlan } });
    return row;
  });
  return toUpgradeRequestView(approved);
}

export async function denyUpgradeRequest({ ctx, input }: VerbArgs<{ id: string } & DenyUpgradeRequestInput>): Promise<UpgradeRequestView> {
  requireVendorAdmin(ctx);
  const denied = await ctx.engine.db.$transaction((tx) => answer(tx, { ctx, input }, { status: "denied", reason: input.reason }));
  return toUpgradeRequestView(denied);
}
