import { AwsError } from "../errors";
import type { RequestContext } from "../runtime";
import { hexId } from "../state";
import type { ListenerRecord, LoadBalancerRecord, TargetGroupRecord } from "./store";

/** Lookups, names, attributes and pages every ELBv2 action shares, with ELBv2's own error codes. */

export const validation = (message: string) => new AwsError("ValidationError", message);
export const invalidConfiguration = (message: string) => new AwsError("InvalidConfigurationRequest", message);

/** Load balancer and target group names: 1 to 32 letters, digits or hyphens, no hyphen at either end. */
export function checkName(kind: "load balancer" | "target group", name: string): void {
  if (!/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/.test(name)) {
    throw validation(`The ${kind} name '${name}' is not valid: use at most 32 alphanumeric characters or hyphens, and do not begin or end with a hyphen.`);
  }
  if (kind === "load balancer" && name.toLowerCase().startsWith("internal-")) throw validation(`Load balancer names cannot start with 'internal-'.`);
}

export function arnPrefix(ctx: RequestContext): string {
  return `arn:aws:elasticloadbalancing:${ctx.region}:${ctx.caller.accountId}`;
}

export const newId = () => hexId(16);

function mine<T extends { ownerId: string; region: string }>(ctx: RequestContext, item: T | undefined): T | undefined {
  return item && item.ownerId === ctx.caller.accountId && item.region === ctx.region ? item : undefined;
}

export function findLoadBalancer(ctx: RequestContext, arn: string): LoadBalancerRecord | undefined {
  return mine(ctx, ctx.runtime.state.elbv2.loadBalancers.get(arn));
}

export function ownLoadBalancer(ctx: RequestContext, arn: string): LoadBalancerRecord {
  const lb = findLoadBalancer(ctx, arn);
  if (!lb) throw new AwsError("LoadBalancerNotFound", `Load balancer '${arn}' not found`);
  return lb;
}

export function findTargetGroup(ctx: RequestContext, arn: string): TargetGroupRecord | undefined {
  return mine(ctx, ctx.runtime.state.elbv2.targetGroups.get(arn));
}

export function ownTargetGroup(ctx: RequestContext, arn: string): TargetGroupRecord {
  const group = findTargetGroup(ctx, arn);
  if (!group) throw new AwsError("TargetGroupNotFound", `Target groups '${arn}' not found`);
  return group;
}

export function findListener(ctx: RequestContext, arn: string): ListenerRecord | undefined {
  return mine(ctx, ctx.runtime.state.elbv2.listeners.get(arn));
}

export function ownListener(ctx: RequestContext, arn: string): ListenerRecord {
  const listener = findListener(ctx, arn);
  if (!listener) throw new AwsError("ListenerNotFound", `Listener '${arn}' not found`);
  return listener;
}

/** A load balancer is `provisioning` for delays.pendingMs after creation, then `active`. */
export function isActive(ctx: RequestContext, lb: LoadBalancerRecord): boolean {
  return ctx.now - lb.createdAt >= ctx.runtime.delays.pendingMs;
}

export function listenersOf(ctx: RequestContext, loadBalancerArn: string): ListenerRecord[] {
  return [...ctx.runtime.state.elbv2.listeners.values()].filter((l) => l.loadBalancerArn === loadBalancerArn);
}

/** `Attributes.member.N.Key/Value` merged into `current`; `*.enabled` values must be true or false. */
export function mergeAttributes(ctx: RequestContext, current: Record<string, string>): Record<string, string> {
  const changes = ctx.params.tags("Attributes");
  if (changes.length === 0) throw validation("1 validation error detected: Value null at 'attributes' failed to satisfy constraint: Member must not be null");
  const next = { ...current };
  for (const { key, value } of changes) {
    if (!/^[a-z0-9_.]+$/.test(key)) throw invalidConfiguration(`Attribute key '${key}' is not recognized`);
    if (key.endsWith(".enabled") && value !== "true" && value !== "false")
      throw invalidConfiguration(`Attribute value '${value}' for '${key}' must be 'true' or 'false'`);
    next[key] = value;
  }
  return next;
}

export function attributesXml(attributes: Record<string, string>) {
  return Object.entries(attributes)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([Key, Value]) => ({ Key, Value }));
}

/** Marker pages: PageSize 1 to 400; the marker names the index of the next item. */
export function page<T>(ctx: RequestContext, items: T[]): { items: T[]; NextMarker?: string } {
  const size = ctx.params.int("PageSize", { min: 1, max: 400 });
  const marker = ctx.params.get("Marker");
  const start = marker === undefined ? 0 : Number.parseInt(Buffer.from(marker, "base64url").toString("utf8"), 10);
  if (!Number.isSafeInteger(start) || start < 0) throw validation(`Invalid marker '${marker}'`);
  if (size === undefined) return { items: items.slice(start) };
  const end = start + size;
  return { items: items.slice(start, end), NextMarker: end < items.length ? Buffer.from(String(end)).toString("base64url") : undefined };
}

export function byName<T extends { name: string }>(a: T, b: T): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
