/**
 * The exhaustive symbolic oracle by representatives (performance.md §8.2).
 *
 * Why one packet per box is enough: every filter, gate and rewrite in the model compares a
 * packet field with ranges written in the snapshot (CIDRs, port ranges, ICMP type/code, protocol
 * numbers, listener ports) or with the exact address of an ENI or NLB node. Cut each dimension at
 * every range start, every range end + 1 and every such address and address + 1: between two
 * consecutive cuts no comparison can change its answer, so every packet of an elementary box is
 * treated exactly like the box's lowest corner. Judging that corner judges the whole box.
 */
import type { Participant, TraceContext } from './context.js';
import {
  canInitiate,
  contextFor,
  prepareSnapshot,
  type SnapshotSource,
  traceFromParticipant,
} from './evaluate.js';
import { protocolNumber } from './filters.js';
import {
  type Address,
  cidrContains,
  type Family,
  isAddress,
  maxAddress,
  parseAddress,
} from './ip.js';
import { type Verdict, VIRTUAL_SUBNET } from './path.js';
import type { OracleSnapshot, RawEni } from './snapshot.js';
import {
  addressesOfEni,
  allNodes,
  cidrOf,
  findEniByAddress,
  findSubnet,
  groupsOfEni,
  primaryAddress,
  primaryEniOfInstance,
} from './world.js';

/** What to enumerate. ICMP "ports" are type × 256 + code, so a type with any code is a range. */
export interface ReachOptions {
  /** Address family of the packets (and of the destination address): 4 unless told. */
  family?: Family;
  /** One protocol only; default: every protocol the snapshot names, plus one it does not. */
  protocol?: 'tcp' | 'udp' | 'icmp' | number;
  /** Only these destination ports (or encoded ICMP type/code); default 0-65535. */
  ports?: { from: number; to: number };
  /** The clients' source ports, as in a trace; default 1024-65535. */
  sourcePorts?: { from: number; to: number };
}

/** A box of (source address, protocol, destination port) whose packets reach the destination. */
export interface AdmittedBox {
  family: Family;
  sourceLo: bigint;
  sourceHi: bigint;
  protocol: number;
  portLo: number;
  portHi: number;
  verdict: Exclude<Verdict, 'unreachable'>;
}

/** A (source ENI, protocol, destination port range) that reaches the destination. */
export interface SourceBox {
  eniId: string;
  family: Family;
  protocol: number;
  portLo: number;
  portHi: number;
  verdict: Exclude<Verdict, 'unreachable'>;
}

function cidrTexts(snapshot: OracleSnapshot): string[] {
  const texts: (string | undefined)[] = [];
  for (const group of snapshot.securityGroups) {
    for (const p of [...(group.IpPermissions ?? []), ...(group.IpPermissionsEgress ?? [])]) {
      texts.push(...(p.IpRanges ?? []).map((r) => r.CidrIp));
      texts.push(...(p.Ipv6Ranges ?? []).map((r) => r.CidrIpv6));
    }
  }
  for (const acl of snapshot.networkAcls) {
    for (const e of acl.Entries ?? []) texts.push(e.CidrBlock, e.Ipv6CidrBlock);
  }
  for (const list of snapshot.prefixLists) texts.push(...list.cidrs);
  for (const s of snapshot.subnets) {
    texts.push(s.CidrBlock, ...(s.Ipv6CidrBlockAssociationSet ?? []).map((a) => a.Ipv6CidrBlock));
  }
  for (const v of snapshot.vpcs) {
    texts.push(v.CidrBlock, ...(v.CidrBlockAssociationSet ?? []).map((a) => a.CidrBlock));
    texts.push(...(v.Ipv6CidrBlockAssociationSet ?? []).map((a) => a.Ipv6CidrBlock));
  }
  return texts.filter((t): t is string => t !== undefined);
}

