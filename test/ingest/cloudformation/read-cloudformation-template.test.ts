import { describe, expect, it } from 'vitest';
import { readCloudFormationTemplate } from '../../../src/ingest/cloudformation/index.js';
import { fixtureText, itemById, itemsOf } from '../fixture.js';

const UNKNOWN = { Key: 'vpcreach:address', Value: 'unknown-until-deployment' };
const TEMPLATE = 'cloudformation/privatelink.yaml';

function readTemplate(parameters?: Record<string, unknown>) {
  const result = readCloudFormationTemplate(fixtureText(TEMPLATE), {
    file: `test/fixtures/iac/${TEMPLATE}`,
    parameters,
  });
  return { document: result.documents[0]!, notes: result.notes };
}

describe('readCloudFormationTemplate on the PrivateLink template with its defaults', () => {
  const { document, notes } = readTemplate();

  it('names placeholders <stack>.<logicalId>, the stack named after the file', () => {
    expect(itemsOf(document, 'Vpcs').map((vpc) => vpc.VpcId)).toEqual([
      'vpc-privatelink.ConsumerVpc',
      'vpc-privatelink.ProviderVpc',
    ]);
    expect(notes).toContainEqual(expect.objectContaining({ code: 'STACK_NAME_ASSUMED' }));
    expect(itemsOf(document, 'Vpcs')[0]!.Tags).toEqual([
      { Key: 'Name', Value: 'privatelink-consumer' },
    ]);
  });

  it('evaluates !Cidr, !GetAtt and !Select for the client subnet block and zone', () => {
    const subnet = itemById(document, 'Subnets', 'SubnetId', 'subnet-privatelink.ClientSubnet');
    expect(subnet).toMatchObject({ CidrBlock: '10.0.1.0/24', AvailabilityZone: 'us-east-1a' });
  });

  it('keeps a resource whose condition holds (two zones in production)', () => {
    const endpoint = itemById(
      document,
      'VpcEndpoints',
      'VpcEndpointId',
      'vpce-privatelink.ServiceEndpoint',
    );
    expect(endpoint.SubnetIds).toEqual([
      'subnet-privatelink.EndpointSubnetA',
      'subnet-privatelink.EndpointSubnetB',
    ]);
    for (const eniId of endpoint.NetworkInterfaceIds as string[]) {
      const eni = itemById(document, 'NetworkInterfaces', 'NetworkInterfaceId', eniId);
      expect(eni).toMatchObject({
        InterfaceType: 'vpc_endpoint',
        PrivateIpAddresses: [],
        Groups: [{ GroupId: 'sg-privatelink.EndpointSecurityGroup', GroupName: 'endpoint' }],
        TagSet: [UNKNOWN],
      });
    }
  });

  it('builds the endpoint group from inline and separate rules, descriptions per peer', () => {
    const group = itemById(
      document,
      'SecurityGroups',
      'GroupId',
      'sg-privatelink.EndpointSecurityGroup',
    );
    expect(group.IpPermissions).toEqual([
      {
        IpProtocol: 'tcp',
        FromPort: 443,
        ToPort: 443,
        IpRanges: [{ CidrIp: '10.0.1.0/24' }],
        Ipv6Ranges: [],
        PrefixListIds: [],
        UserIdGroupPairs: [
          {
            GroupId: 'sg-privatelink.ClientSecurityGroup',
            UserId: '123456789012',
            Description: 'clients in production',
          },
        ],
      },
    ]);
  });

  it('keeps AWS default allow-all egress on a group declared without SecurityGroupEgress', () => {
    const group = itemById(
      document,
      'SecurityGroups',
      'GroupId',
      'sg-privatelink.TargetSecurityGroup',
    );
    expect(group.IpPermissionsEgress).toEqual([
      {
        IpProtocol: '-1',
        IpRanges: [{ CidrIp: '0.0.0.0/0' }],
        Ipv6Ranges: [],
        PrefixListIds: [],
        UserIdGroupPairs: [],
      },
    ]);
    expect(group.Description).toBe('Targets of privatelink');
  });

  it('replaces the default egress with the rules SecurityGroupEgress lists', () => {
    const group = itemById(
      document,
      'SecurityGroups',
      'GroupId',
      'sg-privatelink.ClientSecurityGroup',
    );
    expect(group.IpPermissionsEgress).toEqual([
      expect.objectContaining({
        IpProtocol: 'tcp',
        FromPort: 443,
        ToPort: 443,
        IpRanges: [{ CidrIp: '10.0.0.0/16' }],
      }),
    ]);
  });

  it('collects the client ACL entries with the * entries and leaves out the dev-only rule', () => {
    const acl = itemById(document, 'NetworkAcls', 'NetworkAclId', 'acl-privatelink.ClientAcl');
    expect(acl.Entries).toEqual([
      {
        RuleNumber: 100,
        Protocol: '6',
        RuleAction: 'allow',
        Egress: true,
        CidrBlock: '10.0.0.0/16',
        PortRange: { From: 443, To: 443 },
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
        CidrBlock: '10.0.0.0/16',
        PortRange: { From: 1024, To: 65535 },
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
      expect.objectContaining({ SubnetId: 'subnet-privatelink.ClientSubnet' }),
    ]);
  });

  it('leaves the subnets without an association on the VPC default ACL', () => {
    const acl = itemById(
      document,
      'NetworkAcls',
      'NetworkAclId',
      'acl-privatelink.ConsumerVpc.default',
    );
    expect(acl.IsDefault).toBe(true);
    expect((acl.Associations as Array<Record<string, unknown>>).map((a) => a.SubnetId)).toEqual([
      'subnet-privatelink.EndpointSubnetA',
      'subnet-privatelink.EndpointSubnetB',
    ]);
  });

  it('matches the endpoint service name built with !Sub to the service the stack creates', () => {
    const [service] = itemsOf(document, 'ServiceConfigurations');
    const [endpoint] = itemsOf(document, 'VpcEndpoints');
    expect(service!.ServiceName).toBe(
      'com.amazonaws.vpce.us-east-1.vpce-svc-privatelink.EndpointService',
    );
    expect(endpoint!.ServiceName).toBe(service!.ServiceName);
  });

  it('keeps a designated NLB node address and marks the other node unknown', () => {
    const [lb] = itemsOf(document, 'LoadBalancers');
    expect(lb!.AvailabilityZones).toEqual([
      {
        ZoneName: 'us-east-1a',
        SubnetId: 'subnet-privatelink.NlbSubnetA',
        LoadBalancerAddresses: [{ PrivateIPv4Address: '10.1.1.10' }],
      },
      {
        ZoneName: 'us-east-1b',
        SubnetId: 'subnet-privatelink.NlbSubnetB',
        LoadBalancerAddresses: [],
      },
    ]);
    const nodeA = itemById(
      document,
      'NetworkInterfaces',
      'NetworkInterfaceId',
      'eni-privatelink.Nlb@privatelink.NlbSubnetA',
    );
    const nodeB = itemById(
      document,
      'NetworkInterfaces',
      'NetworkInterfaceId',
      'eni-privatelink.Nlb@privatelink.NlbSubnetB',
    );
    expect(nodeA).toMatchObject({ PrivateIpAddress: '10.1.1.10', TagSet: [] });
    expect(nodeB).toMatchObject({ PrivateIpAddresses: [], TagSet: [UNKNOWN] });
    expect(itemsOf(document, 'LoadBalancerAttributes')[0]!.Attributes).toEqual([
      { Key: 'load_balancing.cross_zone.enabled', Value: 'true' },
    ]);
  });

  it('wires listener 443 to the target group on 8443 with its registered target', () => {
    const [wrapper] = itemsOf(document, 'LoadBalancerListeners');
    const [group] = itemsOf(document, 'TargetGroups');
    expect(wrapper!.Listeners).toEqual([
      expect.objectContaining({
        Port: 443,
        DefaultActions: [{ Type: 'forward', TargetGroupArn: group!.TargetGroupArn }],
      }),
    ]);
    expect(group).toMatchObject({
      Port: 8443,
      HealthCheckProtocol: 'TCP',
      HealthCheckPort: 'traffic-port',
    });
    expect(itemsOf(document, 'TargetGroupAttributes')[0]!.Attributes).toEqual([
      { Key: 'proxy_protocol_v2.enabled', Value: 'false' },
    ]);
    expect(itemsOf(document, 'LoadBalancerTargetHealth')[0]!.TargetHealthDescriptions).toEqual([
      expect.objectContaining({ Target: { Id: 'i-privatelink.TargetA', Port: 8443 } }),
    ]);
  });
});

describe('readCloudFormationTemplate with parameters overriding defaults', () => {
  const { document } = readTemplate({ Environment: 'dev' });

  it('drops the resource whose condition fails and takes the other !If branch', () => {
    expect(itemsOf(document, 'Subnets').map((subnet) => subnet.SubnetId)).not.toContain(
      'subnet-privatelink.EndpointSubnetB',
    );
    const [endpoint] = itemsOf(document, 'VpcEndpoints');
    expect(endpoint!.SubnetIds).toEqual(['subnet-privatelink.EndpointSubnetA']);
    expect(endpoint!.NetworkInterfaceIds).toHaveLength(1);
  });

  it('adds the dev-only ICMP entry with its type and code', () => {
    const acl = itemById(document, 'NetworkAcls', 'NetworkAclId', 'acl-privatelink.ClientAcl');
    expect(acl.Entries).toContainEqual({
      RuleNumber: 110,
      Protocol: '1',
      RuleAction: 'allow',
      Egress: false,
      CidrBlock: '0.0.0.0/0',
      IcmpTypeCode: { Type: 8, Code: -1 },
    });
  });

  it('removes a property set to AWS::NoValue', () => {
    const group = itemById(
      document,
      'SecurityGroups',
      'GroupId',
      'sg-privatelink.EndpointSecurityGroup',
    );
    const [permission] = group.IpPermissions as Array<Record<string, unknown>>;
    expect(permission!.UserIdGroupPairs).toEqual([
      { GroupId: 'sg-privatelink.ClientSecurityGroup', UserId: '123456789012' },
    ]);
  });

  it('uses a number parameter override in ports and ACL ranges', () => {
    const { document: other } = readTemplate({ ServicePort: '8080' });
    const acl = itemById(other, 'NetworkAcls', 'NetworkAclId', 'acl-privatelink.ClientAcl');
    expect(acl.Entries).toContainEqual(
      expect.objectContaining({ Egress: true, PortRange: { From: 8080, To: 8080 } }),
    );
    expect(itemsOf(other, 'LoadBalancerListeners')[0]!.Listeners).toEqual([
      expect.objectContaining({ Port: 8080 }),
    ]);
  });
});

describe('readCloudFormationTemplate on CDK output', () => {
  const file = 'test/fixtures/iac/cloudformation/cdk.out/ConsumerStack.template.json';
  const text = fixtureText('cloudformation/cdk.out/ConsumerStack.template.json');
  const options = { file, region: 'eu-west-1', accountId: '111122223333' };
  const { documents, notes } = readCloudFormationTemplate(text, options);
  const document = documents[0]!;

  it('takes the stack name from the template file name', () => {
    expect(itemsOf(document, 'Vpcs')[0]!.VpcId).toBe('vpc-ConsumerStack.ConsumerVpc4B1F3C2A');
    expect(
      itemsOf(document, 'Subnets').map((subnet) => [subnet.CidrBlock, subnet.AvailabilityZone]),
    ).toEqual([
      ['10.30.0.0/24', 'eu-west-1a'],
      ['10.30.1.0/24', 'eu-west-1b'],
    ]);
  });

  it('keeps the CDK rule that stands for "no outbound traffic" beside the separate egress rule', () => {
    const group = itemById(
      document,
      'SecurityGroups',
      'GroupId',
      'sg-ConsumerStack.ClientSecurityGroupD1F0B2E9',
    );
    expect(group.IpPermissionsEgress).toEqual([
      expect.objectContaining({
        IpProtocol: 'icmp',
        FromPort: 252,
        ToPort: 86,
        IpRanges: [{ CidrIp: '255.255.255.255/32', Description: 'Disallow all traffic' }],
      }),
      expect.objectContaining({
        IpProtocol: 'tcp',
        FromPort: 443,
        UserIdGroupPairs: [
          expect.objectContaining({ GroupId: 'sg-ConsumerStack.EndpointSecurityGroup5E1B7C2D' }),
        ],
      }),
    ]);
  });

  it('leaves an unresolved Fn::ImportValue as a placeholder and notes it', () => {
    expect(itemsOf(document, 'VpcEndpoints')[0]!.ServiceName).toBe(
      '{{ImportValue:ProviderStack:ServiceName}}',
    );
    expect(notes).toContainEqual(
      expect.objectContaining({
        code: 'IMPORT_VALUE_UNRESOLVED',
        resource: 'ServiceEndpointC0A1D2E3',
      }),
    );
    expect(notes).toContainEqual(expect.objectContaining({ code: 'AVAILABILITY_ZONES_ASSUMED' }));
    expect(notes.map((note) => note.code)).not.toContain('REGION_ASSUMED');
  });

  it('resolves Fn::ImportValue from the imports option', () => {
    const serviceName = 'com.amazonaws.vpce.eu-west-1.vpce-svc-0a1b2c3d4e5f60008';
    const result = readCloudFormationTemplate(text, {
      ...options,
      imports: { 'ProviderStack:ServiceName': serviceName },
    });
    expect(itemsOf(result.documents[0]!, 'VpcEndpoints')[0]!.ServiceName).toBe(serviceName);
  });
});

describe('readCloudFormationTemplate on a rule it cannot read the peer of', () => {
  it('keeps the rule, which admits nothing, and notes it', () => {
    const text = `
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.0.0.0/16}
  Group:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: app
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, SourceSecurityGroupName: bastion}
`;
    const { documents, notes } = readCloudFormationTemplate(text, { stackName: 'app' });
    const group = itemById(documents[0]!, 'SecurityGroups', 'GroupId', 'sg-app.Group');
    expect(group.IpPermissions).toEqual([
      expect.objectContaining({ IpProtocol: 'tcp', IpRanges: [], UserIdGroupPairs: [] }),
    ]);
    expect(notes).toContainEqual(
      expect.objectContaining({ code: 'RULE_WITHOUT_PEER', resource: 'Group' }),
    );
  });
});
