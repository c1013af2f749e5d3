import type { IpAddress } from '../net/address.js';
import type { PortRange } from '../net/port-range.js';

/**
 * The packets of one direction of a flow as a filter sees them: fixed addresses and protocol,
 * and a range of destination ports. The range matters on the return path, where the destination
 * port is the client's ephemeral source port, which vpcreach does not know; a forward packet has
 * a one-port range.
 */
export interface Flow {
  readonly family: 4 | 6;
  readonly protocol: number;
  readonly source: IpAddress;
  readonly destination: IpAddress;
  readonly destinationPorts: PortRange;
  /** ICMP and ICMPv6 packets carry a type and code instead of ports. */
  readonly icmp?: { readonly type: number; readonly code: number };
  /**
   * Security groups the packet carries: the sending ENI's groups, or an NLB's groups after it
   * forwarded the packet. A group reference in an inbound rule matches by this identity.
   */
  readonly sourceGroups: readonly string[];
  /** Groups of the receiving ENI; a group reference in an outbound rule matches by these. */
  readonly destinationGroups: readonly string[];
}

/** Which allow or deny decided a stretch of destination ports. */
export type Decision =
  | {
      readonly kind: 'network-acl-entry';
      readonly ruleNumber: number | '*';
      readonly action: 'allow' | 'deny';
      /** Where the entry sits in the describe output (`Entries[3]`); absent for `*`. */
      readonly field?: string;
    }
  | {
      readonly kind: 'security-group-rule';
      readonly groupId: string;
      readonly field: string;
      readonly summary: string;
    }
  | { readonly kind: 'no-matching-rule'; readonly groupIds: readonly string[] }
  | { readonly kind: 'no-security-groups' };

/** A stretch of destination ports and the decision that applies to it. */
export interface Segment {
  readonly ports: PortRange;
  readonly allowed: boolean;
  readonly decision: Decision;
}
