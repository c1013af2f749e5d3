import { describe, expect, it } from 'vitest';
import {
  ALLOW_ALL_OUT,
  allowAllEntries,
  attributesOf,
  eni,
  instanceReservation,
  listenersOf,
  loadBalancer,
  naclEntry,
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
import { oracleTrace } from './evaluate.js';

const CONSUMER_VPC = 'vpc-0c000000000000001';
const PROVIDER_VPC = 'vpc-0p000000000000001'.replace('p', 'f');
const AZ1 = { name: 'us-east-1a', id: 'use1-az1' };
const AZ2 = { name: 'us-east-1b', id: 'use1-az2' };
const CLIENT = 'eni-0c0000000000000c1';
const E1 = 'eni-0e0000000000000e1';
const E2 = 'eni-0e0000000000000e2';
const NODE1 = 'eni-0b0000000000000b1';
const NODE2 = 'eni-0b0000000000000b2';
const T1 = 'eni-0a0000000000000a1';
const T2 = 'eni-0a0000000000000a2';
const SG_CLIENT = 'sg-0c0000000000000c1';
const SG_ENDPOINT = 'sg-0e0000000000000e1';
const SG_T1 = 'sg-0a0000000000000a1';
const SG_T2 = 'sg-0a0000000000000a2';
const SG_NLB = 'sg-0b0000000000000b1';
const SERVICE = 'vpce-svc-0d0000000000000d1';
const ENDPOINT = 'vpce-0e0000000000000e0';
const NLB = nlbArn('svc-nlb', '0123456789abcdef');
const TG = targetGroupArn('svc-tg', 'fedcba9876543210');

type Permission = ReturnType<typeof permission>;
type Entry = ReturnType<typeof naclEntry>;

const tcp = (from: number, cidrs: string[], to = from) =>
  permission({ protocol: 'tcp', from, to, cidrs });

interface Options {
  crossZone?: boolean;
  t1Ingress?: Permission[];
  t2Ingress?: Permission[];
  healthCheckPort?: string;
  nlbGroups?: { ingress: Permission[]; enforce?: 'on' | 'off' };
  endpointState?: string;
  serviceZones?: { ids?: string[]; names?: string[] };
  targetsIn?: 'both' | 'az2';
  nodeSubnetNacl?: Entry[];
}

const endpointIngress = [
  tcp(443, ['10.0.0.0/16'], 444),
  permission({ protocol: 'udp', from: 443, cidrs: ['10.0.0.0/16'] }),
  permission({ protocol: 'icmp', from: -1, to: -1, cidrs: ['10.0.0.0/16'] }),
];

/** A consumer VPC with a client and a two-zone endpoint; a provider NLB with a target per zone. */
function world(o: Options = {}) {
  const tgPort = 8443;
  const toTargets = [tcp(tgPort, ['10.1.0.0/16'])];
  const targets =
    o.targetsIn === 'az2'
      ? [{ id: 'i-0a0000000000000a2' }]
      : [{ id: 'i-0a0000000000000a1' }, { id: 'i-0a0000000000000a2' }];
  const t1 = eni({
    id: T1,
    subnetId: 'subnet-0f00000000000000a',
    vpcId: PROVIDER_VPC,
    zoneName: AZ1.name,
    ip: '10.1.1.100',
    groups: [SG_T1],
    instanceId: 'i-0a0000000000000a1',
  });
  const t2 = eni({
    id: T2,
    subnetId: 'subnet-0f00000000000000b',
    vpcId: PROVIDER_VPC,
    zoneName: AZ2.name,
    ip: '10.1.2.100',
    groups: [SG_T2],
    instanceId: 'i-0a0000000000000a2',
  });
  const nodeNacl =
    o.nodeSubnetNacl === undefined
      ? []
      : [
          networkAcl({
            id: 'acl-0f00000000000000b',
            vpcId: PROVIDER_VPC,
            isDefault: false,
            subnetIds: ['subnet-0f00000000000000d'],
            entries: o.nodeSubnetNacl,
          }),
        ];
  return rawSnapshot({
    Vpcs: [
      vpc({ id: CONSUMER_VPC, cidr: '10.0.0.0/16' }),
      vpc({ id: PROVIDER_VPC, cidr: '10.1.0.0/16' }),
    ],
    Subnets: [
      subnet({
        id: 'subnet-0c00000000000000a',
        vpcId: CONSUMER_VPC,
        cidr: '10.0.1.0/24',
        zone: AZ1,
      }),
      subnet({
        id: 'subnet-0c00000000000000b',
        vpcId: CONSUMER_VPC,
        cidr: '10.0.2.0/24',
        zone: AZ2,
      }),
      subnet({
        id: 'subnet-0f00000000000000a',
        vpcId: PROVIDER_VPC,
        cidr: '10.1.1.0/24',
        zone: AZ1,
      }),
      subnet({
        id: 'subnet-0f00000000000000b',
        vpcId: PROVIDER_VPC,
        cidr: '10.1.2.0/24',
        zone: AZ2,
      }),
      subnet({
        id: 'subnet-0f00000000000000c',
        vpcId: PROVIDER_VPC,
        cidr: '10.1.3.0/24',
        zone: AZ1,
      }),
      subnet({
        id: 'subnet-0f00000000000000d',
        vpcId: PROVIDER_VPC,
        cidr: '10.1.4.0/24',
        zone: AZ2,
      }),
    ],
    AvailabilityZones: [
      { ZoneName: AZ1.name, ZoneId: AZ1.id, State: 'available', RegionName: 'us-east-1' },
      { ZoneName: AZ2.name, ZoneId: AZ2.id, State: 'available', RegionName: 'us-east-1' },
    ],
    SecurityGroups: [
      securityGroup({ id: SG_CLIENT, vpcId: CONSUMER_VPC, egress: [ALLOW_ALL_OUT] }),
      securityGroup({ id: SG_ENDPOINT, vpcId: CONSUMER_VPC, ingress: endpointIngress }),
      securityGroup({
        id: SG_T1,
        vpcId: PROVIDER_VPC,
        ingress: o.t1Ingress ?? toTargets,
        egress: [ALLOW_ALL_OUT],
      }),
      securityGroup({
        id: SG_T2,
        vpcId: PROVIDER_VPC,
        ingress: o.t2Ingress ?? toTargets,
        egress: [ALLOW_ALL_OUT],
      }),
      securityGroup({
        id: SG_NLB,
        vpcId: PROVIDER_VPC,
        ingress: o.nlbGroups?.ingress ?? [],
        egress: [ALLOW_ALL_OUT],
      }),
    ],
    NetworkAcls: [
      networkAcl({
        id: 'acl-0c000000000000000',
        vpcId: CONSUMER_VPC,
        isDefault: true,
        subnetIds: [],
        entries: allowAllEntries(),
      }),
      networkAcl({
        id: 'acl-0f000000000000000',
        vpcId: PROVIDER_VPC,
        isDefault: true,
        subnetIds: [],
        entries: allowAllEntries(),
      }),
      ...nodeNacl,
    ],
    NetworkInterfaces: [
      eni({
        id: CLIENT,
        subnetId: 'subnet-0c00000000000000a',
        vpcId: CONSUMER_VPC,
        zoneName: AZ1.name,
        ip: '10.0.1.10',
        groups: [SG_CLIENT],
        instanceId: 'i-0c0000000000000c1',
      }),
      eni({
        id: E1,
        subnetId: 'subnet-0c00000000000000a',
        vpcId: CONSUMER_VPC,
        zoneName: AZ1.name,
        ip: '10.0.1.50',
        groups: [SG_ENDPOINT],
        interfaceType: 'vpc_endpoint',
        description: `VPC Endpoint Interface ${ENDPOINT}`,
      }),
      eni({
        id: E2,
        subnetId: 'subnet-0c00000000000000b',
        vpcId: CONSUMER_VPC,
        zoneName: AZ2.name,
        ip: '10.0.2.50',
        groups: [SG_ENDPOINT],
        interfaceType: 'vpc_endpoint',
        description: `VPC Endpoint Interface ${ENDPOINT}`,
      }),
      eni({
        id: NODE1,
        subnetId: 'subnet-0f00000000000000c',
        vpcId: PROVIDER_VPC,
        zoneName: AZ1.name,
        ip: '10.1.3.5',
        groups: [],
        interfaceType: 'network_load_balancer',
        description: 'ELB net/svc-nlb/0123456789abcdef',
      }),
      eni({
        id: NODE2,
        subnetId: 'subnet-0f00000000000000d',
        vpcId: PROVIDER_VPC,
        zoneName: AZ2.name,
        ip: '10.1.4.5',
        groups: [],
        interfaceType: 'network_load_balancer',
        description: 'ELB net/svc-nlb/0123456789abcdef',
      }),
      t1,
      t2,
    ],
    Reservations: [
      instanceReservation('i-0a0000000000000a1', [t1]),
      instanceReservation('i-0a0000000000000a2', [t2]),
    ],
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
    LoadBalancerAttributes: [
      attributesOf('LoadBalancerArn', NLB, {
        'load_balancing.cross_zone.enabled': String(o.crossZone ?? false),
      }),
    ],
    TargetGroups: [
      targetGroup({
        arn: TG,
        vpcId: PROVIDER_VPC,
        port: tgPort,
        protocol: 'TCP',
        targetType: 'instance',
        healthCheckPort: o.healthCheckPort,
        lbArns: [NLB],
      }),
    ],
    LoadBalancerTargetHealth: [targetHealthOf(TG, targets)],
  });
}

const ask = (
  raw: ReturnType<typeof world>,
  to = SERVICE,
  port = 443,
  protocol: 'tcp' | 'udp' | 'icmp' = 'tcp',
) => oracleTrace(raw, { from: CLIENT, to, protocol, port });

const triples = (answer: ReturnType<typeof ask>) =>
  answer.paths.map((p) => `${p.endpointEni}>${p.nlbNode}>${p.target ?? '-'}`).sort();

describe('oracle, PrivateLink', () => {
  it('follows each endpoint ENI to the NLB node of its zone and, with cross-zone off, that zone only', () => {
    const answer = ask(world());
    expect(answer.verdict).toBe('reachable');
    expect(triples(answer)).toEqual([`${E1}>${NODE1}>${T1}`, `${E2}>${NODE2}>${T2}`]);
  });

  it('sends every node to every target with cross-zone on', () => {
    expect(triples(ask(world({ crossZone: true })))).toHaveLength(4);
  });

  it('rewrites the source to the node IP, so target rules must admit node IPs, not the client', () => {
    const byNode = world({
      t1Ingress: [tcp(8443, ['10.1.3.5/32'])],
      t2Ingress: [tcp(8443, ['10.1.4.5/32'])],
    });
    expect(ask(byNode).verdict).toBe('reachable');
    const byClient = world({
      t1Ingress: [tcp(8443, ['10.0.1.10/32'])],
      t2Ingress: [tcp(8443, ['10.0.1.10/32'])],
    });
    const answer = ask(byClient);
    expect(answer.verdict).toBe('unreachable');
    expect(answer.paths[0]?.forwardBlockedAt).toMatchObject({
      kind: 'security-group',
      direction: 'ingress',
    });
    expect([T1, T2]).toContain(answer.paths[0]?.forwardBlockedAt?.component);
  });

  it('ends a zone without registered targets at ELBV2_NO_TARGETS_IN_AZ when cross-zone is off', () => {
    const answer = ask(world({ targetsIn: 'az2' }));
    expect(answer.verdict).toBe('partially-reachable');
    const stuck = answer.paths.find((p) => p.endpointEni === E1);
    expect(stuck?.forwardBlockedAt).toMatchObject({
      kind: 'target-group',
      code: 'ELBV2_NO_TARGETS_IN_AZ',
      component: TG,
    });
    expect(ask(world({ targetsIn: 'az2', crossZone: true })).verdict).toBe('reachable');
  });

  it('routes only to healthy targets, and to all candidates when none is healthy', () => {
    const admitsCheck = [tcp(8443, ['10.1.0.0/16']), tcp(9000, ['10.1.3.5/32', '10.1.4.5/32'])];
    const oneHealthy = world({ crossZone: true, healthCheckPort: '9000', t1Ingress: admitsCheck });
    const targets = new Set(ask(oneHealthy).paths.map((p) => p.target));
    expect(targets).toEqual(new Set([T1]));
    const noneHealthy = world({ crossZone: true, healthCheckPort: '9000' });
    expect(new Set(ask(noneHealthy).paths.map((p) => p.target))).toEqual(new Set([T1, T2]));
  });

  it('counts a target unhealthy when the check fails from any one node', () => {
    const fromNode1Only = [tcp(8443, ['10.1.0.0/16']), tcp(9000, ['10.1.3.5/32'])];
    const raw = world({
      crossZone: true,
      healthCheckPort: '9000',
      t1Ingress: fromNode1Only,
      t2Ingress: [tcp(8443, ['10.1.0.0/16']), tcp(9000, ['10.1.0.0/16'])],
    });
    expect(new Set(ask(raw).paths.map((p) => p.target))).toEqual(new Set([T2]));
  });

  it('applies NLB inbound rules to PrivateLink traffic only with enforcement on', () => {
    const strict = { ingress: [tcp(443, ['10.9.0.0/16'])] };
    const on = ask(world({ nlbGroups: { ...strict, enforce: 'on' } }));
    expect(on.paths[0]?.forwardBlockedAt).toMatchObject({
      kind: 'security-group',
      component: NODE1,
      direction: 'ingress',
    });
    expect(ask(world({ nlbGroups: strict })).verdict).toBe('unreachable');
    expect(ask(world({ nlbGroups: { ...strict, enforce: 'off' } })).verdict).toBe('reachable');
  });

  it('lets a target rule naming the NLB group admit data only with enforcement on, health checks always', () => {
    const byNlbGroup = [permission({ protocol: 'tcp', from: 8443, groups: [SG_NLB] })];
    const open = { ingress: [tcp(443, ['0.0.0.0/0'])] };
    const on = world({
      nlbGroups: { ...open, enforce: 'on' },
      t1Ingress: byNlbGroup,
      t2Ingress: byNlbGroup,
    });
    expect(ask(on).verdict).toBe('reachable');
    const off = world({
      nlbGroups: { ...open, enforce: 'off' },
      t1Ingress: byNlbGroup,
      t2Ingress: byNlbGroup,
    });
    const answer = ask(off);
    expect(answer.verdict).toBe('unreachable');
    expect(answer.paths.every((p) => p.forwardBlockedAt?.kind === 'security-group')).toBe(true);
  });

  it('closes the path at the endpoint state unless it is available', () => {
    const answer = ask(world({ endpointState: 'pendingAcceptance' }));
    expect(answer.paths[0]?.forwardBlockedAt).toMatchObject({
      kind: 'endpoint-state',
      code: 'BAD_STATE',
      component: ENDPOINT,
    });
    expect(ask(world({ endpointState: 'Available' })).verdict).toBe('reachable');
  });

  it('requires the service in the endpoint ENI zone, by ID or by name through the zone list', () => {
    const answer = ask(world({ serviceZones: { ids: [AZ2.id] } }));
    expect(answer.verdict).toBe('partially-reachable');
    const stuck = answer.paths.find((p) => p.endpointEni === E1);
    expect(stuck?.forwardBlockedAt).toMatchObject({
      code: 'VPCE_SERVICE_NOT_INSTALLED_IN_AZ',
      component: SERVICE,
    });
    expect(ask(world({ serviceZones: { ids: [], names: [AZ1.name, AZ2.name] } })).verdict).toBe(
      'reachable',
    );
  });

  it('carries TCP and UDP only, and needs a listener on the port for the protocol', () => {
    const icmp = ask(world(), SERVICE, 0, 'icmp');
    expect(icmp.paths[0]?.forwardBlockedAt?.code).toBe('PROTOCOL_RESTRICTION');
    const udp = ask(world(), SERVICE, 443, 'udp');
    expect(udp.paths[0]?.forwardBlockedAt?.code).toBe('ELBV2_LISTENERS_MISMATCH');
    const noListener = ask(world(), SERVICE, 444);
    expect(noListener.paths[0]?.forwardBlockedAt).toMatchObject({
      kind: 'listener',
      code: 'ELBV2_LISTENERS_MISMATCH',
    });
  });

  it('narrows the NLB port pass-set when the node subnet drops part of the replies', () => {
    const nodeSubnetNacl = [
      naclEntry({
        ruleNumber: 10,
        egress: false,
        action: 'allow',
        protocol: '6',
        cidr: '10.1.0.0/16',
        ports: { from: 1024, to: 29999 },
      }),
      naclEntry({
        ruleNumber: 20,
        egress: false,
        action: 'allow',
        protocol: '-1',
        cidr: '10.0.0.0/16',
      }),
      naclEntry({
        ruleNumber: 10,
        egress: true,
        action: 'allow',
        protocol: '-1',
        cidr: '0.0.0.0/0',
      }),
    ];
    const answer = ask(world({ nodeSubnetNacl }));
    const viaNode2 = answer.paths.find((p) => p.nlbNode === NODE2);
    expect(viaNode2?.nlbPortsPassing).toEqual([[1024, 29999]]);
    expect(viaNode2?.verdict).toBe('partially-reachable');
  });

  it('takes an endpoint ID, one endpoint ENI or its IP as the destination', () => {
    expect(triples(ask(world(), ENDPOINT))).toHaveLength(2);
    expect(triples(ask(world(), E2))).toEqual([`${E2}>${NODE2}>${T2}`]);
    expect(triples(ask(world(), '10.0.1.50'))).toEqual([`${E1}>${NODE1}>${T1}`]);
  });
});
