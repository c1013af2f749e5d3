import type { IpAddress } from '../net/address.js';
import type { Cidr } from '../net/cidr.js';
import type { Protocol } from '../net/protocol.js';
import type { Snapshot } from '../snapshot/snapshot.js';

/** What a packet's port fields must be for a rule to match. ICMP type and code are not ports. */
export type L4Match =
  | { readonly kind: 'any' }
  | { readonly kind: 'ports'; readonly from: number; readonly to: number }
  | { readonly kind: 'icmp'; readonly type?: number; readonly code?: number };

export type Direction = 'ingress' | 'egress';

export interface Vpc {
  readonly id: string;
  readonly ownerId: string | undefined;
  readonly name: string | undefined;
  readonly cidrs: readonly Cidr[];
  readonly defaultSecurityGroupId: string | undefined;
  readonly defaultNetworkAclId: string | undefined;
}

export interface Subnet {
  readonly id: string;
  readonly vpcId: string;
  readonly ownerId: string | undefined;
  readonly name: string | undefined;
  readonly cidrs: readonly Cidr[];
  readonly availabilityZone: string | undefined;
  /** The physical zone; names map to different zones in different accounts, IDs do not. */
  readonly availabilityZoneId: string | undefined;
  readonly networkAclId: string;
  /** True when no NACL lists the subnet, so the VPC's default NACL applies. */
  readonly usesDefaultNetworkAcl: boolean;
}

export interface NetworkAclEntry {
  readonly ruleNumber: number;
  readonly action: 'allow' | 'deny';
  readonly egress: boolean;
  readonly protocol: Protocol;
  readonly cidr: Cidr;
  readonly l4: L4Match;
  /** Where the entry sits in the describe output, for explanations: `Entries[3]`. */
  readonly field: string;
}

export interface NetworkAcl {
  readonly id: string;
  readonly vpcId: string;
  readonly isDefault: boolean;
  /** Entries of each direction by ascending rule number, AWS's evaluation order. */
  readonly inbound: readonly NetworkAclEntry[];
  readonly outbound: readonly NetworkAclEntry[];
  readonly subnetIds: readonly string[];
}

export type Peer =
  | { readonly kind: 'cidr'; readonly cidr: Cidr }
  | {
      readonly kind: 'prefix-list';
      readonly prefixListId: string;
      readonly cidrs: readonly Cidr[];
      /** False when the list's entries are not in the snapshot: the rule then matches nothing. */
      readonly resolved: boolean;
    }
  | {
      readonly kind: 'security-group';
      readonly groupId: string;
      readonly userId: string | undefined;
      /** The peering behind the reference is gone, so AWS keeps the rule but it matches nothing. */
      readonly stale: boolean;
      /** The group is in the snapshot, so its members are known. */
      readonly known: boolean;
    };

export interface SecurityGroupRule {
  readonly groupId: string;
  readonly direction: Direction;
  readonly protocol: Protocol;
  readonly l4: L4Match;
  readonly peer: Peer;
  readonly description: string | undefined;
  /** Where the rule sits in the describe output: `IpPermissions[0].IpRanges[1]`. */
  readonly field: string;
}

export interface SecurityGroup {
  readonly id: string;
  readonly name: string | undefined;
  readonly vpcId: string | undefined;
  readonly ownerId: string | undefined;
  readonly isDefault: boolean;
  readonly inbound: readonly SecurityGroupRule[];
  readonly outbound: readonly SecurityGroupRule[];
}

export type EniKind = 'instance' | 'vpc-endpoint' | 'nlb-node' | 'other';

export interface Eni {
  readonly id: string;
  readonly kind: EniKind;
  readonly interfaceType: string | undefined;
  readonly description: string | undefined;
  readonly name: string | undefined;
  readonly vpcId: string;
  readonly subnetId: string;
  readonly availabilityZoneId: string | undefined;
  readonly ownerId: string | undefined;
  /** Private IPv4 addresses, the primary first. */
  readonly ipv4: readonly IpAddress[];
  readonly ipv6: readonly IpAddress[];
  /**
   * The address is not known yet (a planned ENI from Terraform or CloudFormation): analyses treat
   * it as some address in the subnet and say so.
   */
  readonly addressUnknown: boolean;
  readonly securityGroupIds: readonly string[];
  readonly instanceId: string | undefined;
  readonly deviceIndex: number | undefined;
  readonly vpcEndpointId: string | undefined;
  readonly loadBalancerArn: string | undefined;
}

export interface Instance {
  readonly id: string;
  readonly name: string | undefined;
  readonly state: string | undefined;
  /** ENIs by device index; the first is the primary. */
  readonly eniIds: readonly string[];
}

