import { describe, expect, it } from 'vitest';
import { readTerraformPlan } from '../../../src/ingest/terraform/index.js';
import { fixtureText, itemById, itemsOf } from '../fixture.js';

const UNKNOWN = { Key: 'vpcreach:address', Value: 'unknown-until-deployment' };

function readPlan(path: string) {
  const result = readTerraformPlan(fixtureText(path), { file: path });
  expect(result.documents).toHaveLength(1);
  return { document: result.documents[0]!, notes: result.notes };
}

describe('readTerraformPlan on a PrivateLink plan with nothing created yet', () => {
  const { document, notes } = readPlan('terraform/privatelink-plan.json');

  it('gives resources without IDs placeholders that keep the AWS prefix and name the address', () => {
    expect(itemsOf(document, 'Vpcs').map((vpc) => vpc.VpcId)).toEqual([
      'vpc-aws_vpc.consumer',
      'vpc-aws_vpc.provider',
    ]);
    const subnet = itemById(document, 'Subnets', 'SubnetId', 'subnet-aws_subnet.endpoint_b');
    expect(subnet).toMatchObject({
      VpcId: 'vpc-aws_vpc.consumer',
      CidrBlock: '10.0.3.0/24',
      AvailabilityZone: 'us-east-1b',
    });
  });

  it('resolves the endpoint group rule that references the client group through the configuration', () => {
    const group = itemById(document, 'SecurityGroups', 'GroupId', 'sg-aws_security_group.endpoint');
    expect(group.IpPermissions).toEqual([
      {
        IpProtocol: 'tcp',
        FromPort: 443,
        ToPort: 443,
        IpRanges: [{ CidrIp: '10.0.1.0/24' }],
        Ipv6Ranges: [],
        PrefixListIds: [],
        UserIdGroupPairs: [{ GroupId: 'sg-aws_security_group.client', UserId: '123456789012' }],
      },
    ]);
  });

  it('gives a Terraform group without egress blocks no outbound rules at all', () => {
    const group = itemById(document, 'SecurityGroups', 'GroupId', 'sg-aws_security_group.target');
    expect(group.IpPermissionsEgress).toEqual([]);
  });

  it('adds each VPC default group: all inbound from itself, all outbound to 0.0.0.0/0', () => {
    const group = itemById(document, 'SecurityGroups', 'GroupId', 'sg-aws_vpc.consumer.default');
    expect(group).toMatchObject({ GroupName: 'default', VpcId: 'vpc-aws_vpc.consumer' });
    expect(group.IpPermissions).toEqual([
      {
        IpProtocol: '-1',
        IpRanges: [],
        Ipv6Ranges: [],
        PrefixListIds: [],
        UserIdGroupPairs: [{ GroupId: 'sg-aws_vpc.consumer.default', UserId: '123456789012' }],
      },
    ]);
    expect(group.IpPermissionsEgress).toEqual([
      {
        IpProtocol: '-1',
        IpRanges: [{ CidrIp: '0.0.0.0/0' }],
        Ipv6Ranges: [],
        PrefixListIds: [],
        UserIdGroupPairs: [],
      },
    ]);
  });

  it('lists the endpoint ACL entries with the * entries AWS appends, outbound first', () => {
    const acl = itemById(document, 'NetworkAcls', 'NetworkAclId', 'acl-aws_network_acl.endpoint');
    expect(acl.IsDefault).toBe(false);
    expect(acl.Entries).toEqual([
      {
        RuleNumber: 100,
        Protocol: '6',
        RuleAction: 'allow',
        Egress: true,
        CidrBlock: '10.0.1.0/24',
        PortRange: { From: 1024, To: 65535 },
      },
      {
        RuleNumber: 32767,
        Protocol: '-1',
        RuleAction: 'deny',
        Egress: true,
        CidrBlock: '0.0.0.0/0',
      },
      {
        RuleNumber: 100,
        Protocol: '6',
        RuleAction: 'allow',
        Egress: false,
        CidrBlock: '10.0.1.0/24',
        PortRange: { From: 443, To: 443 },
      },
      {
        RuleNumber: 32767,
        Protocol: '-1',
        RuleAction: 'deny',
        Egress: false,
        CidrBlock: '0.0.0.0/0',
      },
    ]);
    expect(acl.Associations).toEqual([
      expect.objectContaining({ SubnetId: 'subnet-aws_subnet.endpoint_a' }),
      expect.objectContaining({ SubnetId: 'subnet-aws_subnet.endpoint_b' }),
    ]);
  });

  it('translates the tcp protocol name of an ACL block into its number', () => {
    const acl = itemById(document, 'NetworkAcls', 'NetworkAclId', 'acl-aws_network_acl.client');
    expect(acl.Entries).toContainEqual(
      expect.objectContaining({ RuleNumber: 100, Egress: true, Protocol: '6' }),
    );
  });

  it('adds each VPC default ACL with rule 100 both ways and no subnet left on it', () => {
    const acl = itemById(document, 'NetworkAcls', 'NetworkAclId', 'acl-aws_vpc.consumer.default');
    expect(acl.IsDefault).toBe(true);
    expect(acl.Associations).toEqual([]);
    expect(acl.Entries).toEqual([
      {
        RuleNumber: 100,
        Protocol: '-1',
        RuleAction: 'allow',
        Egress: true,
        CidrBlock: '0.0.0.0/0',
      },
      {
        RuleNumber: 32767,
        Protocol: '-1',
        RuleAction: 'deny',
        Egress: true,
        CidrBlock: '0.0.0.0/0',
      },
      {
        RuleNumber: 100,
        Protocol: '-1',
        RuleAction: 'allow',
        Egress: false,
        CidrBlock: '0.0.0.0/0',
      },
      {
        RuleNumber: 32767,
        Protocol: '-1',
        RuleAction: 'deny',
        Egress: false,
        CidrBlock: '0.0.0.0/0',
      },
    ]);
  });

  it('creates one endpoint ENI per endpoint subnet, address unknown until deployment', () => {
    const endpoint = itemById(
      document,
      'VpcEndpoints',
      'VpcEndpointId',
      'vpce-aws_vpc_endpoint.service',
    );
    const eniIds = [
      'eni-aws_vpc_endpoint.service@aws_subnet.endpoint_a',
      'eni-aws_vpc_endpoint.service@aws_subnet.endpoint_b',
    ];
    expect(endpoint).toMatchObject({
      VpcEndpointType: 'Interface',
      SubnetIds: ['subnet-aws_subnet.endpoint_a', 'subnet-aws_subnet.endpoint_b'],
      NetworkInterfaceIds: eniIds,
      Groups: [{ GroupId: 'sg-aws_security_group.endpoint', GroupName: 'endpoint' }],
    });
    for (const eniId of eniIds) {
      const eni = itemById(document, 'NetworkInterfaces', 'NetworkInterfaceId', eniId);
      expect(eni).toMatchObject({
        InterfaceType: 'vpc_endpoint',
        RequesterManaged: true,
        PrivateIpAddresses: [],
        Groups: [{ GroupId: 'sg-aws_security_group.endpoint', GroupName: 'endpoint' }],
        TagSet: [UNKNOWN],
      });
      expect(eni).not.toHaveProperty('PrivateIpAddress');
    }
  });

  it('names the endpoint service the way the consumer endpoint asks for it', () => {
    const [service] = itemsOf(document, 'ServiceConfigurations');
    const [endpoint] = itemsOf(document, 'VpcEndpoints');
    expect(service).toMatchObject({
      ServiceId: 'vpce-svc-aws_vpc_endpoint_service.service',
      ServiceName: 'com.amazonaws.vpce.us-east-1.vpce-svc-aws_vpc_endpoint_service.service',
      AvailabilityZones: ['us-east-1a', 'us-east-1b'],
      NetworkLoadBalancerArns: [
        'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/provider-nlb/aws_lb.provider',
      ],
    });
    expect(endpoint!.ServiceName).toBe(service!.ServiceName);
  });

  it('leaves out the service zone IDs, which a plan does not know, rather than list none', () => {
    const [service] = itemsOf(document, 'ServiceConfigurations');
    expect(service).not.toHaveProperty('AvailabilityZoneIds');
  });

  it('gives the internal NLB a node ENI per subnet with an address unknown until deployment', () => {
    const [lb] = itemsOf(document, 'LoadBalancers');
    expect(lb).toMatchObject({
      Type: 'network',
      Scheme: 'internal',
      VpcId: 'vpc-aws_vpc.provider',
    });
    expect(lb!.AvailabilityZones).toEqual([
      { ZoneName: 'us-east-1a', SubnetId: 'subnet-aws_subnet.nlb_a', LoadBalancerAddresses: [] },
      { ZoneName: 'us-east-1b', SubnetId: 'subnet-aws_subnet.nlb_b', LoadBalancerAddresses: [] },
    ]);
    const node = itemById(
      document,
      'NetworkInterfaces',
      'NetworkInterfaceId',
      'eni-aws_lb.provider@aws_subnet.nlb_a',
    );
    expect(node).toMatchObject({
      InterfaceType: 'network_load_balancer',
      Description: 'ELB net/provider-nlb/aws_lb.provider',
      Groups: [],
      TagSet: [UNKNOWN],
    });
    expect(itemsOf(document, 'LoadBalancerAttributes')[0]!.Attributes).toEqual([
      { Key: 'load_balancing.cross_zone.enabled', Value: 'false' },
    ]);
  });

  it('forwards listener 443 to the target group on 8443 with both targets registered', () => {
    const [wrapper] = itemsOf(document, 'LoadBalancerListeners');
    const [group] = itemsOf(document, 'TargetGroups');
    expect(wrapper!.Listeners).toEqual([
      expect.objectContaining({
        Port: 443,
        Protocol: 'TCP',
        DefaultActions: [{ Type: 'forward', TargetGroupArn: group!.TargetGroupArn }],
      }),
    ]);
    expect(group).toMatchObject({ Port: 8443, Protocol: 'TCP', TargetType: 'instance' });
    expect(group!.LoadBalancerArns).toEqual([wrapper!.LoadBalancerArn]);
    const [health] = itemsOf(document, 'LoadBalancerTargetHealth');
    expect(health!.TargetHealthDescriptions).toEqual([
      expect.objectContaining({
        Target: { Id: 'i-aws_instance.target_a', Port: 8443 },
        HealthCheckPort: '8443',
      }),
      expect.objectContaining({
        Target: { Id: 'i-aws_instance.target_b', Port: 8443 },
        HealthCheckPort: '8443',
      }),
    ]);
  });

  it('keeps an instance address the configuration sets and marks one it does not', () => {
    const target = itemById(
      document,
      'NetworkInterfaces',
      'NetworkInterfaceId',
      'eni-aws_instance.target_a',
    );
    expect(target).toMatchObject({ PrivateIpAddress: '10.1.11.10', TagSet: [] });
    const client = itemById(
      document,
      'NetworkInterfaces',
      'NetworkInterfaceId',
      'eni-aws_instance.client',
    );
    expect(client).toMatchObject({ PrivateIpAddresses: [], TagSet: [UNKNOWN] });
    const [reservation] = itemsOf(document, 'Reservations');
    expect(reservation!.Instances).toEqual([
      expect.objectContaining({
        InstanceId: 'i-aws_instance.client',
        SubnetId: 'subnet-aws_subnet.client',
        SecurityGroups: [{ GroupId: 'sg-aws_security_group.client', GroupName: 'client' }],
      }),
    ]);
  });

  it('notes every assumption: region from the provider, account assumed, unknown addresses', () => {
    const codes = notes.map((note) => note.code);
    expect(codes).not.toContain('REGION_ASSUMED');
    expect(codes).toContain('ACCOUNT_ASSUMED');
    expect(notes.filter((note) => note.code === 'ADDRESS_UNKNOWN_UNTIL_DEPLOYMENT')).toHaveLength(
      5,
    );
  });
});

