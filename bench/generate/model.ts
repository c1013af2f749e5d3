/**
 * The generator's own compact model of a synthetic network, built first and then rendered as
 * AWS `describe-*` documents. It holds only what the documents need; the documents are the
 * product, this is scaffolding.
 */

/** One AWS account and its Region's zone-name mapping (names differ per account; IDs do not). */
export interface Account {
  readonly accountId: string;
  /** Zone ID (`use1-az1`) → this account's zone name (`us-east-1c`). */
  readonly zoneNames: ReadonlyMap<string, string>;
}

/** A VPC with one IPv4 block and, when dual-stack, an Amazon IPv6 /56. */
export interface Vpc {
  readonly vpcId: string;
  readonly accountId: string;
  /** IPv4 block, such as `10.4.64.0/18`. */
  readonly cidr: string;
  readonly ipv6Cidr?: string;
  readonly zoneIds: readonly string[];
  readonly name: string;
}

/** A subnet in one zone (by zone ID), with an IPv6 /64 in dual-stack VPCs. */
export interface Subnet {
  readonly subnetId: string;
  readonly vpcId: string;
  readonly accountId: string;
  readonly cidr: string;
  readonly ipv6Cidr?: string;
  readonly zoneId: string;
  readonly name: string;
}

/** One AWS security-group rule: a single peer, as `DescribeSecurityGroupRules` counts them. */
export interface SgRule {
  readonly egress: boolean;
  /** `tcp`, `udp`, `icmp`, `icmpv6` or `-1`. */
  readonly protocol: string;
  /** Ports, or ICMP type/code; absent for `-1`. */
  readonly fromPort?: number;
  readonly toPort?: number;
  readonly peer: SgPeer;
}

/** The one peer of a rule: CIDR, prefix list or security group. */
export type SgPeer =
  | { readonly kind: 'cidr4'; readonly cidr: string }
  | { readonly kind: 'cidr6'; readonly cidr: string }
  | { readonly kind: 'prefix-list'; readonly prefixListId: string }
  | {
      readonly kind: 'group';
      readonly groupId: string;
      readonly accountId: string;
      /** Set when the group lives in another VPC (a same-Region peering reference). */
      readonly vpcId?: string;
    };

/** Why a group exists; `ceiling` and `fragment` groups sit alone on the ENIs they are pinned to. */
export type SgRole =
  | 'default'
  | 'workload'
  | 'nlb'
  | 'endpoint'
  | 'service'
  | 'fragment'
  | 'ceiling';

/** A security group and its rules in both directions. */
export interface SecurityGroup {
  readonly groupId: string;
  readonly groupName: string;
  readonly description: string;
  readonly vpcId: string;
  readonly accountId: string;
  readonly role: SgRole;
  readonly rules: SgRule[];
}

/** One NACL entry; exactly one of `cidr4` and `cidr6` is set. */
export interface NaclEntry {
  readonly ruleNumber: number;
  readonly egress: boolean;
  /** Protocol number as a string, or `-1`. */
  readonly protocol: string;
  readonly action: 'allow' | 'deny';
  readonly cidr4?: string;
  readonly cidr6?: string;
  readonly ports?: { readonly from: number; readonly to: number };
  readonly icmp?: { readonly type: number; readonly code: number };
}

/** A NACL, its entries (the `*` entries included) and the subnets associated with it. */
export interface NetworkAcl {
  readonly networkAclId: string;
  readonly vpcId: string;
  readonly accountId: string;
  readonly isDefault: boolean;
  readonly entries: NaclEntry[];
  readonly subnetIds: string[];
}

/** What owns an ENI: an instance, Lambda, an ECS task, an interface endpoint or an NLB node. */
export type EniKind = 'instance' | 'lambda' | 'ecs' | 'endpoint' | 'nlb';

/** An ENI with its addresses and groups; `groupIds` is filled by group assignment. */
export interface Eni {
  readonly eniId: string;
  readonly kind: EniKind;
  readonly subnetId: string;
  readonly vpcId: string;
  readonly accountId: string;
  /** Primary IPv4 first, then secondaries. */
  readonly ipv4: string[];
  readonly ipv6: string[];
  groupIds: string[];
  readonly description: string;
  readonly instanceId?: string;
  readonly deviceIndex?: number;
  readonly requesterId?: string;
}

