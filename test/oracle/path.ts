/**
 * A path is an ordered list of forward checks (the first that fails decides) plus the return
 * NACL checks, each judged for every reply destination port. This file builds those checks and
 * turns them into a path result.
 */
import {
  type Direction,
  entriesOf,
  evaluateNetworkAcl,
  evaluateSecurityGroups,
  type Packet,
} from './filters.js';
import type { OracleSnapshot, RawNetworkAcl } from './snapshot.js';
import { naclOfSubnet } from './world.js';

/** The verdict of a path or a question. */
export type Verdict = 'reachable' | 'partially-reachable' | 'unreachable';

/** Where and why the forward packet stopped. */
export interface Block {
  kind:
    | 'security-group'
    | 'network-acl'
    | 'source'
    | 'routing'
    | 'endpoint-state'
    | 'endpoint-service'
    | 'listener'
    | 'target-group'
    | 'target';
  /** NACL ID, ENI ID whose groups decided (NLB: the node's ENI), or the gate's resource ID. */
  component: string;
  direction: Direction;
  code: string;
  /** The deciding NACL rule number, or `*`. */
  rule?: number | '*';
  /** The groups on the ENI, for a security-group block. */
  securityGroups?: string[];
}

/** One forward check: undefined when the packet passes. */
export type ForwardCheck = () => Block | undefined;

/** Which pass-set a return check narrows: the client's ports pc, or the NLB's ports q. */
export type PortKind = 'client' | 'nlb';

/** One stateless return check: a NACL judging the reply sent to each port of a range. */
export interface ReturnCheck {
  portKind: PortKind;
  acl: RawNetworkAcl;
  direction: Direction;
  replyTo: (port: number) => Packet;
}

/** Inclusive port ranges, ascending and merged. */
export type PortRanges = [number, number][];

/** The result for one (endpoint ENI, NLB node, target) combination. */
export interface OraclePath {
  endpointEni?: string;
  nlbNode?: string;
  target?: string;
  verdict: Verdict;
  forwardBlockedAt?: Block;
  clientPortsPassing: PortRanges;
  nlbPortsPassing: PortRanges;
}

/** The ephemeral range an NLB picks its source port q from. */
export const NLB_PORTS: [number, number] = [1024, 65535];

/** A forward check of the groups on one ENI, in one direction. */
export function securityGroupCheck(
  snapshot: OracleSnapshot,
  eni: { id: string; groups: string[] },
  direction: Direction,
  packet: Packet,
  peerGroups: string[],
): ForwardCheck {
  return () => {
    const decision = evaluateSecurityGroups(snapshot, eni.groups, direction, packet, peerGroups);
    if (decision.allowed) return undefined;
    return {
      kind: 'security-group',
      component: eni.id,
      direction,
      code: decision.code ?? 'ENI_SG_RULES_MISMATCH',
      securityGroups: eni.groups,
    };
  };
}

function aclCheck(acl: RawNetworkAcl | undefined, direction: Direction, packet: Packet) {
  return (): Block | undefined => {
    // Approximation: a subnet whose VPC has no NACL in the snapshot is not filtered.
    if (acl === undefined) return undefined;
    const decision = evaluateNetworkAcl(acl, direction, packet);
    if (decision.allowed) return undefined;
    const code = 'SUBNET_ACL_RESTRICTION';
    return {
      kind: 'network-acl',
      component: acl.NetworkAclId,
      direction,
      code,
      rule: decision.rule,
    };
  };
}

/**
 * The NACL checks of a packet leaving one subnet for another: the sender subnet's outbound
 * entries, then the receiver subnet's inbound entries. Inside one subnet there are none.
 */
export function crossingChecks(
  snapshot: OracleSnapshot,
  fromSubnet: string,
  toSubnet: string,
  packet: Packet,
): ForwardCheck[] {
  if (sameSubnet(fromSubnet, toSubnet)) return [];
  return [
    aclCheck(aclOf(snapshot, fromSubnet), 'egress', packet),
    aclCheck(aclOf(snapshot, toSubnet), 'ingress', packet),
  ];
}

/** Prefix of the subnet ID of a virtual client (reach.ts): it is there, but its NACL is not. */
export const VIRTUAL_SUBNET = 'virtual:';

function sameSubnet(a: string, b: string): boolean {
  return a.replace(VIRTUAL_SUBNET, '') === b.replace(VIRTUAL_SUBNET, '');
}

function aclOf(snapshot: OracleSnapshot, subnetId: string): RawNetworkAcl | undefined {
  return subnetId.startsWith(VIRTUAL_SUBNET) ? undefined : naclOfSubnet(snapshot, subnetId);
}

