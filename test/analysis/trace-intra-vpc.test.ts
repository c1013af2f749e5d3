import { describe, expect, it } from 'vitest';
import { traceFlow } from '../../src/analysis/trace.js';
import {
  aclEntry,
  IDS,
  item,
  networkOf,
  privateLinkDocs,
  tcpRule,
} from '../fixtures/privatelink-network.js';

type Docs = ReturnType<typeof privateLinkDocs>;

/** Adds an instance ENI to the consumer VPC. */
function addEni(
  docs: Docs,
  id: string,
  subnetId: string,
  ip: string,
  groups: string[],
  ipv6?: string,
) {
  docs.NetworkInterfaces.push({
    NetworkInterfaceId: id,
    SubnetId: subnetId,
    VpcId: 'vpc-0c0000000000000c1',
    PrivateIpAddress: ip,
    PrivateIpAddresses: [{ PrivateIpAddress: ip, Primary: true }],
    Ipv6Addresses: ipv6 === undefined ? [] : [{ Ipv6Address: ipv6 }],
    Groups: groups.map((GroupId) => ({ GroupId })),
    InterfaceType: 'interface',
  });
}

function server(
  docs: Docs,
  rules: Record<string, unknown>[],
  subnetId = 'subnet-0c00000000000c001',
) {
  docs.SecurityGroups.push({
    GroupId: 'sg-0d0000000000000d1',
    GroupName: 'server',
    VpcId: 'vpc-0c0000000000000c1',
    IpPermissions: rules,
    IpPermissionsEgress: [],
  });
  addEni(
    docs,
    'eni-0d0000000000000d1',
    subnetId,
    subnetId.endsWith('c001') ? '10.0.1.20' : '10.0.11.20',
    ['sg-0d0000000000000d1'],
    subnetId.endsWith('c001') ? '2600:1f18::20' : '2600:1f18:0:11::20',
  );
  item(docs, 'SecurityGroups', IDS.clientSg).IpPermissionsEgress = [
    { IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [{ CidrIpv6: '::/0' }] },
  ];
}

const run = (docs: Docs, question: Record<string, unknown>) =>
  traceFlow(networkOf(docs), { from: IDS.client, to: 'eni-0d0000000000000d1', ...question });

