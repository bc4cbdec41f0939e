import { AwsError } from "../errors";
import type { Handler, RequestContext } from "../runtime";
import { NETWORK, type RouteTable } from "../seed";
import { checkId, compileFilters, paginate } from "./query";

/**
 * Each VPC's main route table (seeded, read-only): its local route, and a route to the prefix list
 * of every gateway endpoint (S3, DynamoDB) added to it; and those prefix lists.
 */

/** AWS's prefix lists of the gateway services, per region. */
const PREFIX_LISTS: Record<string, Record<string, string>> = {
  s3: { "us-east-1": "pl-63a5400a", "us-west-2": "pl-68a54001", "eu-west-1": "pl-6da54004" },
  dynamodb: { "us-east-1": "pl-02cd2c6b", "us-west-2": "pl-00a54069", "eu-west-1": "pl-6fa54006" },
};

export function prefixListId(service: string, region: string): string | undefined {
  return PREFIX_LISTS[service]?.[region];
}

export function ownRouteTable(ctx: RequestContext, routeTableId: string): RouteTable {
  checkId("rtb", routeTableId, "InvalidRouteTableId.Malformed");
  const table = NETWORK.routeTables.find((t) => t.routeTableId === routeTableId && t.ownerId === ctx.caller.accountId && t.region === ctx.region);
  if (!table) throw new AwsError("InvalidRouteTableID.NotFound", `The routeTable ID '${routeTableId}' does not exist`);
  return table;
}

function routes(ctx: RequestContext, table: RouteTable) {
  const vpc = NETWORK.vpcs.find((v) => v.vpcId === table.vpcId);
  const gateways = [...ctx.runtime.state.endpoints.values()].filter(
    (e) => e.type === "Gateway" && e.state !== "deleted" && e.routeTableIds?.includes(table.routeTableId),
  );
  return [
    { destinationCidrBlock: vpc?.cidrBlock, gatewayId: "local", state: "active", origin: "CreateRouteTable" },
    ...gateways.map((e) => ({
      destinationPrefixListId: prefixListId(e.serviceName.split(".").at(-1) ?? "", e.region),
      gatewayId: e.id,
      state: "active",
      origin: "CreateRoute",
    })),
  ];
}

const describeRouteTables: Handler = (ctx) => {
  const ids = ctx.params.list("RouteTableId");
  ids.forEach((id) => ownRouteTable(ctx, id));
  const match = compileFilters<RouteTable>(
    ctx.params.filters(),
    ["route-table-id", "vpc-id", "owner-id", "association.main", "association.subnet-id", "association.route-table-id"],
    (t, name) =>
      ({
        "route-table-id": [t.routeTableId],
        "vpc-id": [t.vpcId],
        "owner-id": [t.ownerId],
        "association.main": ["true"],
        // The main table is associated with subnets only implicitly, which this filter does not match (as in AWS).
        "association.subnet-id": [],
        "association.route-table-id": [t.routeTableId],
      })[name],
  );
  const tables = NETWORK.routeTables.filter(
    (t) => t.ownerId === ctx.caller.accountId && t.region === ctx.region && (ids.length === 0 || ids.includes(t.routeTableId)) && match(t),
  );
  const { page, nextToken } = paginate(tables, (t) => t.routeTableId, ctx.params.int("MaxResults", { min: 5, max: 100 }), ctx.params.get("NextToken"));
  return {
    routeTableSet: page.map((t) => ({
      routeTableId: t.routeTableId,
      vpcId: t.vpcId,
      ownerId: t.ownerId,
      routeSet: routes(ctx, t),
      associationSet: [
        { main: true, routeTableAssociationId: `rtbassoc-${t.routeTableId.slice(4)}`, routeTableId: t.routeTableId, associationState: { state: "associated" } },
      ],
      propagatingVgwSet: [],
      tagSet: [],
    })),
    nextToken,
  };
};

/** The AWS-managed prefix lists of the gateway services; their CIDRs are not emulated (empty). */
const describePrefixLists: Handler = (ctx) => {
  const lists = Object.entries(PREFIX_LISTS).flatMap(([service, byRegion]) => {
    const id = byRegion[ctx.region];
    return id ? [{ prefixListId: id, prefixListName: `com.amazonaws.${ctx.region}.${service}` }] : [];
  });
  const ids = ctx.params.list("PrefixListId");
  for (const id of ids)
    if (!lists.some((l) => l.prefixListId === id)) throw new AwsError("InvalidPrefixListId.NotFound", `The prefix list ID '${id}' does not exist`);
  const match = compileFilters<(typeof lists)[number]>(
    ctx.params.filters(),
    ["prefix-list-id", "prefix-list-name"],
    (l, name) => ({ "prefix-list-id": [l.prefixListId], "prefix-list-name": [l.prefixListName] })[name],
  );
  return { prefixListSet: lists.filter((l) => (ids.length === 0 || ids.includes(l.prefixListId)) && match(l)).map((l) => ({ ...l, cidrSet: [] })) };
};

export const routeTableHandlers: Record<string, Handler> = { DescribeRouteTables: describeRouteTables, DescribePrefixLists: describePrefixLists };
