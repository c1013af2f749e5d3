/**
 * fast-check arbitraries for small random AWS-like snapshots (exact describe-* shapes) and for
 * questions over them. A skeleton (VPCs, subnets, ENIs, an optional PrivateLink setup) is drawn
 * first; the rules are then drawn from the skeleton's own addresses, so that they matter.
 * Sizes stay small (at most 12 ENIs, at most 10 random entries per NACL direction pair and
 * 6 permissions per group direction) so the oracle stays fast.
 */
import fc from 'fast-check';
import {
  type AddressPool,
  broadPermissionArb,
  naclEntriesArb,
  permissionArb,
  portArb,
} from './arbitrary-rules.js';
import {
  assembleScenario,
  customGroupIds,
  ENDPOINT_GROUP,
  type PrivateLinkShape,
  type Rules,
  type Scenario,
  type Skeleton,
} from './arbitrary-snapshot.js';
import type { OracleQuestion } from './evaluate.js';

export type { Scenario } from './arbitrary-snapshot.js';

const privateLinkShapeArb: fc.Arbitrary<PrivateLinkShape> = fc.record({
  providerVpc: fc.nat(1),
  consumerVpc: fc.nat(1),
  nodeSubnets: fc.array(fc.nat(2), { minLength: 1, maxLength: 3 }),
  endpointSubnets: fc.array(fc.nat(2), { minLength: 1, maxLength: 2 }),
  listeners: fc.uniqueArray(
    fc.record({
      port: fc.constantFrom(80, 443, 8443, 53),
      protocol: fc.constantFrom('TCP', 'TCP', 'TCP', 'UDP', 'TCP_UDP', 'TLS'),
    }),
    { minLength: 1, maxLength: 2, selector: (l) => l.port },
  ),
  targetGroupPort: fc.constantFrom(80, 443, 8080, 8443, 22),
  targetType: fc.constantFrom<'instance' | 'ip'>('instance', 'ip'),
  targets: fc.array(fc.nat(6), { minLength: 0, maxLength: 3 }),
  crossZone: fc.boolean(),
  targetGroupCrossZone: fc.constantFrom(
    undefined,
    'true',
    'false',
    'use_load_balancer_configuration',
  ),
  healthCheckPort: fc.constantFrom('traffic-port', 'traffic-port', '8080', '22'),
  minimumHealthy: fc.constantFrom(undefined, '1', '2'),
  preserveClientIp: fc.constantFrom(undefined, 'true', 'false'),
  nlbGroup: fc.boolean(),
  enforce: fc.constantFrom<'on' | 'off' | undefined>(undefined, 'on', 'off'),
  endpointGroups: fc.constantFrom(0, 1, 1, 2),
  endpointState: fc.constantFrom(
    'available',
    'available',
    'available',
    'available',
    'available',
    'pendingAcceptance',
    'Available',
  ),
  serviceZones: fc.constantFrom<'ids' | 'names' | 'first'>('ids', 'names', 'first'),
  connectionState: fc.constantFrom(undefined, undefined, undefined, 'available', 'rejected'),
  nodeAddressesListed: fc.boolean(),
});

const skeletonArb: fc.Arbitrary<Skeleton> = fc.record({
  vpcCount: fc.integer({ min: 1, max: 2 }),
  ipv6: fc.tuple(fc.boolean(), fc.boolean()),
  subnetZones: fc.tuple(
    fc.array(fc.nat(2), { minLength: 1, maxLength: 3 }),
    fc.array(fc.nat(2), { minLength: 1, maxLength: 3 }),
  ),
  enis: fc.array(
    fc.record({
      vpc: fc.nat(1),
      subnet: fc.nat(2),
      host: fc.integer({ min: 10, max: 230 }),
      ipv6: fc.boolean(),
      instance: fc.constantFrom(true, true, false),
      secondary: fc.boolean(),
    }),
    { minLength: 2, maxLength: 7 },
  ),
  groupCount: fc.integer({ min: 1, max: 7 }),
  prefixListCount: fc.integer({ min: 0, max: 2 }),
  openGroups: fc.boolean(),
  privateLink: fc.option(privateLinkShapeArb, { freq: 4 }),
});