/** An EC2 instance; its first ENI is the primary (device index 0). */
export interface Instance {
  readonly instanceId: string;
  readonly accountId: string;
  readonly eniIds: string[];
  readonly instanceType: string;
}

/** A customer-managed prefix list; `maxEntries` is its weight against rule quotas. */
export interface PrefixList {
  readonly prefixListId: string;
  readonly accountId: string;
  readonly name: string;
  readonly family: 'IPv4' | 'IPv6';
  readonly maxEntries: number;
  readonly cidrs: readonly string[];
}

/** An NLB listener forwarding to one target group. */
export interface Listener {
  readonly listenerArn: string;
  readonly protocol: 'TCP' | 'UDP' | 'TLS' | 'TCP_UDP';
  readonly port: number;
  readonly targetGroupArn: string;
}

/** A registered target with its zone and health state. */
export interface Target {
  /** Instance ID (`instance` groups) or IPv4 address (`ip` groups). */
  readonly id: string;
  readonly port: number;
  readonly zoneId: string;
  readonly health: 'healthy' | 'unhealthy' | 'initial' | 'unused';
}

/** An NLB target group with its health check and registered targets. */
export interface TargetGroup {
  readonly targetGroupArn: string;
  readonly name: string;
  readonly accountId: string;
  readonly vpcId: string;
  readonly protocol: 'TCP' | 'UDP' | 'TLS' | 'TCP_UDP';
  readonly port: number;
  readonly targetType: 'instance' | 'ip';
  readonly healthCheck: { readonly protocol: 'TCP' | 'HTTP'; readonly port: string };
  readonly crossZone: 'true' | 'false' | 'use_load_balancer_configuration';
  readonly proxyProtocol: boolean;
  readonly targets: Target[];
  readonly loadBalancerArn: string;
}

/** An internal NLB: one node per enabled zone, optional groups, listeners. */
export interface LoadBalancer {
  readonly loadBalancerArn: string;
  readonly name: string;
  readonly accountId: string;
  readonly vpcId: string;
  /** One node per subnet (one subnet per zone): the node's ENI. */
  readonly nodes: { readonly subnetId: string; readonly eniId: string; readonly ip: string }[];
  readonly securityGroupIds: string[];
  readonly enforcePrivateLink?: 'on' | 'off';
  readonly crossZone: boolean;
  readonly listeners: Listener[];
}

/** An endpoint service backed by one NLB, offered in the zones of its nodes. */
export interface EndpointService {
  readonly serviceId: string;
  readonly accountId: string;
  readonly loadBalancerArn: string;
  readonly zoneIds: readonly string[];
  readonly acceptanceRequired: boolean;
}

/** An interface endpoint: one ENI per chosen subnet, all carrying `groupIds`. */
export interface VpcEndpoint {
  readonly vpcEndpointId: string;
  readonly accountId: string;
  readonly vpcId: string;
  /** A generated service (`vpce-svc-…`), or an AWS service such as `com.amazonaws…ssm`. */
  readonly service: { kind: 'generated'; serviceId: string } | { kind: 'aws'; name: string };
  readonly subnetIds: string[];
  readonly eniIds: string[];
  readonly groupIds: string[];
  readonly state: 'available' | 'pendingAcceptance' | 'rejected';
}

/** Everything a workload generates, grouped by kind; arrays are in generation order. */
export interface NetworkModel {
  readonly region: 'us-east-1';
  readonly accounts: Account[];
  readonly vpcs: Vpc[];
  readonly subnets: Subnet[];
  readonly securityGroups: SecurityGroup[];
  readonly networkAcls: NetworkAcl[];
  readonly enis: Eni[];
  readonly instances: Instance[];
  readonly prefixLists: PrefixList[];
  readonly loadBalancers: LoadBalancer[];
  readonly targetGroups: TargetGroup[];
  readonly endpointServices: EndpointService[];
  readonly vpcEndpoints: VpcEndpoint[];
  /** Planned same-Region peerings (not written until routing is modelled). */
  readonly peerings: [string, string][];
}

/** A model with nothing in it. */
export function emptyModel(): NetworkModel {
  return {
    region: 'us-east-1',
    accounts: [],
    vpcs: [],
    subnets: [],
    securityGroups: [],
    networkAcls: [],
    enis: [],
    instances: [],
    prefixLists: [],
    loadBalancers: [],
    targetGroups: [],
    endpointServices: [],
    vpcEndpoints: [],
    peerings: [],
  };
}
