import { AwsError } from "../errors";
import type { Handler, RequestContext } from "../runtime";
import type { Tag } from "../wire/params";
import { findListener, findLoadBalancer, findTargetGroup, validation } from "./common";

/** Tags on load balancers, target groups and listeners, by ARN. */

function tagged(ctx: RequestContext, arn: string): { tags: Tag[] } {
  const resource = arn.includes(":targetgroup/") ? findTargetGroup(ctx, arn) : arn.includes(":listener/") ? findListener(ctx, arn) : findLoadBalancer(ctx, arn);
  if (resource) return resource;
  if (arn.includes(":targetgroup/")) throw new AwsError("TargetGroupNotFound", `Target groups '${arn}' not found`);
  if (arn.includes(":listener/")) throw new AwsError("ListenerNotFound", `Listener '${arn}' not found`);
  throw new AwsError("LoadBalancerNotFound", `Load balancer '${arn}' not found`);
}

function resources(ctx: RequestContext) {
  const arns = ctx.params.list("ResourceArns");
  if (arns.length === 0) throw validation("1 validation error detected: Value null at 'resourceArns' failed to satisfy constraint: Member must not be null");
  return arns.map((arn) => ({ arn, resource: tagged(ctx, arn) }));
}

const addTags: Handler = (ctx) => {
  const tags = ctx.params.tags("Tags");
  if (new Set(tags.map((t) => t.key)).size !== tags.length) throw new AwsError("DuplicateTagKeys", "Tag keys must be unique");
  for (const { resource } of resources(ctx)) {
    resource.tags = [...resource.tags.filter((t) => !tags.some((n) => n.key === t.key)), ...tags];
    if (resource.tags.length > 50) throw new AwsError("TooManyTags", "A resource may have at most 50 tags");
  }
  return {};
};

const removeTags: Handler = (ctx) => {
  const keys = ctx.params.list("TagKeys");
  for (const { resource } of resources(ctx)) resource.tags = resource.tags.filter((t) => !keys.includes(t.key));
  return {};
};

const describeTags: Handler = (ctx) => ({
  TagDescriptions: resources(ctx).map(({ arn, resource }) => ({ ResourceArn: arn, Tags: resource.tags.map((t) => ({ Key: t.key, Value: t.value })) })),
});

export const tagHandlers: Record<string, Handler> = { AddTags: addTags, RemoveTags: removeTags, DescribeTags: describeTags };