describe('trace between ENIs of one VPC', () => {
  it('to a secondary address asks about that address, not the primary one', () => {
    const docs = privateLinkDocs();
    server(docs, [tcpRule(443, 443, ['10.0.1.0/24'])]);
    const eni = item(docs, 'NetworkInterfaces', 'eni-0d0000000000000d1');
    eni.PrivateIpAddresses = [
      { PrivateIpAddress: '10.0.1.20', Primary: true },
      { PrivateIpAddress: '10.0.1.21', Primary: false },
    ];
    // Only the secondary address is admitted, so only a trace to it can pass.
    item(docs, 'SecurityGroups', 'sg-0d0000000000000d1').IpPermissions = [
      tcpRule(443, 443, ['10.0.1.0/24']),
    ];
    item(docs, 'SecurityGroups', IDS.clientSg).IpPermissionsEgress = [
      tcpRule(443, 443, ['10.0.1.21/32']),
    ];
    const network = networkOf(docs);
    const toSecondary = traceFlow(network, { from: IDS.client, to: '10.0.1.21', port: 443 });
    expect(toSecondary.verdict).toBe('reachable');
    expect(toSecondary.paths[0]!.waypoints.destination?.address).toBe('10.0.1.21');
    expect(traceFlow(network, { from: IDS.client, to: '10.0.1.20', port: 443 }).verdict).toBe(
      'unreachable',
    );
  });

  it('crosses no network ACL inside one subnet: only the two groups decide', () => {
    const docs = privateLinkDocs();
    server(docs, [tcpRule(22, 22, ['10.0.1.0/24'])]);
    // the client subnet's NACL would deny port 22 to 10.0.1.20 if it were evaluated
    const result = run(docs, { port: 22 });
    expect(result.verdict).toBe('reachable');
    expect(result.paths[0]!.forward.map((h) => h.kind)).toEqual([
      'security-group',
      'security-group',
    ]);
    expect(result.paths[0]!.return).toEqual([]);
  });

  it('crosses both NACLs between two subnets, request and reply', () => {
    const docs = privateLinkDocs();
    server(docs, [tcpRule(443, 443, ['10.0.1.0/24'])], 'subnet-0e00000000000e011');
    const result = run(docs, { port: 443 });
    expect(result.verdict).toBe('reachable');
    expect(result.paths[0]!.forward.map((h) => `${h.kind}:${h.direction}`)).toEqual([
      'security-group:egress',
      'network-acl:egress',
      'network-acl:ingress',
      'security-group:ingress',
    ]);
    expect(result.paths[0]!.return.map((h) => `${h.component}:${h.direction}`)).toEqual([
      `${IDS.endpointAcl}:egress`,
      `${IDS.clientAcl}:ingress`,
    ]);
  });

  it('matches a group reference by the sender carrying the group', () => {
    const docs = privateLinkDocs();
    server(docs, [
      {
        IpProtocol: 'tcp',
        FromPort: 5432,
        ToPort: 5432,
        UserIdGroupPairs: [{ GroupId: IDS.clientSg }],
      },
    ]);
    expect(run(docs, { port: 5432 }).verdict).toBe('reachable');
    expect(
      traceFlow(networkOf(docs), { from: 'eni-0d0000000000000d1', to: IDS.clientEni, port: 5432 })
        .verdict,
    ).toBe('unreachable');
  });

  it('a self-reference admits the other members of the group', () => {
    const docs = privateLinkDocs();
    server(docs, [{ IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: 'sg-0d0000000000000d1' }] }]);
    expect(run(docs, { port: 80 }).verdict).toBe('unreachable');
    item(docs, 'NetworkInterfaces', IDS.clientEni).Groups = [
      { GroupId: IDS.clientSg },
      { GroupId: 'sg-0d0000000000000d1' },
    ];
    expect(run(docs, { port: 80 }).verdict).toBe('reachable');
  });

  it('a stale reference (peering gone) matches nothing', () => {
    const docs = privateLinkDocs();
    server(docs, [
      {
        IpProtocol: 'tcp',
        FromPort: 80,
        ToPort: 80,
        UserIdGroupPairs: [{ GroupId: IDS.clientSg, PeeringStatus: 'deleted' }],
      },
    ]);
    expect(run(docs, { port: 80 }).verdict).toBe('unreachable');
  });

  it('protocol -1 admits every protocol and port; a plain number admits all its ports', () => {
    const docs = privateLinkDocs();
    server(docs, [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '10.0.1.10/32' }] }]);
    expect(run(docs, { port: 9999, protocol: 'udp' }).verdict).toBe('reachable');
    const gre = privateLinkDocs();
    server(gre, [
      { IpProtocol: '47', FromPort: 5, ToPort: 5, IpRanges: [{ CidrIp: '10.0.1.0/24' }] },
    ]);
    expect(run(gre, { protocol: 47 }).verdict).toBe('reachable');
    expect(run(gre, { protocol: 50 }).verdict).toBe('unreachable');
  });

  it('UDP rules do not admit TCP and the other way round', () => {
    const docs = privateLinkDocs();
    server(docs, [
      { IpProtocol: 'udp', FromPort: 53, ToPort: 53, IpRanges: [{ CidrIp: '10.0.0.0/16' }] },
    ]);
    expect(run(docs, { port: 53, protocol: 'udp' }).verdict).toBe('reachable');
    expect(run(docs, { port: 53, protocol: 'tcp' }).verdict).toBe('unreachable');
  });

  it('ICMP rules match on type and code; the echo reply must pass the NACLs back', () => {
    const docs = privateLinkDocs();
    server(
      docs,
      [{ IpProtocol: 'icmp', FromPort: 8, ToPort: -1, IpRanges: [{ CidrIp: '10.0.0.0/16' }] }],
      'subnet-0e00000000000e011',
    );
    const acl = item(docs, 'NetworkAcls', IDS.endpointAcl).Entries as Record<string, unknown>[];
    acl.push({
      ...aclEntry(200, false, 'allow', '10.0.1.0/24', undefined, '1'),
      IcmpTypeCode: { Type: 8, Code: -1 },
    });
    const client = item(docs, 'NetworkAcls', IDS.clientAcl).Entries as Record<string, unknown>[];
    client.push({
      ...aclEntry(200, true, 'allow', '10.0.0.0/16', undefined, '1'),
      IcmpTypeCode: { Type: -1, Code: -1 },
    });
    const noReply = run(docs, { protocol: 'icmp' });
    expect(noReply.verdict).toBe('unreachable');
    expect(noReply.blocked).toEqual([
      expect.objectContaining({
        component: IDS.endpointAcl,
        direction: 'egress',
        path: 'return',
        rule: '*',
      }),
      expect.objectContaining({
        component: IDS.clientAcl,
        direction: 'ingress',
        path: 'return',
        rule: '*',
      }),
    ]);
    acl.push({
      ...aclEntry(200, true, 'allow', '10.0.1.0/24', undefined, '1'),
      IcmpTypeCode: { Type: 0, Code: 0 },
    });
    client.push({
      ...aclEntry(200, false, 'allow', '10.0.0.0/16', undefined, '1'),
      IcmpTypeCode: { Type: 0, Code: -1 },
    });
    expect(run(docs, { protocol: 'icmp' }).verdict).toBe('reachable');
    expect(run(docs, { protocol: 'icmp', icmpType: 13 }).verdict).toBe('unreachable');
  });

  it('traces IPv6: an IPv4 rule never admits an IPv6 packet', () => {
    const docs = privateLinkDocs();
    server(docs, [tcpRule(443, 443, ['10.0.1.0/24'])]);
    item(docs, 'NetworkInterfaces', IDS.clientEni).Ipv6Addresses = [
      { Ipv6Address: '2600:1f18::10' },
    ];
    const v6 = run(docs, { port: 443, ipVersion: 6 });
    expect(v6.verdict).toBe('unreachable');
    expect(v6.paths[0]!.forward[1]!.packet).toMatchObject({
      source: '2600:1f18::10',
      destination: '2600:1f18::20',
    });
    const sg = item(docs, 'SecurityGroups', 'sg-0d0000000000000d1');
    sg.IpPermissions = [
      {
        IpProtocol: 'tcp',
        FromPort: 443,
        ToPort: 443,
        Ipv6Ranges: [{ CidrIpv6: '2600:1f18::/56' }],
      },
    ];
    expect(run(docs, { port: 443, ipVersion: 6 }).verdict).toBe('reachable');
    expect(run(docs, { port: 443 }).verdict).toBe('unreachable');
  });

  it('icmp between IPv6 addresses is ICMPv6, echo request by default', () => {
    const docs = privateLinkDocs();
    server(docs, [
      { IpProtocol: 'icmpv6', FromPort: -1, ToPort: -1, Ipv6Ranges: [{ CidrIpv6: '::/0' }] },
    ]);
    item(docs, 'NetworkInterfaces', IDS.clientEni).Ipv6Addresses = [
      { Ipv6Address: '2600:1f18::10' },
    ];
    const ping = traceFlow(networkOf(docs), {
      from: '2600:1f18::10',
      to: '2600:1f18::20',
      protocol: 'icmp',
    });
    expect(ping.question).toMatchObject({ protocol: 'icmpv6', icmp: { type: 128, code: 0 } });
    expect(ping.verdict).toBe('reachable');
    // Protocol 1 by number stays ICMP for IPv4, which no IPv6 rule admits.
    const one = traceFlow(networkOf(docs), {
      from: '2600:1f18::10',
      to: '2600:1f18::20',
      protocol: 1,
    });
    expect(one.verdict).toBe('unreachable');
  });

  it('IPv6 NACL entries judge only IPv6 packets', () => {
    const docs = privateLinkDocs();
    server(
      docs,
      [
        {
          IpProtocol: '-1',
          Ipv6Ranges: [{ CidrIpv6: '::/0' }],
          IpRanges: [{ CidrIp: '0.0.0.0/0' }],
        },
      ],
      'subnet-0e00000000000e011',
    );
    item(docs, 'NetworkInterfaces', IDS.clientEni).Ipv6Addresses = [
      { Ipv6Address: '2600:1f18::10' },
    ];
    // the endpoint subnet has only IPv4 entries, so IPv6 meets no rule and is denied by `*`
    const result = run(docs, { port: 443, ipVersion: 6 });
    expect(result.blocked).toContainEqual(
      expect.objectContaining({ component: IDS.clientAcl, rule: '*' }),
    );
  });

  it('refuses an unknown source with a usage error that names it', () => {
    expect(() =>
      traceFlow(networkOf(privateLinkDocs()), { from: 'i-0nothere', to: IDS.endpoint, port: 443 }),
    ).toThrow('--from i-0nothere matches nothing in the snapshot');
  });
});
