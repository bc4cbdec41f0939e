import { AwsError, invalidParameterValue, missingParameter } from "../errors";
import type { Handler, RequestContext } from "../runtime";
import type { Tag } from "../wire/params";
import { checkId } from "./query";

/**
 * CreateTags on the caller's own VPC endpoints and endpoint services (the resources the PrivateLink
 * flow tags after creation). A key already on the resource gets the new value; `aws:` keys are
 * reserved, and a resource holds at most 50 tags, as in EC2.
 */

const MAX_TAGS = 50;

function taggable(ctx: RequestContext, id: string): { tags: Tag[] } {
  const { state } = ctx.runtime;
  if (id.startsWith("vpce-svc-")) {
    checkId("vpce-svc", id, "InvalidVpcEndpointServiceId.Malformed");
    const service = state.services.get(id);
    if (!service || service.ownerId !== ctx.caller.accountId || service.region !== ctx.region || !ctx.runtime.consistency.isVisible(ctx, id)) {
      throw new AwsError("InvalidVpcEndpointServiceId.NotFound", `The Vpc Endpoint Service Id '${id}' does not exist`);
    }
    return service;
  }
  if (id.startsWith("vpce-")) {
    checkId("vpce", id, "InvalidVpcEndpointId.Malformed");
    const endpoint = state.endpoints.get(id);
    const isGone = !endpoint || endpoint.state === "deleted" || !ctx.runtime.consistency.isVisible(ctx, id);
    if (isGone || endpoint.ownerId !== ctx.caller.accountId || endpoint.region !== ctx.region) {
      throw new AwsError("InvalidVpcEndpointId.NotFound", `The VpcEndpoint Id '${id}' does not exist`);
    }
    return endpoint;
  }
  throw new AwsError("InvalidID", `The ID '${id}' is not valid (the sandbox tags VPC endpoints and endpoint services only)`);
}

const createTags: Handler = (ctx) => {
  const ids = ctx.params.list("ResourceId");
  if (ids.length === 0) throw missingParameter("ec2", "ResourceId");
  const tags = ctx.params.tags("Tag");
  if (tags.length === 0) throw missingParameter("ec2", "Tag");
  for (const tag of tags) {
    if (tag.key.toLowerCase().startsWith("aws:")) throw invalidParameterValue("Tag keys starting with 'aws:' are reserved for internal use");
    if (tag.key.length === 0 || tag.key.length > 128) throw invalidParameterValue(`Tag key '${tag.key}' must be 1 to 128 characters long`);
    if (tag.value.length > 256) throw invalidParameterValue(`Tag value for '${tag.key}' must be at most 256 characters long`);
  }
  // All or nothing: every resource is checked before any is changed.
  const changes = ids.map((id) => {
    const resource = taggable(ctx, id);
    const merged = new Map(resource.tags.map((t) => [t.key, t.value]));
    for (const tag of tags) merged.set(tag.key, tag.value);
    if (merged.size > MAX_TAGS) throw new AwsError("TagLimitExceeded", `A resource can have at most ${MAX_TAGS} tags`);
    return { resource, tags: [...merged].map(([key, value]) => ({ key, value })) };
  });
  for (const change of changes) change.resource.tags = change.tags;
  return { return: true };
};

export const tagHandlers: Record<string, Handler> = { CreateTags: createTags };