describe('readTerraformPlan through modules', () => {
  const { document, notes } = readPlan('terraform/modules-plan.json');

  it('follows a module variable fed by another module output to the VPC', () => {
    const group = itemById(
      document,
      'SecurityGroups',
      'GroupId',
      'sg-module.app_sg.aws_security_group.this',
    );
    expect(group.VpcId).toBe('vpc-module.network.aws_vpc.this');
  });

  it('picks the subnet with the instance own count index', () => {
    const instances = itemsOf(document, 'Reservations').flatMap(
      (reservation) => reservation.Instances as Array<Record<string, unknown>>,
    );
    expect(instances.map((instance) => [instance.InstanceId, instance.SubnetId])).toEqual([
      ['i-aws_instance.app.0', 'subnet-module.network.aws_subnet.private.0'],
      ['i-aws_instance.app.1', 'subnet-module.network.aws_subnet.private.1'],
    ]);
  });

  it('folds separate rule resources into the group they name', () => {
    const group = itemById(
      document,
      'SecurityGroups',
      'GroupId',
      'sg-module.app_sg.aws_security_group.this',
    );
    expect(group.IpPermissions).toEqual([
      expect.objectContaining({
        IpProtocol: 'tcp',
        FromPort: 443,
        ToPort: 443,
        IpRanges: [{ CidrIp: '10.2.0.0/16' }],
      }),
    ]);
    expect(group.IpPermissionsEgress).toEqual([
      expect.objectContaining({ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }),
    ]);
    expect(group.IpPermissionsEgress).toEqual([expect.not.objectContaining({ FromPort: 0 })]);
  });

  it('reads the region from the root variable the provider refers to', () => {
    expect(notes.map((note) => note.code)).not.toContain('REGION_ASSUMED');
    expect(itemsOf(document, 'Subnets')[0]!.SubnetArn).toMatch(/^arn:aws:ec2:eu-west-1:/);
  });
});

