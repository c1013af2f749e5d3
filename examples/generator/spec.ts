/**
 * The example network described once, in a form small enough that each broken variant is a
 * few lines of changes. Resources are named by keys; their AWS IDs are derived from the keys
 * (see resolve-ids.ts), so an unchanged resource keeps its ID in every variant.
 */

/** An Availability Zone as one account names it; the ID is the same physical zone everywhere. */
export interface ZoneSpec {
  name: string;
  id: string;
}

/** A subnet of the account's VPC. */
export interface SubnetSpec {
  key: string;
  name: string;
  cidr: string;
  /** Zone name in the owning account's naming. */
  zone: string;
}

/** One IpPermission: a protocol and port range with its peers (CIDRs and group keys). */
export interface SgRuleSpec {
  protocol: string;
  ports?: { from: number; to: number };
  cidrs?: { cidr: string; description?: string }[];
  /** Keys of referenced groups in the same account. */
  groups?: string[];
}

/** A security group; `egress` empty means no outbound rule at all. */
export interface SecurityGroupSpec {
  key: string;
  name: string;
  description: string;
  ingress: SgRuleSpec[];
  egress: SgRuleSpec[];
  /** Name tag; the default group has none. */
  tagName?: string;
}

/** One network ACL entry, in the API's terms. */
export interface NaclEntrySpec {
  ruleNumber: number;
  egress: boolean;
  ruleAction: 'allow' | 'deny';
  /** Protocol number as the API spells it: `"6"` for TCP, `"-1"` for all. */
  protocol: string;
  cidr: string;
  ports?: { from: number; to: number };
}

/** A custom network ACL; the `*` entries are added when rendered. */
export interface NaclSpec {
  key: string;
  name: string;
  subnets: string[];
  entries: NaclEntrySpec[];
}

/** An instance with its one (primary) ENI. */
export interface InstanceSpec {
  key: string;
  name: string;
  subnet: string;
  ip: string;
  groups: string[];
}

/** One account's VPC and everything in it that the examples use. */
export interface AccountSpec {
  id: string;
  vpcName: string;
  vpcCidr: string;
  zones: ZoneSpec[];
  subnets: SubnetSpec[];
  /** Every group but the VPC's default one, which is always rendered as AWS creates it. */
  securityGroups: SecurityGroupSpec[];
  nacls: NaclSpec[];
  instances: InstanceSpec[];
}

/** The consumer's interface endpoint: one ENI per subnet, at the given address. */
export interface EndpointSpec {
  key: string;
  name: string;
  enis: { subnet: string; ip: string }[];
  /** Group keys; empty means the endpoint was created without groups (VPC default SG). */
  groups: string[];
  state: string;
}

/** The provider's endpoint service. */
export interface ServiceSpec {
  key: string;
  name: string;
  acceptanceRequired: boolean;
  /** State of the consumer's endpoint as the provider's connection list shows it. */
  connectionState: string;
}

/** The provider's internal Network Load Balancer. */
export interface NlbSpec {
  key: string;
  name: string;
  /** One node per subnet, at the given primary private IPv4 address. */
  nodes: { subnet: string; ip: string }[];
  securityGroups: string[];
  enforcePrivateLinkInbound?: 'on' | 'off';
  crossZone: boolean;
}

/** A registered instance target and the health AWS reports for it. */
export interface TargetSpec {
  instance: string;
  health: 'healthy' | 'unhealthy';
}

/** What the NLB forwards to: its listener, target group and targets. */
export interface ServiceBackendSpec {
  listener: { port: number; protocol: string };
  targetGroup: {
    key: string;
    name: string;
    port: number;
    healthCheckPort: string;
    crossZone: 'true' | 'false' | 'use_load_balancer_configuration';
  };
  targets: TargetSpec[];
}

/** The whole two-account network. */
export interface NetworkSpec {
  consumer: AccountSpec;
  provider: AccountSpec;
  endpoint: EndpointSpec;
  service: ServiceSpec;
  nlb: NlbSpec;
  backend: ServiceBackendSpec;
}
