import { describe, expect, it } from 'vitest';
import { reachTo } from '../../src/analysis/reach/reach.js';
import { traceFlow } from '../../src/analysis/trace.js';
import {
  aclEntry,
  copyEni,
  IDS,
  item,
  networkOf,
  privateLinkDocs,
  withNlbGroup,
} from '../fixtures/privatelink-network.js';

// Mismatches the oracle found on random snapshots, each kept as the smallest case that showed it.

describe('regressions found by the brute-force oracle', () => {
  it('an endpoint service with an empty zone-ID list is offered in the zones it names', () => {
    const docs = privateLinkDocs();
    const service = docs.ServiceConfigurations[0]!;
    service.AvailabilityZoneIds = [];
    service.AvailabilityZones = ['us-east-1a', 'us-east-1b'];
    docs.AvailabilityZones = [
      { ZoneName: 'us-east-1b', ZoneId: 'use1-az1', RegionName: 'us-east-1' },
      { ZoneName: 'us-east-1a', ZoneId: 'use1-az2', RegionName: 'us-east-1' },
    ];
    expect(
      traceFlow(networkOf(docs), { from: IDS.client, to: IDS.endpoint, port: 443 }).verdict,
    ).toBe('reachable');
  });

  it('passing ports that meet end to end are reported as one range', () => {
    const docs = privateLinkDocs();
    const entries = item(docs, 'NetworkAcls', IDS.clientAcl).Entries as Record<string, unknown>[];
    entries[1] = aclEntry(100, false, 'allow', '10.0.8.0/21', [1024, 65525]);
    entries.push(
      aclEntry(101, false, 'allow', '10.0.8.0/21', [65526, 65526]),
      aclEntry(102, false, 'allow', '10.0.8.0/21', [65527, 65535]),
    );
    const result = traceFlow(networkOf(docs), { from: IDS.client, to: IDS.endpoint, port: 443 });
    expect(result.verdict).toBe('reachable');
    expect(result.paths[0]!.clientPortsPassing).toEqual([{ from: 1024, to: 65535 }]);
  });

  it('a protocol without ports keeps the asked source-port range when its reply passes', () => {
    const docs = privateLinkDocs();
    item(docs, 'SecurityGroups', IDS.clientSg).IpPermissions = [
      { IpProtocol: '-1', IpRanges: [{ CidrIp: '10.0.0.0/16' }] },
    ];
    item(docs, 'SecurityGroups', IDS.clientSg).IpPermissionsEgress = [
      { IpProtocol: '-1', IpRanges: [{ CidrIp: '10.0.0.0/16' }] },
    ];
    copyEni(docs, IDS.clientEni, 'eni-0c0000000000000c2', '10.0.1.11');
    const result = traceFlow(networkOf(docs), {
      from: IDS.clientEni,
      to: 'eni-0c0000000000000c2',
      protocol: 47,
    });
    expect(result.verdict).toBe('reachable');
    expect(result.paths[0]!.clientPortsPassing).toEqual([{ from: 1024, to: 65535 }]);
  });

  it('reach to one address of an ENI admits packets to that address only', () => {
    const docs = privateLinkDocs();
    const client = item(docs, 'NetworkInterfaces', IDS.clientEni);
    client.Ipv6Addresses = [{ Ipv6Address: '2600:1f18::10' }];
    docs.Vpcs[0]!.Ipv6CidrBlockAssociationSet = [{ Ipv6CidrBlock: '2600:1f18::/56' }];
    item(docs, 'Subnets', 'subnet-0c00000000000c001').Ipv6CidrBlockAssociationSet = [
      { Ipv6CidrBlock: '2600:1f18::/64' },
    ];
    item(docs, 'SecurityGroups', IDS.clientSg).IpPermissions = [
      {
        IpProtocol: 'tcp',
        FromPort: 22,
        ToPort: 22,
        IpRanges: [{ CidrIp: '10.0.0.0/16' }],
        Ipv6Ranges: [{ CidrIpv6: '2600:1f18::/56' }],
      },
    ];
    const network = networkOf(docs);
    const byAddress = reachTo(network, { to: '10.0.1.10', ports: { from: 22, to: 22 } });
    expect(byAddress.admitted.every((a) => a.cidrs.every((c) => !c.includes(':')))).toBe(true);
    const byEni = reachTo(network, { to: IDS.clientEni, ports: { from: 22, to: 22 } });
    expect(byEni.admitted.some((a) => a.cidrs.some((c) => c.includes(':')))).toBe(true);
  });

  it('a target calling its own NLB with its address preserved is not answered by itself', () => {
    const docs = privateLinkDocs();
    const network = networkOf(docs);
    const result = traceFlow(network, { from: IDS.target1, to: IDS.nlb, port: 443 });
    const toItself = result.paths.filter((p) => p.waypoints.target?.eniId === IDS.target1Eni);
    expect(toItself.length).toBeGreaterThan(0);
    for (const path of toItself) {
      expect(path.verdict).toBe('unreachable');
      expect(path.forward.map((h) => h.code)).toContain('NLB_LOOPBACK_WITH_CLIENT_IP_PRESERVED');
    }
    const group = item(docs, 'TargetGroupAttributes', IDS.targetGroup);
    group.Attributes = [
      ...((group.Attributes as unknown[]) ?? []),
      { Key: 'preserve_client_ip.enabled', Value: 'false' },
    ];
    const unpreserved = traceFlow(networkOf(docs), { from: IDS.target1, to: IDS.nlb, port: 443 });
    for (const path of unpreserved.paths)
      expect(path.forward.map((h) => h.code)).not.toContain(
        'NLB_LOOPBACK_WITH_CLIENT_IP_PRESERVED',
      );
  });

  it("a reference to the consumer's group on the NLB admits nothing through PrivateLink", () => {
    const docs = privateLinkDocs();
    withNlbGroup(docs, [
      {
        IpProtocol: 'tcp',
        FromPort: 443,
        ToPort: 443,
        UserIdGroupPairs: [{ GroupId: IDS.clientSg }],
      },
    ]);
    const network = networkOf(docs);
    const result = traceFlow(network, { from: IDS.clientEni, to: IDS.endpoint, port: 443 });
    expect(result.verdict).toBe('unreachable');
    const reach = reachTo(network, { to: IDS.endpoint, ports: { from: 443, to: 443 } });
    expect(reach.admitted).toEqual([]);
  });

  it('two reply hops passing different parts of the NLB ports let no reply back, in reach too', () => {
    const docs = privateLinkDocs();
    const narrow = (aclId: string, egress: boolean, from: number, to: number) => {
      const entries = item(docs, 'NetworkAcls', aclId).Entries as Record<string, unknown>[];
      for (const entry of entries) {
        const range = entry.PortRange as { From: number; To: number } | undefined;
        if (entry.Egress === egress && range?.From === 1024)
          entry.PortRange = { From: from, To: to };
      }
    };
    narrow(IDS.targetAcl, true, 1024, 32767);
    narrow(IDS.nlbAcl, false, 32768, 65535);
    const network = networkOf(docs);
    const traced = traceFlow(network, { from: IDS.client, to: IDS.endpoint, port: 443 });
    expect(traced.verdict).toBe('unreachable');
    expect(traced.paths.every((p) => p.loadBalancerPortsPassing?.length === 0)).toBe(true);
    expect(reachTo(network, { to: IDS.endpoint, ports: { from: 443, to: 443 } }).admitted).toEqual(
      [],
    );
  });
});
