/**
 * A hand-made PrivateLink network for the oracle's tests: a consumer VPC with a client and a
 * two-zone interface endpoint, a provider VPC with an NLB node and an instance target per zone.
 */
import {
  ALLOW_ALL_OUT,
  allowAllEntries,
  attributesOf,
  eni,
  instanceReservation,
  listenersOf,
  loadBalancer,
  type naclEntry,
  networkAcl,
  nlbArn,
  permission,
  rawSnapshot,
  securityGroup,
  serviceConfiguration,
  subnet,
  targetGroup,
  targetGroupArn,
  targetHealthOf,
  vpc,
  vpcEndpoint,
} from './build.js';

/** IDs of the hand-made PrivateLink network (see world()). */
export const CONSUMER_VPC = 'vpc-0c000000000000001';
export const PROVIDER_VPC = 'vpc-0p000000000000001'.replace('p', 'f');
export const AZ1 = { name: 'us-east-1a', id: 'use1-az1' };
export const AZ2 = { name: 'us-east-1b', id: 'use1-az2' };
export const CLIENT = 'eni-0c0000000000000c1';
export const E1 = 'eni-0e0000000000000e1';
export const E2 = 'eni-0e0000000000000e2';
export const NODE1 = 'eni-0b0000000000000b1';
export const NODE2 = 'eni-0b0000000000000b2';
export const T1 = 'eni-0a0000000000000a1';
export const T2 = 'eni-0a0000000000000a2';
export const SG_CLIENT = 'sg-0c0000000000000c1';
export const SG_ENDPOINT = 'sg-0e0000000000000e1';
export const SG_T1 = 'sg-0a0000000000000a1';
export const SG_T2 = 'sg-0a0000000000000a2';
export const SG_NLB = 'sg-0b0000000000000b1';
export const SERVICE = 'vpce-svc-0d0000000000000d1';
export const ENDPOINT = 'vpce-0e0000000000000e0';
export const NLB = nlbArn('svc-nlb', '0123456789abcdef');
export const TG = targetGroupArn('svc-tg', 'fedcba9876543210');

type Permission = ReturnType<typeof permission>;
type Entry = ReturnType<typeof naclEntry>;

/** An inbound TCP permission for a port (range) from CIDRs. */
export const tcp = (from: number, cidrs: string[], to = from) =>
  permission({ protocol: 'tcp', from, to, cidrs });

/** What to vary in the hand-made PrivateLink network. */
export interface Options {
  crossZone?: boolean;
  t1Ingress?: Permission[];
  t2Ingress?: Permission[];
  healthCheckPort?: string;
  nlbGroups?: { ingress: Permission[]; enforce?: 'on' | 'off' };
  endpointState?: string;
  serviceZones?: { ids?: string[]; names?: string[] };
  targetsIn?: 'both' | 'az2';
  nodeSubnetNacl?: Entry[];
  /** Entries of a NACL on the AZ1 target's subnet. */
  targetSubnetNacl?: Entry[];
  targetType?: 'instance' | 'ip';
  targetGroupAttributes?: Record<string, string>;
}

/** A client inside the provider VPC, in the AZ1 node's subnet, for direct NLB traffic. */
export const PROVIDER_CLIENT = 'eni-0c0000000000000c2';

const endpointIngress = [
  tcp(443, ['10.0.0.0/16'], 444),
  permission({ protocol: 'udp', from: 443, cidrs: ['10.0.0.0/16'] }),
  permission({ protocol: 'icmp', from: -1, to: -1, cidrs: ['10.0.0.0/16'] }),
];

const SUBNETS = [
  { id: 'subnet-0c00000000000000a', vpcId: CONSUMER_VPC, cidr: '10.0.1.0/24', zone: AZ1 },
  { id: 'subnet-0c00000000000000b', vpcId: CONSUMER_VPC, cidr: '10.0.2.0/24', zone: AZ2 },
  { id: 'subnet-0f00000000000000a', vpcId: PROVIDER_VPC, cidr: '10.1.1.0/24', zone: AZ1 },
  { id: 'subnet-0f00000000000000b', vpcId: PROVIDER_VPC, cidr: '10.1.2.0/24', zone: AZ2 },
  { id: 'subnet-0f00000000000000c', vpcId: PROVIDER_VPC, cidr: '10.1.3.0/24', zone: AZ1 },
  { id: 'subnet-0f00000000000000d', vpcId: PROVIDER_VPC, cidr: '10.1.4.0/24', zone: AZ2 },
];

const TARGET_PORT = 8443;

function customAcl(id: string, subnetId: string, entries: Entry[] | undefined) {
  if (entries === undefined) return [];
  return [
    networkAcl({ id, vpcId: PROVIDER_VPC, isDefault: false, subnetIds: [subnetId], entries }),
  ];
}

function networkParts(o: Options) {
  const defaultAcl = (id: string, vpcId: string) =>
    networkAcl({ id, vpcId, isDefault: true, subnetIds: [], entries: allowAllEntries() });
  return {
    Vpcs: [
      vpc({ id: CONSUMER_VPC, cidr: '10.0.0.0/16' }),
      vpc({ id: PROVIDER_VPC, cidr: '10.1.0.0/16' }),
    ],
    Subnets: SUBNETS.map((s) => subnet(s)),
    AvailabilityZones: [AZ1, AZ2].map((z) => ({
      ZoneName: z.name,
      ZoneId: z.id,
      State: 'available',
      RegionName: 'us-east-1',
    })),
    NetworkAcls: [
      defaultAcl('acl-0c000000000000000', CONSUMER_VPC),
      defaultAcl('acl-0f000000000000000', PROVIDER_VPC),
      ...customAcl('acl-0f00000000000000b', 'subnet-0f00000000000000d', o.nodeSubnetNacl),
      ...customAcl('acl-0f00000000000000a', 'subnet-0f00000000000000a', o.targetSubnetNacl),
    ],
  };
}