describe('readTerraformPlan on a state', () => {
  const { document, notes } = readPlan('terraform/state.json');

  it('keeps the real IDs and takes the account from owner_id', () => {
    expect(itemsOf(document, 'Vpcs')[0]).toMatchObject({
      VpcId: 'vpc-0a1b2c3d4e5f60001',
      OwnerId: '111122223333',
    });
    expect(notes.map((note) => note.code)).not.toContain('ACCOUNT_ASSUMED');
  });

  it('replaces the default group rules with those aws_default_security_group lists', () => {
    const groups = itemsOf(document, 'SecurityGroups');
    expect(groups).toHaveLength(1);
    expect(groups[0]!.IpPermissions).toEqual([
      expect.objectContaining({
        IpProtocol: 'tcp',
        FromPort: 22,
        IpRanges: [{ CidrIp: '10.0.0.0/8', Description: 'ssh from the office' }],
      }),
      expect.objectContaining({
        IpProtocol: '-1',
        UserIdGroupPairs: [{ GroupId: 'sg-0a1b2c3d4e5f60003', UserId: '111122223333' }],
      }),
    ]);
    expect(groups[0]!.IpPermissionsEgress).toEqual([]);
  });

  it('adds a rule for the default ACL beside AWS defaults, with IPv6 entries in an IPv6 VPC', () => {
    const acl = itemById(document, 'NetworkAcls', 'NetworkAclId', 'acl-0a1b2c3d4e5f60002');
    const inbound = (acl.Entries as Array<Record<string, unknown>>).filter(
      (entry) => entry.Egress === false,
    );
    expect(inbound.map((entry) => entry.RuleNumber)).toEqual([50, 100, 101, 32767, 32768]);
    expect(inbound[0]).toEqual({
      RuleNumber: 50,
      Protocol: '6',
      RuleAction: 'deny',
      Egress: false,
      CidrBlock: '0.0.0.0/0',
      PortRange: { From: 23, To: 23 },
    });
    expect(inbound[4]).toEqual({
      RuleNumber: 32768,
      Protocol: '-1',
      RuleAction: 'deny',
      Egress: false,
      Ipv6CidrBlock: '::/0',
    });
  });

  it('reads ICMP, all-protocol and IPv6 ACL blocks into AWS entry shapes', () => {
    const acl = itemById(document, 'NetworkAcls', 'NetworkAclId', 'acl-0a1b2c3d4e5f60005');
    const entries = acl.Entries as Array<Record<string, unknown>>;
    expect(entries).toContainEqual({
      RuleNumber: 120,
      Protocol: '1',
      RuleAction: 'allow',
      Egress: false,
      CidrBlock: '10.0.0.0/8',
      IcmpTypeCode: { Type: 8, Code: 0 },
    });
    expect(entries).toContainEqual({
      RuleNumber: 90,
      Protocol: '-1',
      RuleAction: 'deny',
      Egress: false,
      CidrBlock: '10.99.0.0/16',
    });
    expect(entries).toContainEqual({
      RuleNumber: 110,
      Protocol: '6',
      RuleAction: 'allow',
      Egress: false,
      Ipv6CidrBlock: '::/0',
      PortRange: { From: 443, To: 443 },
    });
  });

  it('gives an interface endpoint without groups the VPC default group and its designated address', () => {
    const endpoint = itemById(document, 'VpcEndpoints', 'VpcEndpointId', 'vpce-0a1b2c3d4e5f60007');
    expect(endpoint.Groups).toEqual([{ GroupId: 'sg-0a1b2c3d4e5f60003', GroupName: 'default' }]);
    const [eniId] = endpoint.NetworkInterfaceIds as string[];
    const eni = itemById(document, 'NetworkInterfaces', 'NetworkInterfaceId', eniId!);
    expect(eni).toMatchObject({
      PrivateIpAddress: '172.16.1.50',
      AvailabilityZoneId: 'euc1-az2',
      TagSet: [],
    });
  });

  it('gives a gateway endpoint no ENIs and no groups', () => {
    const endpoint = itemById(document, 'VpcEndpoints', 'VpcEndpointId', 'vpce-0a1b2c3d4e5f60006');
    expect(endpoint).toMatchObject({
      VpcEndpointType: 'Gateway',
      NetworkInterfaceIds: [],
      Groups: [],
    });
  });
});

