import type { Flow, Segment } from '../filters/flow.js';
import { formatIp } from '../net/address.js';
import { formatPortRange, type PortRange } from '../net/port-range.js';
import { formatProtocol } from '../net/protocol.js';
import type { Direction } from '../network/types.js';

export type HopVerdict = 'pass' | 'block' | 'partial';
export type PathSide = 'forward' | 'return';

/**
 * Whose unknown source port the destination ports of a return hop stand for: the client's
 * ephemeral port, or the port the load balancer picked when it rewrote the source.
 */
export type EphemeralOwner = 'client' | 'load-balancer';

export type HopKind =
  | 'security-group'
  | 'network-acl'
  | 'routing'
  | 'protocol'
  | 'endpoint-state'
  | 'endpoint-service'
  | 'listener'
  | 'target-group'
  | 'target'
  | 'nlb-rewrite';

/** The packet a hop judged, as text, for reports. */
export interface PacketView {
  readonly protocol: string;
  readonly source: string;
  readonly destination: string;
  /** Destination port or range; for ICMP, `type T code C`. */
  readonly port: string;
}

/**
 * One step of a path and what it decided. Filters carry their segments: which destination
 * ports each rule allowed or denied. Gates (endpoint state, listener, target choice) carry a
 * sentence instead. The reason is attached here, when the decision is made, so reports never
 * re-derive it.
 */
export interface Hop {
  readonly kind: HopKind;
  readonly component: string;
  readonly securityGroups?: readonly string[];
  readonly direction?: Direction;
  readonly path: PathSide;
  readonly verdict: HopVerdict;
  readonly packet?: PacketView;
  readonly segments: readonly Segment[];
  readonly ephemeral?: EphemeralOwner;
  /** Reachability Analyzer explanation code, when the hop blocks (wholly or in part). */
  readonly code?: string;
  readonly detail: string;
}

export function viewOf(flow: Flow): PacketView {
  const port =
    flow.icmp === undefined
      ? formatPortRange(flow.destinationPorts)
      : `type ${flow.icmp.type} code ${flow.icmp.code}`;
  return {
    protocol: formatProtocol(flow.protocol),
    source: formatIp(flow.source),
    destination: formatIp(flow.destination),
    port,
  };
}

export function verdictOf(segments: readonly Segment[]): HopVerdict {
  const allowed = segments.filter((segment) => segment.allowed).length;
  if (allowed === segments.length) return 'pass';
  return allowed === 0 ? 'block' : 'partial';
}

/** The destination ports a hop let through. */
export function passingPorts(hop: Hop): PortRange[] {
  return hop.segments.filter((segment) => segment.allowed).map((segment) => segment.ports);
}

/** A gate: a check that is not a rule list (an endpoint's state, a listener, a zone). */
export function gate(
  kind: HopKind,
  component: string,
  passed: boolean,
  detail: string,
  code?: string,
): Hop {
  return {
    kind,
    component,
    path: 'forward',
    verdict: passed ? 'pass' : 'block',
    segments: [],
    detail,
    ...(passed || code === undefined ? {} : { code }),
  };
}
