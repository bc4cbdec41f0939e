import { accessibility } from "../ec2/resource-endpoints";
import type { ResourceConfigurationRecord } from "../lattice/store";
import type { Endpoint, SandboxState } from "../state";
import { isLoopback } from "./addresses";
import { endpointZones, type Plan } from "./routing";

/**
 * What a connection to a Resource endpoint's address meets: the customer's resource gateway takes
 * it to the configuration's resource on the same port, while the association stands and the
 * configuration is shared, and only on the configuration's ports. There is no load balancer and no
 * health check. The sandbox only ever dials loopback: an `ipResource` in 127.0.0.0/8 as it is, the
 * private IP of a sandbox instance in the gateway's VPC to its loopback server, and a `dnsResource`
 * under `.localhost` (RFC 6761) to 127.0.0.1. Anything else is out of reach: connections are dropped,
 * and the socket table says why.
 */

/** Ranges wider than this are served on the data plane's own ports only (binding thousands of sockets helps nobody). */
const MAX_EXPANDED_RANGE = 32;

function ranges(configuration: ResourceConfigurationRecord): [number, number][] {
  return configuration.portRanges.map((range) => {
    const [from, to = from] = range.split("-").map(Number) as [number, number?];
    return [from, to ?? from];
  });
}

/** The ports to serve on a Resource endpoint's addresses: its configuration's (small ranges in full) and the data plane's own. */
export function resourcePorts(state: SandboxState, endpoint: Endpoint, defaults: number[]): number[] {
  const configuration = state.lattice.configurationByArn(endpoint.resourceConfigurationArn ?? "");
  const own = configuration
    ? ranges(configuration).flatMap(([from, to]) => (to - from < MAX_EXPANDED_RANGE ? Array.from({ length: to - from + 1 }, (_, i) => from + i) : []))
    : [];
  return [...new Set([...own, ...defaults])].sort((a, b) => a - b);
}

export function resourcePlan(state: SandboxState, endpoint: Endpoint, zoneId: string, port: number): Plan {
  if (endpoint.state !== "available") return { mode: "drop", reason: `endpoint is ${endpoint.state}` };
  if (!endpoint.resourceAssociationId) return { mode: "drop", reason: "the configuration's owner deleted the association" };
  if (!endpointZones(endpoint).some((z) => z.zoneId === zoneId)) return { mode: "drop", reason: "endpoint has no interface in this zone" };
  const access = accessibility(state, endpoint);
  if (!access.accessible) return { mode: "drop", reason: access.reason };
  const configuration = state.lattice.configurationByArn(endpoint.resourceConfigurationArn ?? "")!;
  if (!ranges(configuration).some(([from, to]) => from <= port && port <= to)) {
    return { mode: "drop", reason: `port ${port} is not among the configuration's ports (${configuration.portRanges.join(", ")})` };
  }
  const destination = destinationOf(state, configuration, port);
  if ("unreachable" in destination) return { mode: "drop", reason: destination.unreachable };
  return { mode: "forward", reason: "the resource gateway forwards to the resource", targets: [{ ...destination, key: `${endpoint.id}|resource|${port}` }] };
}

function destinationOf(
  state: SandboxState,
  configuration: ResourceConfigurationRecord,
  port: number,
): { host: string; port: number } | { unreachable: string } {
  const { definition } = configuration;
  if ("ipResource" in definition) {
    const ip = definition.ipResource.ipAddress;
    if (isLoopback(ip)) return { host: ip, port };
    const vpcId = state.lattice.gateways.get(configuration.gatewayId)?.vpcId;
    const instance = [...state.instances.values()].find((i) => i.vpcId === vpcId && i.privateIp === ip);
    if (instance) return { host: instance.host, port: instance.ports[String(port)] ?? port };
    return { unreachable: `nothing in the sandbox stands for ${ip} (POST /_sandbox/instances makes a host there)` };
  }
  if ("dnsResource" in definition) {
    const name = definition.dnsResource.domainName;
    if (name.endsWith(".localhost")) return { host: "127.0.0.1", port };
    return { unreachable: `the sandbox reaches only names under .localhost, not ${name}` };
  }
  return { unreachable: "the sandbox has no RDS databases to reach" };
}
