/**
 * The failure modes a probe can tell apart, in rank order: what stops every connection before what
 * stops some, what happens before the connection opens before what happens after. docs/CONNECTIVITY.md
 * holds this same table (a unit test keeps the two equal), with the sources in full.
 */

export interface FailureMode {
  code: string;
  /** The pattern of results, as the probe sees it. */
  seen: string;
  /** The likely causes, most likely first, in the customer's words. */
  cause: string;
  /** What to check or change on the customer's side. */
  check: string;
  /** Where the link between what we see and the cause comes from. */
  sources: string;
}

export const FAILURE_MODES = [
  {
    code: "dns_unresolvable",
    seen: "A name of the endpoint does not resolve (NXDOMAIN or no A record).",
    cause:
      "The endpoint's DNS name no longer exists: the endpoint connection was rejected or deleted on your endpoint service, or the resolver we ask does not serve the name.",
    check: "That our endpoint connection is still Accepted on your endpoint service (VPC console, Endpoint services, Endpoint connections).",
    sources: "AWS PrivateLink whitepaper (endpoint DNS names); DescribeVpcEndpoints lists no DnsEntries for a rejected or deleted endpoint",
  },
  {
    code: "no_connection_accepted",
    seen: "Every name times out on every port.",
    cause:
      "Nothing on your side accepts our connections: your Network Load Balancer's security group enforces inbound rules on PrivateLink traffic and does not allow our client CIDRs, it has no listener on these ports, the listener's target group has no registered target, or our endpoint connection is not accepted yet.",
    check:
      "On the Network Load Balancer: with Enforce inbound rules on PrivateLink traffic on, an inbound rule for our client CIDRs on each port; a listener on each port; at least one target registered in each listener's target group; our endpoint connection Accepted on your endpoint service.",
    sources:
      "NLB listeners doc (unintended traffic is dropped); NLB security groups and EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic; MaterializeInc/materialize PR #36623; segmentio/segment-docs PR #6849; dbt-labs/docs.getdbt.com PR #6179; AWS Knowledge Center connect-endpoint-service-vpc; NLB target group health checks (an empty target group)",
  },
  {
    code: "zone_unreachable",
    seen: "One zone's name times out on every port while the other zones answer.",
    cause:
      "Your load balancer has no healthy target in this zone while cross-zone load balancing is off, or the load balancer is not enabled in this zone, or a network ACL on that zone's subnets drops the traffic.",
    check:
      "A healthy target registered in this zone, or cross-zone load balancing turned on; a subnet of this zone on the Network Load Balancer; the network ACLs of this zone's subnets (listener port in, ephemeral ports out).",
    sources:
      "NLB target group health checks doc (cross-zone off: each node routes only to healthy targets in its zone); MaterializeInc/materialize PR #37016 (per-zone NACL timeouts)",
  },
  {
    code: "port_unreachable",
    seen: "One port times out on every zone while the other ports answer.",
    cause: "Your load balancer has no listener on this port, or its security group enforces inbound rules on PrivateLink traffic without a rule for this port.",
    check: "A listener on this port on the Network Load Balancer, and an inbound rule for this port from our client CIDRs in its security group.",
    sources: "NLB listeners doc (traffic that matches no listener is dropped); NLB security groups doc",
  },
  {
    code: "connection_refused",
    seen: "The connection is refused on a port.",
    cause:
      "Every target behind this port is unhealthy, so the load balancer fails open and sends us to targets whose port is closed; or the service on the targets is not listening on the target port.",
    check: "That your service listens on the target group's port on every target, and that the targets pass their health checks.",
    sources: "NLB target group health checks doc (fail open when every target is unhealthy or none is registered); TCP pass-through of the target's reset",
  },
  {
    code: "connection_reset",
    seen: "The connection opens, then is reset or closed at once.",
    cause:
      "The target behind this port is unhealthy (the load balancer resets connections to an unhealthy target), or proxy protocol v2 is on for the target group and your service does not parse its header.",
    check: "The health of the targets in the target group; if the target group has proxy protocol v2 on, that your service accepts the header, or turn it off.",
    sources: "NLB target group health checks doc (TCP RST for connections to an unhealthy target); endpoint-service-proxy-protocol (AWS VPC user guide)",
  },
  {
    code: "timeout",
    seen: "Some names time out on some ports, in no pattern above.",
    cause:
      "Connections are dropped on the way for some zones and ports: a security group or network ACL rule, or a zone without a healthy target; intermittent timeouts per zone point to network ACLs that block ephemeral return ports.",
    check: "The security group and network ACL rules of the load balancer's and targets' subnets for these ports, and target health per zone.",
    sources: "NLB security groups doc; MaterializeInc/materialize PR #37016",
  },
  {
    code: "tls_name_mismatch",
    seen: "The TLS certificate does not name the server name we connect with.",
    cause: "Your certificate names your own domain, which cannot match the endpoint's DNS name, or it does not name the private DNS name you gave us.",
    check:
      "Give us your service's private DNS name (the name your certificate holds) as the TLS server name, or serve a certificate that names the endpoint's DNS name.",
    sources:
      "RFC 6125 name matching; libpq verifies host while connecting to hostaddr; MaterializeInc/materialize PR #36162 (SNI keeps the real hostname over PrivateLink)",
  },
  {
    code: "tls_expired",
    seen: "The TLS certificate has expired.",
    cause: "The certificate your service presents has expired.",
    check: "Renew the certificate on the listener or on the targets.",
    sources: "RFC 5280 validity period",
  },
  {
    code: "tls_not_yet_valid",
    seen: "The TLS certificate is not valid yet.",
    cause: "The certificate your service presents starts in the future, or your server's clock is wrong.",
    check: "The certificate's start date and the clock of the host that issued it.",
    sources: "RFC 5280 validity period",
  },
  {
    code: "tls_handshake_failed",
    seen: "The connection opens but the TLS handshake fails (an alert, or the server closes or resets).",
    cause: "Proxy protocol v2 is on for the target group and your TLS server reads its header as a broken handshake, or the port does not speak TLS.",
    check: "That the port serves TLS; if proxy protocol v2 is on, that your TLS server accepts the header, or turn it off.",
    sources: "endpoint-service-proxy-protocol (AWS VPC user guide); NLB proxy protocol v2 header prepended before the client's bytes",
  },
] as const satisfies readonly FailureMode[];

export type FailureCode = (typeof FAILURE_MODES)[number]["code"];
