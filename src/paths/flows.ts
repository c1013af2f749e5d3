import type { Flow } from '../filters/flow.js';
import type { IpAddress } from '../net/address.js';
import { EPHEMERAL_PORTS, type PortRange } from '../net/port-range.js';
import { ICMP, ICMPV6 } from '../net/protocol.js';

/** What the client sends: the protocol, and the destination port or ICMP type and code. */
export interface Service {
  readonly family: 4 | 6;
  readonly protocol: number;
  readonly port: number;
  readonly icmp?: { readonly type: number; readonly code: number };
  /** The client's possible source ports. */
  readonly sourcePorts: PortRange;
}

/** One end of a leg: an address and the groups its ENI carries. */
export interface Endpoint {
  readonly address: IpAddress;
  readonly groups: readonly string[];
}

/** The request of a leg, from `from` to `to` on `port`. */
export function requestFlow(
  service: Service,
  from: Endpoint,
  to: Endpoint,
  port = service.port,
): Flow {
  return {
    family: service.family,
    protocol: service.protocol,
    source: from.address,
    destination: to.address,
    destinationPorts: { from: port, to: port },
    ...(service.icmp === undefined ? {} : { icmp: service.icmp }),
    sourceGroups: from.groups,
    destinationGroups: to.groups,
  };
}

/**
 * The reply of a leg: from the server back to the client's source port, which is any of
 * `ports`. ICMP echo requests are answered with echo replies (type 0, or 129 for ICMPv6).
 */
export function replyFlow(
  service: Service,
  server: Endpoint,
  client: Endpoint,
  ports: PortRange,
): Flow {
  const icmp = service.icmp === undefined ? undefined : replyIcmp(service.protocol, service.icmp);
  return {
    family: service.family,
    protocol: service.protocol,
    source: server.address,
    destination: client.address,
    destinationPorts:
      icmp === undefined && hasPortField(service.protocol) ? ports : { from: 0, to: 0 },
    ...(icmp === undefined ? {} : { icmp }),
    sourceGroups: server.groups,
    destinationGroups: client.groups,
  };
}

function replyIcmp(protocol: number, request: { type: number; code: number }) {
  if (protocol === ICMP && request.type === 8) return { type: 0, code: 0 };
  if (protocol === ICMPV6 && request.type === 128) return { type: 129, code: 0 };
  return request;
}

export function hasPortField(protocol: number): boolean {
  return protocol === 6 || protocol === 17;
}

/** Ports an NLB picks for the source when it rewrites a flow (the ELB ephemeral range). */
export const LOAD_BALANCER_PORTS: PortRange = EPHEMERAL_PORTS;
