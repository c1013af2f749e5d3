import type { NaclEntrySpec, NetworkSpec, SecurityGroupSpec, ZoneSpec } from './spec.js';

/** The account that owns the client and the interface endpoint. */
export const CONSUMER_ACCOUNT = '111111111111';
/** The account that owns the endpoint service, the NLB and the targets. */
export const PROVIDER_ACCOUNT = '222222222222';

/** TCP as network ACL entries spell it (a protocol number). */
const TCP = '6';

/** The port range AWS advises for return traffic (NLB nodes and most clients fit in it). */
export const EPHEMERAL = { from: 1024, to: 65535 };

/** A TCP allow entry of a network ACL. */
export function allowTcp(
  ruleNumber: number,
  options: { egress: boolean; cidr: string; from: number; to: number },
): NaclEntrySpec {
  const { egress, cidr, from, to } = options;
  return { ruleNumber, egress, ruleAction: 'allow', protocol: TCP, cidr, ports: { from, to } };
}

/**
 * Zone names are shuffled per account: the consumer's us-east-1a is use1-az1 while the
 * provider's us-east-1a is use1-az2. PrivateLink pairs endpoint ENIs with NLB nodes by zone ID.
 */
const CONSUMER_ZONES: ZoneSpec[] = [
  { name: 'us-east-1a', id: 'use1-az1' },
  { name: 'us-east-1b', id: 'use1-az2' },
  { name: 'us-east-1c', id: 'use1-az4' },
  { name: 'us-east-1d', id: 'use1-az6' },
  { name: 'us-east-1e', id: 'use1-az3' },
  { name: 'us-east-1f', id: 'use1-az5' },
];

const PROVIDER_ZONES: ZoneSpec[] = [
  { name: 'us-east-1a', id: 'use1-az2' },
  { name: 'us-east-1b', id: 'use1-az1' },
  { name: 'us-east-1c', id: 'use1-az6' },
  { name: 'us-east-1d', id: 'use1-az4' },
  { name: 'us-east-1e', id: 'use1-az5' },
  { name: 'us-east-1f', id: 'use1-az3' },
];

/** A group as the console or CLI creates it: AWS adds the allow-all egress rule. */
function securityGroup(
  key: string,
  description: string,
  ingress: SecurityGroupSpec['ingress'],
): SecurityGroupSpec {
  const egress = [{ protocol: '-1', cidrs: [{ cidr: '0.0.0.0/0' }] }];
  return { key, name: key, description, ingress, egress, tagName: key };
}

function tcpFrom(port: number, cidrs: string[], description: string): SecurityGroupSpec['ingress'] {
  return [
    {
      protocol: 'tcp',
      ports: { from: port, to: port },
      cidrs: cidrs.map((cidr) => ({ cidr, description })),
    },
  ];
}

function consumer(): NetworkSpec['consumer'] {
  const endpointSubnets = ['10.0.11.0/24', '10.0.12.0/24'];
  return {
    id: CONSUMER_ACCOUNT,
    vpcName: 'consumer-vpc',
    vpcCidr: '10.0.0.0/16',
    zones: CONSUMER_ZONES,
    subnets: [
      { key: 'client', name: 'client-us-east-1a', cidr: '10.0.1.0/24', zone: 'us-east-1a' },
      { key: 'endpoint-a', name: 'endpoint-us-east-1a', cidr: '10.0.11.0/24', zone: 'us-east-1a' },
      { key: 'endpoint-b', name: 'endpoint-us-east-1b', cidr: '10.0.12.0/24', zone: 'us-east-1b' },
    ],
    securityGroups: [
      securityGroup('client-sg', 'Client hosts', []),
      securityGroup(
        'endpoint-sg',
        'Interface endpoint for the orders service',
        tcpFrom(443, ['10.0.1.0/24'], 'HTTPS from the client subnet'),
      ),
    ],
    nacls: [
      {
        key: 'client-acl',
        name: 'client-acl',
        subnets: ['client'],
        entries: [
          ...endpointSubnets.map((cidr, i) =>
            allowTcp(100 + 10 * i, { egress: true, cidr, from: 443, to: 443 }),
          ),
          ...endpointSubnets.map((cidr, i) =>
            allowTcp(100 + 10 * i, { egress: false, cidr, ...EPHEMERAL }),
          ),
        ],
      },
      {
        key: 'endpoint-acl',
        name: 'endpoint-acl',
        subnets: ['endpoint-a', 'endpoint-b'],
        entries: [
          allowTcp(100, { egress: false, cidr: '10.0.1.0/24', from: 443, to: 443 }),
          allowTcp(100, { egress: true, cidr: '10.0.1.0/24', ...EPHEMERAL }),
        ],
      },
    ],
    instances: [
      { key: 'client', name: 'client', subnet: 'client', ip: '10.0.1.25', groups: ['client-sg'] },
    ],
  };
}