function groupRulesArb(pool: AddressPool, groupIds: string[]) {
  return fc.tuple(
    ...groupIds.map((id) =>
      fc.record({
        ingress: fc
          .tuple(
            fc.option(broadPermissionArb(pool), { freq: 4 }),
            fc.array(permissionArb(pool, id), { maxLength: 5 }),
          )
          .map(([broad, rest]) => (broad === null ? rest : [broad, ...rest])),
        egress: fc.oneof(
          { weight: 3, arbitrary: fc.constant(undefined) },
          { weight: 1, arbitrary: fc.array(permissionArb(pool, id), { maxLength: 4 }) },
        ),
      }),
    ),
  );
}

/** Group choice per ENI: a few of its VPC's groups, sometimes all of them, rarely none. */
const eniGroupChoiceArb = fc.oneof(
  { weight: 6, arbitrary: fc.array(fc.nat(15), { minLength: 1, maxLength: 3 }) },
  { weight: 1, arbitrary: fc.constant('all' as const) },
  { weight: 1, arbitrary: fc.constant([] as number[]) },
);

/** A VPC's default NACL: AWS's allow-all (null) half the time, else drawn. */
function defaultNaclArb(pool: AddressPool) {
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: naclEntriesArb(pool) },
  );
}

function rulesArb(skeleton: Skeleton, pool: AddressPool): fc.Arbitrary<Rules> {
  return fc.record({
    groups: groupRulesArb(pool, customGroupIds(skeleton)),
    eniGroups: fc.array(eniGroupChoiceArb, { minLength: 12, maxLength: 12 }),
    defaultNacls: fc.tuple(defaultNaclArb(pool), defaultNaclArb(pool)),
    customNacls: fc.array(naclEntriesArb(pool), { minLength: 1, maxLength: 2 }),
    subnetNacl: fc.array(fc.constantFrom(0, 1, 1, 2), { minLength: 6, maxLength: 6 }),
    prefixLists: fc.array(
      fc.array(fc.constantFrom(...pool.v4Cidrs, '0.0.0.0/0'), { minLength: 1, maxLength: 3 }),
      {
        minLength: skeleton.prefixListCount,
        maxLength: skeleton.prefixListCount,
      },
    ),
    nlbIngress: fc.array(
      fc.oneof(
        { weight: 2, arbitrary: broadPermissionArb(pool) },
        { weight: 1, arbitrary: permissionArb(pool, 'sg-0b0000000000000b0') },
      ),
      { maxLength: 3 },
    ),
    endpointIngress: fc.array(
      fc.oneof(
        { weight: 3, arbitrary: broadPermissionArb(pool) },
        { weight: 1, arbitrary: permissionArb(pool, ENDPOINT_GROUP) },
      ),
      { minLength: 1, maxLength: 3 },
    ),
  });
}

/** A random small snapshot with its handles (ENIs, endpoint, service, NLB) for questions. */
export function scenarioArb(): fc.Arbitrary<Scenario> {
  return skeletonArb.chain((skeleton) => {
    const draft = assembleScenario(skeleton, undefined);
    return rulesArb(skeleton, draft.pool).map((rules) => assembleScenario(skeleton, rules));
  });
}

function referenceArb(eni: Scenario['plainEnis'][number]) {
  const forms = [eni.id, eni.ip, ...(eni.instanceId ? [eni.instanceId] : [])];
  return fc.constantFrom(...forms);
}

/** A destination: a plain ENI half the time, else an endpoint, service, NLB or node. */
function destinationArb(scenario: Scenario): fc.Arbitrary<string> {
  const plain = fc.constantFrom(...scenario.plainEnis).chain(referenceArb);
  const pl = scenario.privateLink;
  if (pl === undefined) return plain;
  const managed = [
    pl.endpointId,
    pl.serviceId,
    pl.nlbArn,
    pl.nlbName,
    ...pl.endpointEnis.flatMap((e) => [e.id, e.ip]),
    ...pl.nodeIps,
  ];
  return fc.oneof(plain, fc.constantFrom(...managed));
}