function groupParts(o: Options) {
  const toTargets = [tcp(TARGET_PORT, ['10.1.0.0/16'])];
  const provider = (id: string, ingress: Permission[]) =>
    securityGroup({ id, vpcId: PROVIDER_VPC, ingress, egress: [ALLOW_ALL_OUT] });
  return [
    securityGroup({ id: SG_CLIENT, vpcId: CONSUMER_VPC, egress: [ALLOW_ALL_OUT] }),
    securityGroup({ id: SG_ENDPOINT, vpcId: CONSUMER_VPC, ingress: endpointIngress }),
    provider(SG_T1, o.t1Ingress ?? toTargets),
    provider(SG_T2, o.t2Ingress ?? toTargets),
    provider(SG_NLB, o.nlbGroups?.ingress ?? []),
  ];
}

type EniOptions = Parameters<typeof eni>[0];

function placed(id: string, subnetIndex: number, ip: string, rest: Partial<EniOptions>) {
  const at = SUBNETS[subnetIndex]!;
  return eni({
    id,
    subnetId: at.id,
    vpcId: at.vpcId,
    zoneName: at.zone.name,
    ip,
    groups: [],
    ...rest,
  });
}

function eniParts() {
  const endpoint = {
    interfaceType: 'vpc_endpoint',
    description: `VPC Endpoint Interface ${ENDPOINT}`,
  };
  const node = {
    interfaceType: 'network_load_balancer',
    description: 'ELB net/svc-nlb/0123456789abcdef',
  };
  const t1 = placed(T1, 2, '10.1.1.100', { groups: [SG_T1], instanceId: 'i-0a0000000000000a1' });
  const t2 = placed(T2, 3, '10.1.2.100', { groups: [SG_T2], instanceId: 'i-0a0000000000000a2' });
  return {
    NetworkInterfaces: [
      placed(PROVIDER_CLIENT, 4, '10.1.3.10', {
        groups: [SG_CLIENT],
        instanceId: 'i-0c0000000000000c2',
      }),
      placed(CLIENT, 0, '10.0.1.10', { groups: [SG_CLIENT], instanceId: 'i-0c0000000000000c1' }),
      placed(E1, 0, '10.0.1.50', { groups: [SG_ENDPOINT], ...endpoint }),
      placed(E2, 1, '10.0.2.50', { groups: [SG_ENDPOINT], ...endpoint }),
      placed(NODE1, 4, '10.1.3.5', node),
      placed(NODE2, 5, '10.1.4.5', node),
      t1,
      t2,
    ],
    Reservations: [
      instanceReservation('i-0a0000000000000a1', [t1]),
      instanceReservation('i-0a0000000000000a2', [t2]),
    ],
  };
}

function serviceParts(o: Options) {
  return {
    VpcEndpoints: [
      vpcEndpoint({
        id: ENDPOINT,
        vpcId: CONSUMER_VPC,
        serviceName: `com.amazonaws.vpce.us-east-1.${SERVICE}`,
        subnetIds: ['subnet-0c00000000000000a', 'subnet-0c00000000000000b'],
        eniIds: [E1, E2],
        groups: [SG_ENDPOINT],
        state: o.endpointState,
      }),
    ],
    ServiceConfigurations: [
      serviceConfiguration({
        id: SERVICE,
        nlbArns: [NLB],
        zoneIds: o.serviceZones?.ids ?? [AZ1.id, AZ2.id],
        zoneNames: o.serviceZones?.names,
      }),
    ],
  };
}

function loadBalancerParts(o: Options) {
  const byIp = o.targetType === 'ip';
  const first = { id: byIp ? '10.1.1.100' : 'i-0a0000000000000a1' };
  const second = { id: byIp ? '10.1.2.100' : 'i-0a0000000000000a2' };
  const crossZone = { 'load_balancing.cross_zone.enabled': String(o.crossZone ?? false) };
  return {
    LoadBalancers: [
      loadBalancer({
        arn: NLB,
        vpcId: PROVIDER_VPC,
        zones: [
          { name: AZ1.name, subnetId: 'subnet-0f00000000000000c' },
          { name: AZ2.name, subnetId: 'subnet-0f00000000000000d', privateIp: '10.1.4.5' },
        ],
        securityGroups: o.nlbGroups ? [SG_NLB] : undefined,
        enforcePrivateLink: o.nlbGroups?.enforce,
      }),
    ],
    LoadBalancerListeners: [
      listenersOf(NLB, [{ port: 443, protocol: 'TCP', targetGroupArns: [TG] }]),
    ],
    LoadBalancerAttributes: [attributesOf('LoadBalancerArn', NLB, crossZone)],
    TargetGroups: [
      targetGroup({
        arn: TG,
        vpcId: PROVIDER_VPC,
        port: TARGET_PORT,
        protocol: 'TCP',
        targetType: o.targetType ?? 'instance',
        healthCheckPort: o.healthCheckPort,
        lbArns: [NLB],
      }),
    ],
    LoadBalancerTargetHealth: [
      targetHealthOf(TG, o.targetsIn === 'az2' ? [second] : [first, second]),
    ],
    TargetGroupAttributes: [attributesOf('TargetGroupArn', TG, o.targetGroupAttributes ?? {})],
  };
}

/** A consumer VPC with a client and a two-zone endpoint; a provider NLB with a target per zone. */
export function world(o: Options = {}) {
  return rawSnapshot({
    ...networkParts(o),
    SecurityGroups: groupParts(o),
    ...eniParts(),
    ...serviceParts(o),
    ...loadBalancerParts(o),
  });
}
