import { describe, expect, it } from 'vitest';
import { diffNetworks } from '../../../src/analysis/diff/diff.js';
import {
  aclEntry,
  IDS,
  item,
  networkOf,
  privateLinkDocs,
  tcpRule,
} from '../../fixtures/privatelink-network.js';

type Entries = Record<string, unknown>[];

const addressCount = (cidrs: readonly string[]) =>
  cidrs.reduce((sum, c) => sum + 2 ** (32 - Number(c.split('/')[1])), 0);

describe('diff on changed copies of the PrivateLink fixture', () => {
  it('opening tcp 22 to 0.0.0.0/0 behind a NACL that blocks it opens nothing across the NACL', () => {
    const after = privateLinkDocs();
    const group = item(after, 'SecurityGroups', IDS.targetSg);
    group.IpPermissions = [...(group.IpPermissions as Entries), tcpRule(22, 22, ['0.0.0.0/0'])];
    const result = diffNetworks(networkOf(privateLinkDocs()), networkOf(after));
    const flows = result.destinations.flatMap((d) => d.flows);
    expect(result.summary.closed).toBe(0);
    // A NACL does not filter traffic within its subnet, so each target's own subnet is the
    // only place the new rule reaches from; no ENI of the snapshot sits there to use it.
    expect(
      result.destinations.map((d) => [d.destination, d.flows.map((f) => f.sources.cidrs)]),
    ).toEqual([
      [IDS.target1Eni, [['10.1.11.0/24']]],
      [IDS.target2Eni, [['10.1.12.0/24']]],
    ]);
    expect(flows.every((f) => f.ports.join() === '22' && f.sources.enis.length === 0)).toBe(true);
    expect(flows.map((f) => f.causes)).toEqual([
      [`${IDS.targetSg} ingress tcp 22 from 0.0.0.0/0`],
      [`${IDS.targetSg} ingress tcp 22 from 0.0.0.0/0`],
    ]);
  });

  it('the same rule with no NACL in the way opens tcp 22 from the whole VPC', () => {
    const after = privateLinkDocs();
    const group = item(after, 'SecurityGroups', IDS.targetSg);
    group.IpPermissions = [...(group.IpPermissions as Entries), tcpRule(22, 22, ['0.0.0.0/0'])];
    const entries = item(after, 'NetworkAcls', IDS.targetAcl).Entries as Entries;
    entries.unshift(
      aclEntry(10, false, 'allow', '0.0.0.0/0'),
      aclEntry(10, true, 'allow', '0.0.0.0/0'),
    );
    const result = diffNetworks(networkOf(privateLinkDocs()), networkOf(after), {
      to: [IDS.target1Eni],
    });
    const opened = result.destinations[0]!.flows.filter((f) => f.ports.join() === '22');
    // Every address of the VPC but the NLB nodes', which only answer and never open a flow.
    expect(opened).toHaveLength(1);
    const cidrs = opened[0]!.sources.cidrs;
    expect(cidrs).toContain('10.1.128.0/17');
    expect(cidrs).not.toContain('10.1.1.10/32');
    expect(addressCount(cidrs)).toBe(65536 - 2);
  });

  it('renumbering NACL entries without changing what they decide is an empty diff', () => {
    const after = privateLinkDocs();
    const acl = item(after, 'NetworkAcls', IDS.endpointAcl);
    acl.Entries = (acl.Entries as Entries).map((entry) =>
      entry.RuleNumber === 100 ? { ...entry, RuleNumber: 200 } : entry,
    );
    const result = diffNetworks(networkOf(privateLinkDocs()), networkOf(after));
    expect(result.destinations).toEqual([]);
    expect(result.changes.map((c) => `${c.direction} ${c.ruleNumber} ${c.change}`)).toEqual([
      'ingress 100 removed',
      'ingress 200 added',
      'egress 100 removed',
      'egress 200 added',
    ]);
  });

  it('a destination present on one side only is all opened (or all closed)', () => {
    const without = privateLinkDocs();
    without.VpcEndpoints = [];
    without.VpcEndpointConnections = [];
    without.NetworkInterfaces = without.NetworkInterfaces.filter(
      (e) => e.NetworkInterfaceId !== IDS.endpointEni1 && e.NetworkInterfaceId !== IDS.endpointEni2,
    );
    const before = networkOf(without);
    const after = networkOf(privateLinkDocs());
    const opened = diffNetworks(before, after, { to: [IDS.endpoint] });
    expect(opened.destinations).toMatchObject([
      {
        destination: IDS.endpoint,
        presence: 'after',
        flows: [{ change: 'opened', ports: ['443'], sources: { cidrs: ['10.0.1.0/24'] } }],
      },
    ]);
    const closed = diffNetworks(after, before, { to: [IDS.endpoint] });
    expect(closed.destinations).toMatchObject([
      { destination: IDS.endpoint, presence: 'before', flows: [{ change: 'closed' }] },
    ]);
    expect(closed.destinations[0]!.flows[0]!.trace!.summary).toMatch(
      /^not traced: .*matches nothing/,
    );
  });

  it('names the flows that depend on an ENI whose address is unknown until deployment', () => {
    const after = privateLinkDocs();
    after.NetworkInterfaces.push({
      NetworkInterfaceId: 'eni-0c0000000000000c9',
      SubnetId: 'subnet-0c00000000000c001',
      VpcId: 'vpc-0c0000000000000c1',
      Groups: [{ GroupId: IDS.clientSg }],
      InterfaceType: 'interface',
      TagSet: [{ Key: 'vpcreach:address', Value: 'unknown' }],
    });
    const result = diffNetworks(networkOf(privateLinkDocs()), networkOf(after));
    const flows = result.destinations.flatMap((d) => d.flows);
    expect(flows.length).toBeGreaterThan(0);
    const toEndpoint = result.destinations.find((d) => d.destination === IDS.endpoint)!.flows;
    expect(toEndpoint).toMatchObject([
      {
        change: 'opened',
        origin: 'sender-side',
        sources: { enis: ['eni-0c0000000000000c9'] },
        dependsOnUnknownAddress: ['eni-0c0000000000000c9'],
      },
    ]);
    expect(result.limitations.map((l) => l.code)).toContain('ADDRESS_UNKNOWN_UNTIL_DEPLOYMENT');
  });
});
