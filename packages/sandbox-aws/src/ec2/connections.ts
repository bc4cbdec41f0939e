import { missingParameter } from "../errors";
import type { Handler, RequestContext } from "../runtime";
import type { Endpoint, EndpointState } from "../state";
import { connectionXml } from "./endpoint-shapes";
import { setState } from "./lifecycle";
import { checkId, compileFilters, paginate } from "./query";
import { ownService } from "./services";

/**
 * The provider's view of endpoints connecting to its services, and its decisions on them. A
 * rejection is allowed at any point before deletion, including after `available`: that is how a
 * customer revokes a vendor's access.
 */

const REJECTABLE = new Set<EndpointState>(["pendingAcceptance", "pending", "available"]);

const describeConnections: Handler = (ctx) => {
  const owned = new Map(
    [...ctx.runtime.state.services.values()]
      .filter((s) => s.ownerId === ctx.caller.accountId && s.region === ctx.region && ctx.runtime.consistency.isVisible(ctx, s.serviceId))
      .map((s) => [s.serviceId, s]),
  );
  const match = compileFilters<Endpoint>(
    ctx.params.filters(),
    ["service-id", "vpc-endpoint-owner", "vpc-endpoint-state", "vpc-endpoint-id", "vpc-endpoint-region", "ip-address-type"],
    (e, name) =>
      ({
        "service-id": [e.serviceId],
        "vpc-endpoint-owner": [e.ownerId],
        "vpc-endpoint-state": [e.state],
        "vpc-endpoint-id": [e.id],
        "vpc-endpoint-region": [e.region],
        "ip-address-type": [e.ipAddressType],
      })[name],
  );
  const connections = ctx.runtime.state.sortedEndpoints().filter((e) => owned.has(e.serviceId) && ctx.runtime.consistency.isVisible(ctx, e.id) && match(e));
  const { page, nextToken } = paginate(connections, (e) => e.id, ctx.params.int("MaxResults", { min: 5, max: 1000 }), ctx.params.get("NextToken"));
  return {
    vpcEndpointConnectionSet: page.map((e) => connectionXml(e, owned.get(e.serviceId)?.loadBalancerArns ?? [])),
    nextToken,
  };
};

function decide(ctx: RequestContext, allowed: (state: EndpointState) => boolean, to: EndpointState) {
  const service = ownService(ctx, ctx.params.required("ServiceId"));
  const ids = ctx.params.list("VpcEndpointId");
  if (ids.length === 0) throw missingParameter("ec2", "VpcEndpointId");
  ids.forEach((id) => checkId("vpce", id, "InvalidVpcEndpointId.Malformed"));
  const unsuccessful = ids.flatMap((id) => {
    const endpoint = ctx.runtime.state.endpoints.get(id);
    if (!endpoint || endpoint.serviceId !== service.serviceId || endpoint.state === "deleted" || !ctx.runtime.consistency.isVisible(ctx, id)) {
      return [{ error: { code: "InvalidVpcEndpointId.NotFound", message: `The VpcEndpoint Id '${id}' does not exist` }, resourceId: id }];
    }
    if (!allowed(endpoint.state)) {
      return [{ error: { code: "InvalidState", message: `Endpoint ${id} is in state ${endpoint.state}` }, resourceId: id }];
    }
    setState(ctx.runtime, endpoint, to, ctx.now);
    return [];
  });
  return { unsuccessful };
}

const acceptConnections: Handler = (ctx) => decide(ctx, (state) => state === "pendingAcceptance", "pending");
const rejectConnections: Handler = (ctx) => decide(ctx, (state) => REJECTABLE.has(state), "rejected");

export const connectionHandlers: Record<string, Handler> = {
  DescribeVpcEndpointConnections: describeConnections,
  AcceptVpcEndpointConnections: acceptConnections,
  RejectVpcEndpointConnections: rejectConnections,
};