/**
 * Often a plain ENI of the client's VPC in another subnet (so NACLs are crossed and routing does
 * not stop the packet), else any destination.
 */
function destinationNear(scenario: Scenario, from: Scenario['plainEnis'][number]) {
  const near = scenario.plainEnis.filter(
    (e) => e.vpcId === from.vpcId && e.subnetId !== from.subnetId,
  );
  if (near.length === 0) return destinationArb(scenario);
  return fc.oneof(fc.constantFrom(...near).chain(referenceArb), destinationArb(scenario));
}

function ipv6QuestionArb(scenario: Scenario) {
  const capable = scenario.plainEnis.filter((e) => e.ipv6 !== undefined);
  return fc
    .record({ from: fc.constantFrom(...capable), to: fc.constantFrom(...capable) })
    .map((pair) => ({
      from: pair.from.ipv6 as string,
      to: pair.to.ipv6 as string,
    }));
}

/** Questions from an endpoint ENI or an NLB node, which AWS never lets start a flow. */
function managedSourceArb(scenario: Scenario) {
  const pl = scenario.privateLink;
  const managed = pl ? [...pl.endpointEnis.map((e) => e.id), ...pl.nodeIps] : [];
  if (managed.length === 0) return [];
  const to = fc.constantFrom(...scenario.plainEnis).map((e) => e.id);
  return [{ weight: 1, arbitrary: fc.record({ from: fc.constantFrom(...managed), to }) }];
}

const protocolArb = fc.oneof(
  { weight: 5, arbitrary: fc.constant<'tcp'>('tcp') },
  { weight: 2, arbitrary: fc.constant<'udp'>('udp') },
  { weight: 1, arbitrary: fc.constant<'icmp'>('icmp') },
  { weight: 1, arbitrary: fc.constantFrom(47, 50) },
);

/** A question over a scenario: any plain ENI (by ENI, instance or IP) to any destination kind. */
export function questionArb(scenario: Scenario): fc.Arbitrary<OracleQuestion> {
  const listenerPorts = scenario.privateLink?.listenerPorts ?? [];
  const ends = fc.oneof(
    {
      weight: 5,
      arbitrary: fc
        .constantFrom(...scenario.plainEnis)
        .chain((from) =>
          fc.record({ from: referenceArb(from), to: destinationNear(scenario, from) }),
        ),
    },
    ...(scenario.plainEnis.some((e) => e.ipv6)
      ? [{ weight: 1, arbitrary: ipv6QuestionArb(scenario) }]
      : []),
    ...managedSourceArb(scenario),
  );
  const services = fc.constantFrom(22, 80, 443, 8443);
  const portChoice = fc.oneof(
    { weight: 2, arbitrary: services },
    { weight: 1, arbitrary: portArb },
    ...(listenerPorts.length > 0
      ? [{ weight: 4, arbitrary: fc.constantFrom(...listenerPorts) }]
      : []),
  );
  return fc
    .record({
      ends,
      protocol: protocolArb,
      port: portChoice,
      sourcePorts: fc.oneof(
        { weight: 3, arbitrary: fc.constant(null) },
        {
          weight: 1,
          arbitrary: fc.constantFrom(
            { from: 32768, to: 61000 },
            { from: 49152, to: 65535 },
            { from: 1024, to: 1024 },
          ),
        },
      ),
      icmp: fc.record({ type: fc.constantFrom(0, 3, 8, 13, 128), code: fc.constantFrom(0, 4) }),
    })
    .map((r) => {
      const question: OracleQuestion = { ...r.ends, protocol: r.protocol, port: r.port };
      if (r.sourcePorts !== null) question.sourcePorts = r.sourcePorts;
      if (r.protocol === 'icmp') question.icmp = r.icmp;
      return question;
    });
}

/** A scenario and a question over it, for property tests. */
export function scenarioWithQuestionArb(): fc.Arbitrary<{
  scenario: Scenario;
  question: OracleQuestion;
}> {
  return scenarioArb().chain((scenario) =>
    questionArb(scenario).map((question) => ({ scenario, question })),
  );
}
