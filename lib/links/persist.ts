import "server-only";
import type { Db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { Prisma } from "@/lib/db/generated/client";
import type { Link } from "@/lib/db/generated/client";
import { violatesConstraint } from "@/lib/db/constraints";
import { AppError } from "@/lib/errors";
import { isVendorAdmin, organizationScope, SYSTEM_ACTOR, type Actor, type Ctx } from "@/lib/context";
import {
  actionTarget,
  isActionAllowed,
  isReleasable,
  LINK_ACTIONS,
  pollDelayMs,
  transition,
  type ActionRole,
  type LinkActionName,
  type LinkState,
  type MovingActionName,
} from "./state-machine";

export type Tx = Prisma.TransactionClient;

/** The reconciler's cadence; tests and benchmarks set either (slowMs defaults to RECONCILE_SETTLED_SECONDS). */
export const POLL: { fastMs: number; slowMs?: number } = { fastMs: 5_000 };

export function pollCadence(): { fastMs: number; slowMs: number } {
  return { fastMs: POLL.fastMs, slowMs: POLL.slowMs ?? getEnv().RECONCILE_SETTLED_SECONDS * 1000 };
}

/** Another request or worker moved the link first. Workers skip it; an API caller gets a 409 and may retry. */
export class StaleLinkError extends AppError {
  constructor(readonly linkId: string) {
    super("conflict", `The link ${linkId} changed while we were working on it; try again.`);
    this.name = "StaleLinkError";
  }
}

type Move = {
  to: LinkState;
  reason: string;
  actor: Actor;
  data?: Prisma.LinkUpdateManyMutationInput;
  /** Entering a releasable state: how long the endpoint outlives it (releaseConfigOf); RELEASE_AFTER_SECONDS when not said. */
  releaseAfterMs?: number;
};

// The only writer of Link.state: a guarded update (same id, state and version) so concurrent workers cannot both win,
// and the timeline (outbox) row in the same transaction. It also keeps releaseAt's invariant: set on entering a releasable
// state, null in every other.
export async function moveLink(tx: Tx, link: Pick<Link, "id" | "organizationId" | "state" | "version">, move: Move): Promise<Link> {
  const to = transition(link.state, move.to);
  const delay = pollDelayMs(to, pollCadence());
  const now = new Date();
  const updated = await tx.link
    .updateMany({
      where: { id: link.id, state: link.state, version: link.version },
      data: {
        ...move.data,
        state: to,
        version: { increment: 1 },
        stateChangedAt: now,
        nextCheckAt: delay === null ? null : new Date(now.getTime() + delay),
        ...releaseAtOnMove(link.state, to, now, move.releaseAfterMs),
      },
    })
    .catch((error: unknown) => {
      if (violatesConstraint(error, PRIVATE_DNS_CONSTRAINT)) throw privateDnsConflict();
      if (isServiceClaimed(error)) throw serviceInUse();
      throw error;
    });
  if (updated.count === 0) throw new StaleLinkError(link.id);
  await tx.linkEvent.create({
    data: {
      linkId: link.id,
      organizationId: link.organizationId,
      fromState: link.state,
      toState: to,
      reason: move.reason,
      actorType: move.actor.type,
      actorId: move.actor.id,
    },
  });
  return tx.link.findUniqueOrThrow({ where: { id: link.id } });
}

/** What happened to a link that kept its state (its probes, its endpoint's addresses, the release of its endpoint). */
type StayingEvent = Pick<Prisma.LinkEventUncheckedCreateInput, "reason" | "fromConnectivity" | "toConnectivity"> & {
  kind: "connectivity" | "addresses" | "endpoint_released";
};

// The timeline's (and the webhook outbox's) row of an event of no transition, written by the system in the transaction
// that made the change; moveLink writes the rows of transitions.
export async function recordStayingEvent(tx: Tx, link: Pick<Link, "id" | "organizationId" | "state">, event: StayingEvent): Promise<void> {
  await tx.linkEvent.create({
    data: {
      linkId: link.id,
      organizationId: link.organizationId,
      fromState: link.state,
      toState: link.state,
      actorType: SYSTEM_ACTOR.type,
      actorId: SYSTEM_ACTOR.id,
      ...event,
    },
  });
}

function releaseAtOnMove(from: LinkState, to: LinkState, now: Date, afterMs = getEnv().RELEASE_AFTER_SECONDS * 1000): { releaseAt?: Date | null } {
  if (!isReleasable(to)) return { releaseAt: null };
  return isReleasable(from) ? {} : { releaseAt: new Date(now.getTime() + afterMs) };
}

export function actionRoleOf(ctx: Pick<Ctx, "role">): ActionRole {
  return isVendorAdmin(ctx) ? "admin" : "member";
}

/** 403 before any link is read. */
export function authorizeAction(ctx: Pick<Ctx, "role">, action: LinkActionName): void {
  const by: readonly ActionRole[] = LINK_ACTIONS[action].by;
  if (by.includes(actionRoleOf(ctx))) return;
  throw new AppError("forbidden", by.includes("admin") ? "This needs a vendor admin." : "This needs a member of an organization.");
}

export function requireActionAllowed(link: Pick<Link, "id" | "state">, action: LinkActionName): void {
  if (!isActionAllowed(action, link.state)) throw conflict(link, LINK_ACTIONS[action].pastTense);
}

export async function takeAction(tx: Tx, link: Link, action: MovingActionName, move: Omit<Move, "to">): Promise<Link> {
  requireActionAllowed(link, action);
  return moveLink(tx, link, { ...move, to: actionTarget(action, link.state) });
}

// Another organization's link is "not found", never "forbidden". `linkId` is a UUID: the route's path schema (or the
// job's payload) checked it.
export async function findLinkFor(db: Db | Tx, ctx: Pick<Ctx, "role" | "organizationId">, linkId: string): Promise<Link> {
  const link = await db.link.findFirst({ where: { id: linkId, ...organizationScope(ctx) } });
  if (!link) throw new AppError("not_found", `No link ${linkId}.`);
  return link;
}

/** PostgreSQL's exclusion_violation on the one-organization-per-service constraint, however the driver wraps it. */
function isServiceClaimed(error: unknown): boolean {
  for (let cause: unknown = error; cause; cause = (cause as { cause?: unknown }).cause) {
    const text = cause instanceof Error ? `${cause.message} ${String((cause as { code?: unknown }).code ?? "")}` : String(cause);
    if (text.includes("Link_serviceName_one_organization") || text.includes("23P01")) return true;
    if (!(cause instanceof Error)) break;
  }
  return false;
}

/** One live link per private DNS name and region of ours (the migration's exclusion constraint): AWS allows one per VPC. */
const PRIVATE_DNS_CONSTRAINT = "Link_privateDnsName_one_per_region";

export function privateDnsConflict(): AppError {
  return new AppError(
    "private_dns_conflict",
    "The service's private DNS name is already in use in this region through us: a name can be used by one link per region. Register the link without privateDns.",
  );
}

export function serviceInUse(): AppError {
  return new AppError(
    "service_in_use",
    "Another organization is already connected to this service through us; a service connects to one organization only. If the service is yours, contact us.",
  );
}

export function conflict(link: Pick<Link, "id" | "state">, action: string): AppError {
  return new AppError("conflict", `Link ${link.id} is ${link.state.replaceAll("_", " ")}; it cannot be ${action} now.`);
}
