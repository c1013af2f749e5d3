import { describe, expect, it } from 'vitest';
import { naclEntry, permission, securityGroup } from './build.js';
import { oracleTrace } from './evaluate.js';
import {
  AZ1,
  AZ2,
  CLIENT,
  CONSUMER_VPC,
  E1,
  E2,
  ENDPOINT,
  NODE1,
  NODE2,
  SERVICE,
  SG_NLB,
  T1,
  T2,
  TG,
  tcp,
  world,
} from './privatelink-world.js';

const SG_DEFAULT = 'sg-0c000000000000d00';

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

  it('falls back on every candidate when fewer targets are healthy than the minimum count', () => {
    const admitsCheck = [tcp(8443, ['10.1.0.0/16']), tcp(9000, ['10.1.3.5/32', '10.1.4.5/32'])];
    const options = { crossZone: true, healthCheckPort: '9000', t1Ingress: admitsCheck };
    const minimum = {
      'target_group_health.unhealthy_state_routing.minimum_healthy_targets.count': '2',
    };
    const answer = ask(world({ ...options, targetGroupAttributes: minimum }));
    expect(new Set(answer.paths.map((p) => p.target))).toEqual(new Set([T1, T2]));
  });

  it('gives an endpoint listing no groups the VPC default group, which admits only its members', () => {
    const raw = world();
    const endpoints = raw.VpcEndpoints as { Groups: unknown[] }[];
    endpoints[0]!.Groups = [];
    for (const eni of raw.NetworkInterfaces as {
      NetworkInterfaceId: string;
      Groups: unknown[];
    }[]) {
      if (eni.NetworkInterfaceId === E1 || eni.NetworkInterfaceId === E2) eni.Groups = [];
    }
    raw.SecurityGroups = [
      ...(raw.SecurityGroups ?? []),
      securityGroup({
        id: SG_DEFAULT,
        vpcId: CONSUMER_VPC,
        name: 'default',
        ingress: [permission({ protocol: '-1', groups: [SG_DEFAULT] })],
      }),
    ];
    const answer = ask(raw);
    expect(answer.paths[0]?.forwardBlockedAt).toMatchObject({
      kind: 'security-group',
      securityGroups: [SG_DEFAULT],
    });
  });

  it('takes an endpoint ID, one endpoint ENI or its IP as the destination', () => {
    expect(triples(ask(world(), ENDPOINT))).toHaveLength(2);
    expect(triples(ask(world(), E2))).toEqual([`${E2}>${NODE2}>${T2}`]);
    expect(triples(ask(world(), '10.0.1.50'))).toEqual([`${E1}>${NODE1}>${T1}`]);
  });
});
