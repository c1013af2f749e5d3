import { describe, expect, it } from 'vitest';
import { emitSnapshotDocument } from '../../../src/ingest/iac/emit-snapshot.js';
import { createIacNetwork, type IacNetwork } from '../../../src/ingest/iac/model.js';
import { NoteList } from '../../../src/ingest/iac/read-result.js';
import { itemsOf } from '../fixture.js';

function dualStackNetwork(): IacNetwork {
  const network = createIacNetwork('us-east-1', '111122223333');
  network.vpcs.push({
    source: 'aws_vpc.main',
    tags: [],
    vpcId: 'vpc-1',
    cidrBlock: '10.0.0.0/16',
    ipv6CidrBlocks: ['2001:db8::/56'],
    defaultNetworkAclId: 'acl-1',
    defaultSecurityGroupId: 'sg-1',
  });
  network.subnets.push({
    source: 'aws_subnet.a',
    tags: [],
    subnetId: 'subnet-1',
    vpcId: 'vpc-1',
    cidrBlock: '10.0.1.0/24',
  });
  return network;
}

describe('emitSnapshotDocument', () => {
  it('gives an IPv6 VPC default ACL rules 101 and the 32768 * entries', () => {
    const document = emitSnapshotDocument(dualStackNetwork(), new NoteList());
    const [acl] = itemsOf(document, 'NetworkAcls');
    const inbound = (acl!.Entries as Array<Record<string, unknown>>).filter(
      (entry) => !entry.Egress,
    );
    expect(inbound).toEqual([
      {
        RuleNumber: 100,
        Protocol: '-1',
        RuleAction: 'allow',
        Egress: false,
        CidrBlock: '0.0.0.0/0',
      },
      {
        RuleNumber: 101,
        Protocol: '-1',
        RuleAction: 'allow',
        Egress: false,
        Ipv6CidrBlock: '::/0',
      },
      {
        RuleNumber: 32767,
        Protocol: '-1',
        RuleAction: 'deny',
        Egress: false,
        CidrBlock: '0.0.0.0/0',
      },
      {
        RuleNumber: 32768,
        Protocol: '-1',
        RuleAction: 'deny',
        Egress: false,
        Ipv6CidrBlock: '::/0',
      },
    ]);
    expect(acl!.Associations).toEqual([
      { NetworkAclAssociationId: 'aclassoc-1', NetworkAclId: 'acl-1', SubnetId: 'subnet-1' },
    ]);
  });

  it('gives an IPv6 VPC default group outbound rules to 0.0.0.0/0 and ::/0', () => {
    const document = emitSnapshotDocument(dualStackNetwork(), new NoteList());
    const [group] = itemsOf(document, 'SecurityGroups');
    expect(group!.IpPermissionsEgress).toEqual([
      {
        IpProtocol: '-1',
        IpRanges: [{ CidrIp: '0.0.0.0/0' }],
        Ipv6Ranges: [{ CidrIpv6: '::/0' }],
        PrefixListIds: [],
        UserIdGroupPairs: [],
      },
    ]);
  });

  it('merges rules with one protocol and port range into one IpPermission', () => {
    const network = dualStackNetwork();
    const https = {
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      cidrIpv6: [],
      prefixListIds: [],
      groupIds: [],
    };
    network.securityGroups.push({
      source: 'aws_security_group.web',
      tags: [],
      groupId: 'sg-2',
      groupName: 'web',
      description: '',
      vpcId: 'vpc-1',
      isDefault: false,
      ingress: [{ ...https, cidrIpv4: ['10.0.0.0/16'] }],
      egress: [],
    });
    network.securityGroupRules.push({
      source: 'aws_security_group_rule.office',
      groupId: 'sg-2',
      direction: 'ingress',
      permission: {
        ...https,
        cidrIpv4: ['192.0.2.0/24'],
        groupIds: ['222233334444/sg-9'],
        description: 'office',
      },
    });
    const document = emitSnapshotDocument(network, new NoteList());
    const group = itemsOf(document, 'SecurityGroups').find((item) => item.GroupId === 'sg-2');
    expect(group!.IpPermissions).toEqual([
      {
        IpProtocol: 'tcp',
        FromPort: 443,
        ToPort: 443,
        IpRanges: [{ CidrIp: '10.0.0.0/16' }, { CidrIp: '192.0.2.0/24', Description: 'office' }],
        Ipv6Ranges: [],
        PrefixListIds: [],
        UserIdGroupPairs: [{ GroupId: 'sg-9', UserId: '222233334444', Description: 'office' }],
      },
    ]);
  });

  it('leaves out keys with nothing in them', () => {
    const document = emitSnapshotDocument(dualStackNetwork(), new NoteList());
    expect(Object.keys(document).sort()).toEqual([
      'NetworkAcls',
      'SecurityGroups',
      'Subnets',
      'Vpcs',
    ]);
  });
});
