import { ipv4ToNumber } from "./addresses";

/**
 * The PROXY protocol v2 header an NLB writes before the client's bytes when the target group's
 * `proxy_protocol_v2.enabled` is true: PROXY command, TCP over IPv4, and for PrivateLink traffic the
 * vendor TLV 0xEA whose subtype 0x01 carries the VPC endpoint id.
 */

const SIGNATURE = Buffer.from([0x0d, 0x0a, 0x0d, 0x0a, 0x00, 0x0d, 0x0a, 0x51, 0x55, 0x49, 0x54, 0x0a]);
const VERSION_2_PROXY = 0x21;
const TCP_OVER_IPV4 = 0x11;
const PP2_TYPE_AWS = 0xea;
const PP2_SUBTYPE_AWS_VPCE_ID = 0x01;

export interface ProxyHeader {
  sourceIp: string;
  sourcePort: number;
  destinationIp: string;
  destinationPort: number;
  endpointId: string;
}

export function proxyProtocolV2(header: ProxyHeader): Buffer {
  const id = Buffer.from(header.endpointId, "ascii");
  const tlv = Buffer.alloc(3 + 1 + id.length);
  tlv.writeUInt8(PP2_TYPE_AWS, 0);
  tlv.writeUInt16BE(1 + id.length, 1);
  tlv.writeUInt8(PP2_SUBTYPE_AWS_VPCE_ID, 3);
  id.copy(tlv, 4);
  const addresses = Buffer.alloc(12);
  addresses.writeUInt32BE(ipv4ToNumber(header.sourceIp) ?? 0, 0);
  addresses.writeUInt32BE(ipv4ToNumber(header.destinationIp) ?? 0, 4);
  addresses.writeUInt16BE(header.sourcePort, 8);
  addresses.writeUInt16BE(header.destinationPort, 10);
  const fixed = Buffer.alloc(4);
  fixed.writeUInt8(VERSION_2_PROXY, 0);
  fixed.writeUInt8(TCP_OVER_IPV4, 1);
  fixed.writeUInt16BE(addresses.length + tlv.length, 2);
  return Buffer.concat([SIGNATURE, fixed, addresses, tlv]);
}