/** Every cut of the source-address dimension of a family, ascending, starting at 0. */
export function addressBoundaries(snapshot: OracleSnapshot, family: Family): bigint[] {
  const cuts = new Set<bigint>([0n]);
  for (const text of cidrTexts(snapshot)) {
    const range = cidrOf(text);
    if (range.family === family) cuts.add(range.lo).add(range.hi + 1n);
  }
  const owned = [
    ...snapshot.enis.flatMap(addressesOfEni).map(parseAddress),
    ...allNodes(snapshot).map((n) => n.address),
  ];
  for (const address of owned) {
    if (address.family === family) cuts.add(address.value).add(address.value + 1n);
  }
  return [...cuts]
    .filter((c) => c <= maxAddress(family))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Every protocol the snapshot names, the question's defaults, and one number no rule names. */
export function protocolRepresentatives(snapshot: OracleSnapshot, family: Family): number[] {
  const named = new Set<number>([6, 17, family === 6 ? 58 : 1]);
  for (const group of snapshot.securityGroups) {
    for (const p of [...(group.IpPermissions ?? []), ...(group.IpPermissionsEgress ?? [])]) {
      named.add(protocolNumber(p.IpProtocol));
    }
  }
  for (const acl of snapshot.networkAcls) {
    for (const e of acl.Entries ?? []) named.add(protocolNumber(e.Protocol));
  }
  named.delete(-1);
  let other = 255;
  while (named.has(other)) other -= 1;
  return [...named, other].sort((a, b) => a - b);
}

function portCuts(snapshot: OracleSnapshot, protocol: number): number[] {
  const cuts: (number | undefined)[] = [];
  const icmp = protocol === 1 || protocol === 58;
  const typeCode = (type?: number, code?: number) => {
    if (type === undefined || type === -1) return;
    cuts.push(type * 256, (type + 1) * 256);
    if (code !== undefined && code !== -1) cuts.push(type * 256 + code, type * 256 + code + 1);
  };
  for (const group of snapshot.securityGroups) {
    for (const p of [...(group.IpPermissions ?? []), ...(group.IpPermissionsEgress ?? [])]) {
      if (protocolNumber(p.IpProtocol) !== protocol) continue;
      if (icmp) typeCode(p.FromPort, p.ToPort);
      else cuts.push(p.FromPort, p.ToPort === undefined ? undefined : p.ToPort + 1);
    }
  }
  for (const acl of snapshot.networkAcls) {
    for (const e of acl.Entries ?? []) {
      if (protocolNumber(e.Protocol) !== protocol) continue;
      if (icmp) typeCode(e.IcmpTypeCode?.Type, e.IcmpTypeCode?.Code);
      else
        cuts.push(
          e.PortRange?.From,
          e.PortRange?.To === undefined ? undefined : e.PortRange.To + 1,
        );
    }
  }
  if (!icmp) {
    // The ephemeral range clients pick from, and every listener port.
    cuts.push(1024);
    for (const { listener } of snapshot.listeners) cuts.push(listener.Port, listener.Port + 1);
  }
  return cuts.filter((c): c is number => c !== undefined);
}

/** The cuts of the destination-port dimension for a protocol, within the range asked. */
export function portRepresentatives(
  snapshot: OracleSnapshot,
  protocol: number,
  range: [number, number],
): number[] {
  const ported = protocol === 6 || protocol === 17 || protocol === 1 || protocol === 58;
  if (!ported) return [range[0]];
  const cuts = new Set<number>([range[0]]);
  for (const c of portCuts(snapshot, protocol)) if (c > range[0] && c <= range[1]) cuts.add(c);
  return [...cuts].sort((a, b) => a - b);
}

function contextAt(
  snapshot: OracleSnapshot,
  options: ReachOptions,
  probe: { family: Family; protocol: number; port: number; healthMemo: Map<string, boolean> },
): TraceContext {
  const context = contextFor(snapshot, {
    from: '',
    to: '',
    protocol: probe.protocol,
    port: probe.port,
    sourcePorts: options.sourcePorts,
  });
  const icmp = probe.protocol === 1 || probe.protocol === 58;
  return {
    ...context,
    family: probe.family,
    port: icmp ? 0 : probe.port,
    icmpType: icmp ? Math.floor(probe.port / 256) : context.icmpType,
    icmpCode: icmp ? probe.port % 256 : context.icmpCode,
    healthMemo: probe.healthMemo,
  };
}

function subnetContaining(snapshot: OracleSnapshot, address: Address) {
  return snapshot.subnets.find((s) => {
    const v6 = (s.Ipv6CidrBlockAssociationSet ?? []).map((a) => a.Ipv6CidrBlock);
    return [s.CidrBlock, ...v6].some((t) => t !== undefined && cidrContains(cidrOf(t), address));
  });
}

/**
 * A client at any address, judged only by the destination side: no groups of its own filter it
 * and its own subnet's NACL is not consulted, but it sits in the subnet holding its address
 * (so no NACL is crossed inside one subnet) and carries the groups of the ENI that owns it.
 */
export function virtualClient(snapshot: OracleSnapshot, address: Address): Participant {
  const owner = findEniByAddress(snapshot, address);
  const home = owner ? findSubnet(snapshot, owner.SubnetId) : subnetContaining(snapshot, address);
  return {
    id: 'virtual-client',
    groups: [],
    carries: owner ? groupsOfEni(snapshot, owner) : [],
    address,
    subnetId: `${VIRTUAL_SUBNET}${home?.SubnetId ?? 'none'}`,
    vpcId: '*',
    zoneId: home?.AvailabilityZoneId,
  };
}

function protocolsAsked(snapshot: OracleSnapshot, options: ReachOptions, family: Family): number[] {
  const asked = options.protocol;
  if (asked === undefined) return protocolRepresentatives(snapshot, family);
  if (typeof asked === 'number') return [asked];
  return [{ tcp: 6, udp: 17, icmp: family === 6 ? 58 : 1 }[asked]];
}

type PortRun = { lo: number; hi: number; verdict: Exclude<Verdict, 'unreachable'> };

/** Judges each port representative and merges neighbours with the same verdict. */
function portRuns(
  reps: number[],
  range: [number, number],
  judge: (port: number) => Verdict,
): PortRun[] {
  const runs: PortRun[] = [];
  reps.forEach((lo, i) => {
    const hi = (reps[i + 1] ?? range[1] + 1) - 1;
    const verdict = judge(lo);
    if (verdict === 'unreachable') return;
    const last = runs[runs.length - 1];
    if (last !== undefined && last.verdict === verdict && last.hi === lo - 1) last.hi = hi;
    else runs.push({ lo, hi, verdict });
  });
  return runs;
}

function portRange(options: ReachOptions, protocol: number): [number, number] {
  const ported = [1, 6, 17, 58].includes(protocol);
  if (!ported) return [0, 65535];
  return [options.ports?.from ?? 0, options.ports?.to ?? 65535];
}

/**
 * Which (source address range, protocol, destination port range) reach `to`, judged on the
 * destination side (see virtualClient): one trace per elementary box, then merged — source
 * ranges are maximal among neighbours with identical port runs, port runs maximal per verdict.
 */
export function oracleAdmitted(
  source: SnapshotSource,
  to: string,
  options: ReachOptions = {},
): AdmittedBox[] {
  const snapshot = prepareSnapshot(source);
  const family = options.family ?? 4;
  const healthMemo = new Map<string, boolean>();
  const starts = addressBoundaries(snapshot, family);
  const boxes: AdmittedBox[] = [];
  for (const protocol of protocolsAsked(snapshot, options, family)) {
    const range = portRange(options, protocol);
    const reps = portRepresentatives(snapshot, protocol, range);
    let previous: { box: AdmittedBox[]; key: string } | undefined;
    starts.forEach((lo, i) => {
      const hi = (starts[i + 1] ?? maxAddress(family) + 1n) - 1n;
      const client = virtualClient(snapshot, { family, value: lo });
      const runs = portRuns(reps, range, (port) => {
        const context = contextAt(snapshot, options, { family, protocol, port, healthMemo });
        return traceFromParticipant(context, client, to).verdict;
      });
      const key = JSON.stringify(runs);
      if (previous !== undefined && previous.key === key) {
        for (const box of previous.box) box.sourceHi = hi;
        return;
      }
      const made = runs.map((r) => ({
        family,
        sourceLo: lo,
        sourceHi: hi,
        protocol,
        portLo: r.lo,
        portHi: r.hi,
        verdict: r.verdict,
      }));
      boxes.push(...made);
      previous = { box: made, key };
    });
  }
  return boxes;
}

function destinationEniId(snapshot: OracleSnapshot, to: string): string | undefined {
  if (to.startsWith('eni-')) return to;
  if (to.startsWith('i-')) return primaryEniOfInstance(snapshot, to).NetworkInterfaceId;
  if (isAddress(to)) return findEniByAddress(snapshot, parseAddress(to))?.NetworkInterfaceId;
  return undefined;
}

function mayBeSource(snapshot: OracleSnapshot, eni: RawEni, destination: string | undefined) {
  return eni.NetworkInterfaceId !== destination && canInitiate(snapshot, eni);
}

/**
 * Which ENIs reach `to`, on which protocol and destination ports: their own groups and NACLs
 * and everything after them judged, one trace per (ENI, protocol, port) representative.
 */
export function oracleSources(
  source: SnapshotSource,
  to: string,
  options: ReachOptions = {},
): SourceBox[] {
  const snapshot = prepareSnapshot(source);
  const family = options.family ?? 4;
  const healthMemo = new Map<string, boolean>();
  const destination = destinationEniId(snapshot, to);
  const boxes: SourceBox[] = [];
  for (const eni of snapshot.enis) {
    const address = primaryAddress(eni, family);
    if (address === undefined || !mayBeSource(snapshot, eni, destination)) continue;
    const client = realClient(snapshot, eni, address);
    for (const protocol of protocolsAsked(snapshot, options, family)) {
      const range = portRange(options, protocol);
      const runs = portRuns(portRepresentatives(snapshot, protocol, range), range, (port) => {
        const context = contextAt(snapshot, options, { family, protocol, port, healthMemo });
        return traceFromParticipant(context, client, to).verdict;
      });
      for (const r of runs)
        boxes.push({
          eniId: eni.NetworkInterfaceId,
          family,
          protocol,
          portLo: r.lo,
          portHi: r.hi,
          verdict: r.verdict,
        });
    }
  }
  return boxes;
}

function realClient(snapshot: OracleSnapshot, eni: RawEni, address: Address): Participant {
  const subnet = findSubnet(snapshot, eni.SubnetId);
  return {
    id: eni.NetworkInterfaceId,
    groups: groupsOfEni(snapshot, eni),
    address,
    subnetId: eni.SubnetId,
    vpcId: eni.VpcId ?? subnet.VpcId,
    zoneId: subnet.AvailabilityZoneId,
  };
}

/**
 * The verdict for one packet from a virtual client at `packet.source` (see virtualClient), by a
 * direct trace: the point oracle that oracleAdmitted's boxes must agree with everywhere.
 */
export function admittedAt(
  source: SnapshotSource,
  to: string,
  packet: { family: Family; source: bigint; protocol: number; port: number },
  options: ReachOptions = {},
): Verdict {
  const snapshot = prepareSnapshot(source);
  const client = virtualClient(snapshot, { family: packet.family, value: packet.source });
  const context = contextAt(snapshot, options, { ...packet, healthMemo: new Map() });
  return traceFromParticipant(context, client, to).verdict;
}

/** The verdict the boxes give one packet, or unreachable when no box holds it. */
export function admittedVerdict(
  boxes: AdmittedBox[],
  packet: { family: Family; source: bigint; protocol: number; port: number },
): Verdict {
  const box = boxes.find(
    (b) =>
      b.family === packet.family &&
      b.protocol === packet.protocol &&
      b.sourceLo <= packet.source &&
      packet.source <= b.sourceHi &&
      b.portLo <= packet.port &&
      packet.port <= b.portHi,
  );
  return box?.verdict ?? 'unreachable';
}
