import { describe, expect, it } from 'vitest';
import { planFix } from '../../../src/analysis/fix/plan.js';
import type { FixScope } from '../../../src/analysis/fix/types.js';
import { type TraceQuestion, traceFlow } from '../../../src/analysis/trace.js';
import { loadSnapshot } from '../../../src/ingest/load.js';
import { buildNetwork } from '../../../src/network/build.js';
import { asSources, snapshotFiles } from '../../../src/snapshot/files.js';
import type { Snapshot } from '../../../src/snapshot/snapshot.js';
import { buildSnapshot } from '../../../src/snapshot/validate.js';
import { BROKEN, MANUAL_ONLY, QUESTION } from './examples.js';

// A second client in its own subnet of the consumer VPC (10.0.2.0/24, the VPC's default NACL),
// carrying the same group as the client: a flow from it must stay blocked wherever the fix's
// scope does not reach it.
const SECOND = {
  subnet: 'subnet-0aaaa00000000b2c2',
  eni: 'eni-0aaaa00000000b2c2',
  ip: '10.0.2.30',
};

function withSecondClient(snapshot: Snapshot): Snapshot {
  const files = snapshotFiles(snapshot);
  const consumer = (key: string) =>
    files.find((f) => f.origin.account === '111111111111' && f.document[key] !== undefined)!;
  const subnets = consumer('Subnets').document.Subnets as Record<string, unknown>[];
  subnets.push({
    SubnetId: SECOND.subnet,
    VpcId: 'vpc-01d98ca7cdf5e9034',
    CidrBlock: '10.0.2.0/24',
    AvailabilityZone: 'us-east-1a',
    AvailabilityZoneId: 'use1-az1',
    OwnerId: '111111111111',
  });
  const enis = consumer('NetworkInterfaces').document.NetworkInterfaces as Record<
    string,
    unknown
  >[];
  enis.push({
    NetworkInterfaceId: SECOND.eni,
    SubnetId: SECOND.subnet,
    VpcId: 'vpc-01d98ca7cdf5e9034',
    AvailabilityZone: 'us-east-1a',
    InterfaceType: 'interface',
    OwnerId: '111111111111',
    PrivateIpAddress: SECOND.ip,
    PrivateIpAddresses: [{ Primary: true, PrivateIpAddress: SECOND.ip }],
    Groups: [{ GroupId: 'sg-0fb503e96996f9490', GroupName: 'client-sg' }],
    Ipv6Addresses: [],
    Status: 'in-use',
  });
  return buildSnapshot(asSources(files));
}

/** Flows other than the one being fixed: other ports, another protocol, another client. */
const OTHER_FLOWS: TraceQuestion[] = [
  { ...QUESTION, port: 22 },
  { ...QUESTION, port: 444 },
  { ...QUESTION, port: 8443 },
  { ...QUESTION, port: 8080 },
  { ...QUESTION, protocol: 'udp' },
  { ...QUESTION, from: SECOND.ip },
  { ...QUESTION, from: SECOND.ip, port: 8443 },
];

function verdicts(snapshot: Snapshot) {
  const network = buildNetwork(snapshot);
  return OTHER_FLOWS.map((flow) => traceFlow(network, flow).verdict);
}

function fixedVerdicts(name: string, dir: string, scope: FixScope) {
  const snapshot = withSecondClient(loadSnapshot(dir));
  const plan = planFix(snapshot, QUESTION, { scope });
  return { before: verdicts(snapshot), after: verdicts(plan.snapshot), name };
}

describe('a fix opens nothing that was blocked except the intended flow', () => {
  for (const example of BROKEN) {
    if (MANUAL_ONLY[example.name] !== undefined) continue;
    for (const scope of ['address', 'subnet'] as const) {
      it(`${example.name} (--scope ${scope}): other ports, protocols and clients stay as blocked`, () => {
        const { before, after } = fixedVerdicts(example.name, example.dir, scope);
        before.forEach((verdict, i) => {
          if (verdict === 'unreachable')
            expect(after[i], JSON.stringify(OTHER_FLOWS[i])).toBe('unreachable');
          if (verdict === 'partially-reachable') expect(after[i]).not.toBe('reachable');
        });
      });
    }
  }

  it('the scope decides who else the rule admits: the endpoint group opens to the VPC only with --scope vpc', () => {
    const dir = BROKEN.find((e) => e.name === 'endpoint-sg-wrong-port')!.dir;
    const second = { ...QUESTION, from: SECOND.ip };
    const endpointSgBlocks = (scope: FixScope) => {
      const plan = planFix(withSecondClient(loadSnapshot(dir)), QUESTION, { scope });
      const trace = traceFlow(buildNetwork(plan.snapshot), second);
      return trace.blocked.some(
        (b) => b.kind === 'security-group' && b.component.startsWith('eni-07a16a'),
      );
    };
    expect(endpointSgBlocks('address')).toBe(true);
    expect(endpointSgBlocks('subnet')).toBe(true);
    expect(endpointSgBlocks('vpc')).toBe(false);
  });
});