export interface VpcEndpoint {
  readonly id: string;
  readonly type: string;
  readonly vpcId: string;
  readonly ownerId: string | undefined;
  readonly name: string | undefined;
  readonly serviceName: string;
  readonly state: string | undefined;
  readonly subnetIds: readonly string[];
  readonly eniIds: readonly string[];
  readonly securityGroupIds: readonly string[];
  /** No group was given at creation, so AWS attached the VPC's default group. */
  readonly usesDefaultSecurityGroup: boolean;
}

export interface EndpointService {
  readonly id: string;
  readonly name: string;
  readonly state: string | undefined;
  readonly ownerId: string | undefined;
  /** Zone IDs the service is offered in (names translated with the provider's own zone map). */
  readonly availabilityZoneIds: readonly string[] | undefined;
  readonly acceptanceRequired: boolean | undefined;
  readonly loadBalancerArns: readonly string[];
  /** The provider's view of each consumer endpoint's connection state, by endpoint ID. */
  readonly connectionStates: ReadonlyMap<string, string>;
}

export interface NlbNode {
  readonly loadBalancerArn: string;
  readonly subnetId: string;
  readonly availabilityZoneId: string | undefined;
  readonly eniId: string | undefined;
  readonly ip: IpAddress | undefined;
  /** Extra private IPs (`secondary_ips.auto_assigned.per_subnet`), also used as sources. */
  readonly secondaryIps: readonly IpAddress[];
}

export interface ListenerForward {
  readonly targetGroupArn: string;
  readonly weight: number;
}

export interface Listener {
  readonly arn: string | undefined;
  readonly port: number | undefined;
  readonly protocol: string | undefined;
  readonly forwards: readonly ListenerForward[];
}

export interface LoadBalancer {
  readonly arn: string;
  readonly name: string;
  readonly type: string;
  readonly scheme: string | undefined;
  readonly vpcId: string;
  readonly ownerId: string | undefined;
  readonly state: string | undefined;
  readonly securityGroupIds: readonly string[];
  /** `EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic`; AWS defaults it on with SGs. */
  readonly enforceInboundRulesOnPrivateLink: boolean;
  readonly crossZone: boolean;
  readonly nodes: readonly NlbNode[];
  readonly listeners: readonly Listener[];
  readonly attributes: ReadonlyMap<string, string>;
}

export interface Target {
  readonly id: string;
  readonly port: number | undefined;
  readonly availabilityZone: string | undefined;
  readonly observedState: string | undefined;
  readonly observedReason: string | undefined;
  /** The ENI that receives the traffic, when it is in the snapshot. */
  readonly eniId: string | undefined;
  readonly ip: IpAddress | undefined;
}

export interface TargetGroup {
  readonly arn: string;
  readonly name: string | undefined;
  readonly protocol: string | undefined;
  readonly port: number | undefined;
  readonly vpcId: string | undefined;
  readonly targetType: string;
  readonly ipAddressType: string | undefined;
  readonly healthCheckProtocol: string | undefined;
  readonly healthCheckPort: 'traffic-port' | number;
  readonly healthCheckEnabled: boolean;
  readonly attributes: ReadonlyMap<string, string>;
  readonly targets: readonly Target[];
}

/** Something the snapshot leaves open that the analyses must not guess about. */
export interface Warning {
  readonly code: string;
  readonly resource: string;
  readonly message: string;
}

/** The snapshot resolved and indexed once; every analysis reads only this. */
export interface Network {
  readonly snapshot: Snapshot;
  readonly vpcs: ReadonlyMap<string, Vpc>;
  readonly subnets: ReadonlyMap<string, Subnet>;
  readonly networkAcls: ReadonlyMap<string, NetworkAcl>;
  readonly securityGroups: ReadonlyMap<string, SecurityGroup>;
  readonly enis: ReadonlyMap<string, Eni>;
  readonly instances: ReadonlyMap<string, Instance>;
  readonly vpcEndpoints: ReadonlyMap<string, VpcEndpoint>;
  readonly endpointServices: ReadonlyMap<string, EndpointService>;
  readonly loadBalancers: ReadonlyMap<string, LoadBalancer>;
  readonly targetGroups: ReadonlyMap<string, TargetGroup>;
  /** Every private address of every ENI, keyed by `ipKey` (the first ENI when several share it). */
  readonly eniByIp: ReadonlyMap<string, Eni>;
  /**
   * Addresses more than one ENI holds, with all of them: VPCs of different accounts often use the
   * same private ranges, so an address alone does not always name one interface.
   */
  readonly sharedAddresses: ReadonlyMap<string, readonly Eni[]>;
  /** ENIs that carry each security group. */
  readonly groupMembers: ReadonlyMap<string, readonly Eni[]>;
  readonly warnings: readonly Warning[];
}