describe('readTerraformPlan with the account zone IDs given', () => {
  const availabilityZoneIds = { 'us-east-1a': 'use1-az4', 'us-east-1b': 'use1-az6' };
  const text = fixtureText('terraform/privatelink-plan.json');

  it('notes the zone IDs it lacks when none are given', () => {
    const { notes } = readTerraformPlan(text);
    expect(notes).toContainEqual(expect.objectContaining({ code: 'AVAILABILITY_ZONE_ID_UNKNOWN' }));
  });

  it('gives subnets, ENIs and the endpoint service the zone IDs of their zone names', () => {
    const { documents, notes } = readTerraformPlan(text, { availabilityZoneIds });
    const document = documents[0]!;
    expect(notes.map((note) => note.code)).not.toContain('AVAILABILITY_ZONE_ID_UNKNOWN');
    const subnet = itemById(document, 'Subnets', 'SubnetId', 'subnet-aws_subnet.endpoint_b');
    expect(subnet.AvailabilityZoneId).toBe('use1-az6');
    const eni = itemById(
      document,
      'NetworkInterfaces',
      'NetworkInterfaceId',
      'eni-aws_vpc_endpoint.service@aws_subnet.endpoint_b',
    );
    expect(eni.AvailabilityZoneId).toBe('use1-az6');
    expect(itemsOf(document, 'ServiceConfigurations')[0]!.AvailabilityZoneIds).toEqual([
      'use1-az4',
      'use1-az6',
    ]);
  });
});