function providerNacls(): NetworkSpec['provider']['nacls'] {
  const nlbSubnets = ['10.1.1.0/24', '10.1.2.0/24'];
  const targetSubnets = ['10.1.11.0/24', '10.1.12.0/24'];
  return [
    {
      key: 'nlb-acl',
      name: 'nlb-acl',
      subnets: ['nlb-az1', 'nlb-az2'],
      entries: [
        ...targetSubnets.map((cidr, i) =>
          allowTcp(100 + 10 * i, { egress: true, cidr, from: 8443, to: 8443 }),
        ),
        ...targetSubnets.map((cidr, i) =>
          allowTcp(100 + 10 * i, { egress: false, cidr, ...EPHEMERAL }),
        ),
      ],
    },
    {
      key: 'target-acl',
      name: 'target-acl',
      subnets: ['target-az1', 'target-az2'],
      entries: [
        ...nlbSubnets.map((cidr, i) =>
          allowTcp(100 + 10 * i, { egress: false, cidr, from: 8443, to: 8443 }),
        ),
        ...nlbSubnets.map((cidr, i) =>
          allowTcp(100 + 10 * i, { egress: true, cidr, ...EPHEMERAL }),
        ),
      ],
    },
  ];
}

/** NLB node addresses, fixed by subnet mappings so that the targets can list them. */
export const NODE_IPS = { az1: '10.1.1.57', az2: '10.1.2.201' };

function provider(): NetworkSpec['provider'] {
  return {
    id: PROVIDER_ACCOUNT,
    vpcName: 'orders-vpc',
    vpcCidr: '10.1.0.0/16',
    zones: PROVIDER_ZONES,
    // Named by the provider's own zone names: its us-east-1b is the consumer's us-east-1a.
    subnets: [
      { key: 'nlb-az1', name: 'nlb-us-east-1b', cidr: '10.1.1.0/24', zone: 'us-east-1b' },
      { key: 'nlb-az2', name: 'nlb-us-east-1a', cidr: '10.1.2.0/24', zone: 'us-east-1a' },
      { key: 'target-az1', name: 'orders-us-east-1b', cidr: '10.1.11.0/24', zone: 'us-east-1b' },
      { key: 'target-az2', name: 'orders-us-east-1a', cidr: '10.1.12.0/24', zone: 'us-east-1a' },
    ],
    securityGroups: [
      securityGroup(
        'orders-sg',
        'Orders service targets',
        tcpFrom(8443, [`${NODE_IPS.az1}/32`, `${NODE_IPS.az2}/32`], 'orders-nlb node'),
      ),
    ],
    nacls: providerNacls(),
    instances: [
      {
        key: 'orders-1',
        name: 'orders-1',
        subnet: 'target-az1',
        ip: '10.1.11.42',
        groups: ['orders-sg'],
      },
      {
        key: 'orders-2',
        name: 'orders-2',
        subnet: 'target-az2',
        ip: '10.1.12.87',
        groups: ['orders-sg'],
      },
    ],
  };
}

/**
 * The network of AWS's PrivateLink guidance: a client reaches an interface endpoint on 443;
 * the provider's internal NLB listens on 443 and forwards to port 8443 of two instances, one
 * per zone, with cross-zone load balancing on. Every filter admits exactly what the path needs.
 */
export function baseNetwork(): NetworkSpec {
  return {
    consumer: consumer(),
    provider: provider(),
    endpoint: {
      key: 'orders-endpoint',
      name: 'orders-endpoint',
      enis: [
        { subnet: 'endpoint-a', ip: '10.0.11.183' },
        { subnet: 'endpoint-b', ip: '10.0.12.74' },
      ],
      groups: ['endpoint-sg'],
      state: 'available',
    },
    service: {
      key: 'orders-service',
      name: 'orders-service',
      acceptanceRequired: true,
      connectionState: 'available',
    },
    nlb: {
      key: 'orders-nlb',
      name: 'orders-nlb',
      nodes: [
        { subnet: 'nlb-az1', ip: NODE_IPS.az1 },
        { subnet: 'nlb-az2', ip: NODE_IPS.az2 },
      ],
      securityGroups: [],
      crossZone: true,
    },
    backend: {
      listener: { port: 443, protocol: 'TCP' },
      targetGroup: {
        key: 'orders-tg',
        name: 'orders-tg',
        port: 8443,
        healthCheckPort: 'traffic-port',
        crossZone: 'use_load_balancer_configuration',
      },
      targets: [
        { instance: 'orders-1', health: 'healthy' },
        { instance: 'orders-2', health: 'healthy' },
      ],
    },
  };
}
