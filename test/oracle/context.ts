/**
 * What one trace carries around: the snapshot, the packet's protocol fields, the client's
 * source ports, and the limitations met on the way.
 */
import type { Packet } from './filters.js';
import type { Address, Family } from './ip.js';
import type { OracleSnapshot, RawEni } from './snapshot.js';
import { findSubnet, groupsOfEni, primaryAddress, vpcOfEni } from './world.js';

/** What one trace carries: the snapshot, the packet fields, limitations met. */
export interface TraceContext {
  snapshot: OracleSnapshot;
  family: Family;
  protocol: number;
  /** Destination port L (TCP/UDP); 0 for other protocols. */
  port: number;
  icmpType: number;
  icmpCode: number;
  sourcePorts: [number, number];
  limitations: string[];
  /** Health verdicts already computed in this trace, by target group, target and port. */
  healthMemo: Map<string, boolean>;
}

/** An ENI taking part in a path, with the address it uses and the groups it carries. */
export interface Participant {
  id: string;
  groups: string[];
  address: Address;
  subnetId: string;
  vpcId: string;
  zoneId: string | undefined;
  /**
   * The groups its packets carry, when they differ from the groups filtering it: a virtual
   * client at an address (reach.ts) is not filtered but carries its owner ENI's groups.
   */
  carries?: string[];
}

/** The groups a participant's packets carry (identity for group references). */
export function carriedBy(participant: Participant): string[] {
  return participant.carries ?? participant.groups;
}

/** The participant for an ENI using a given address (throws when there is none). */
export function participantOf(
  snapshot: OracleSnapshot,
  eni: RawEni,
  address: Address | undefined,
): Participant {
  if (address === undefined) {
    throw new Error(`oracle: ${eni.NetworkInterfaceId} has no address of the question's family`);
  }
  return {
    id: eni.NetworkInterfaceId,
    groups: groupsOfEni(snapshot, eni),
    address,
    subnetId: eni.SubnetId,
    vpcId: vpcOfEni(snapshot, eni),
    zoneId: findSubnet(snapshot, eni.SubnetId).AvailabilityZoneId,
  };
}

/** The participant for an ENI's primary address in a family. */
export function participantAt(snapshot: OracleSnapshot, eni: RawEni, family: Family): Participant {
  return participantOf(snapshot, eni, primaryAddress(eni, family));
}

/** A packet of the trace's protocol between two addresses. */
export function packetOf(
  context: TraceContext,
  src: Address,
  dst: Address,
  ports: { srcPort: number; dstPort: number },
  protocol: number = context.protocol,
): Packet {
  return {
    family: dst.family,
    protocol,
    src: src.value,
    dst: dst.value,
    srcPort: ports.srcPort,
    dstPort: ports.dstPort,
    icmpType: context.icmpType,
    icmpCode: context.icmpCode,
  };
}