/** The return-direction counterpart of crossingChecks, for a reply sent to each port. */
export function returnCrossing(
  snapshot: OracleSnapshot,
  fromSubnet: string,
  toSubnet: string,
  portKind: PortKind,
  replyTo: (port: number) => Packet,
): ReturnCheck[] {
  if (sameSubnet(fromSubnet, toSubnet)) return [];
  const checks: ReturnCheck[] = [];
  const egress = aclOf(snapshot, fromSubnet);
  const ingress = aclOf(snapshot, toSubnet);
  if (egress !== undefined) checks.push({ portKind, acl: egress, direction: 'egress', replyTo });
  if (ingress !== undefined) checks.push({ portKind, acl: ingress, direction: 'ingress', replyTo });
  return checks;
}

/** A check that always fails: a gate (state, zone, listener, target) that is closed. */
export function gate(block: Block): ForwardCheck {
  return () => block;
}

/** Blocks when two VPCs differ: routing between VPCs is not modelled. `*` is any VPC. */
export function routingCheck(fromVpc: string, toVpc: string): ForwardCheck {
  return () =>
    fromVpc === toVpc || fromVpc === '*'
      ? undefined
      : { kind: 'routing', component: toVpc, direction: 'ingress', code: 'DISCONNECTED_VPCS' };
}

/** Runs the forward checks in order; the first failure decides. */
export function firstBlock(checks: ForwardCheck[]): Block | undefined {
  for (const check of checks) {
    const block = check();
    if (block !== undefined) return block;
  }
  return undefined;
}

/**
 * The ports of `range` whose reply passes every return check of `portKind`.
 *
 * Exhaustive by boundaries: a NACL entry looks at the reply's destination port only through
 * its PortRange, so the outcome of every check is constant between consecutive values in
 * {range start} ∪ {From, To + 1 of every entry involved}. Judging one port per such interval
 * gives the same answer as judging all of them one by one.
 */
export function passingPorts(
  checks: ReturnCheck[],
  portKind: PortKind,
  range: [number, number],
): PortRanges {
  const relevant = checks.filter((c) => c.portKind === portKind);
  const [lo, hi] = range;
  const boundaries = new Set<number>([lo]);
  for (const check of relevant) {
    for (const entry of entriesOf(check.acl, check.direction)) {
      for (const b of [entry.PortRange?.From, (entry.PortRange?.To ?? -2) + 1]) {
        if (b !== undefined && b > lo && b <= hi) boundaries.add(b);
      }
    }
  }
  const starts = [...boundaries].sort((a, b) => a - b);
  const passing: PortRanges = [];
  starts.forEach((start, i) => {
    const end = (starts[i + 1] ?? hi + 1) - 1;
    const ok = relevant.every(
      (c) => evaluateNetworkAcl(c.acl, c.direction, c.replyTo(start)).allowed,
    );
    if (!ok) return;
    const last = passing[passing.length - 1];
    if (last !== undefined && last[1] === start - 1) last[1] = end;
    else passing.push([start, end]);
  });
  return passing;
}

function isFull(ranges: PortRanges, range: [number, number]): boolean {
  return ranges.length === 1 && ranges[0]?.[0] === range[0] && ranges[0]?.[1] === range[1];
}

/** Everything needed to judge one path. */
export interface PathPlan {
  endpointEni?: string;
  nlbNode?: string;
  target?: string;
  forward: ForwardCheck[];
  returns: ReturnCheck[];
}

/**
 * Judges a path: a forward block makes it unreachable; otherwise the client-port and NLB-port
 * pass-sets decide (both full: reachable; either empty: unreachable; else partially). A path
 * with no NLB leg has no NLB-port checks, so that pass-set is the whole range.
 */
export function judgePath(plan: PathPlan, sourcePorts: [number, number]): OraclePath {
  const forwardBlockedAt = firstBlock(plan.forward);
  const clientPortsPassing = passingPorts(plan.returns, 'client', sourcePorts);
  const nlbPortsPassing = passingPorts(plan.returns, 'nlb', NLB_PORTS);
  let verdict: Verdict;
  if (forwardBlockedAt !== undefined) verdict = 'unreachable';
  else if (clientPortsPassing.length === 0 || nlbPortsPassing.length === 0) verdict = 'unreachable';
  else if (isFull(clientPortsPassing, sourcePorts) && isFull(nlbPortsPassing, NLB_PORTS)) {
    verdict = 'reachable';
  } else verdict = 'partially-reachable';
  const path: OraclePath = { verdict, clientPortsPassing, nlbPortsPassing };
  if (plan.endpointEni !== undefined) path.endpointEni = plan.endpointEni;
  if (plan.nlbNode !== undefined) path.nlbNode = plan.nlbNode;
  if (plan.target !== undefined) path.target = plan.target;
  if (forwardBlockedAt !== undefined) path.forwardBlockedAt = forwardBlockedAt;
  return path;
}

/** Overall verdict: reachable if every path is, unreachable if every path is (or none exist). */
export function overallVerdict(paths: OraclePath[]): Verdict {
  if (paths.length === 0 || paths.every((p) => p.verdict === 'unreachable')) return 'unreachable';
  if (paths.every((p) => p.verdict === 'reachable')) return 'reachable';
  return 'partially-reachable';
}
