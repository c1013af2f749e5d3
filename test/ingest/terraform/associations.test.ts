import { describe, expect, it } from 'vitest';
import { readTerraformPlan } from '../../../src/ingest/terraform/index.js';
import { itemById } from '../fixture.js';

function resource(address: string, values: Record<string, unknown>) {
  const [type, name] = address.split('.');
  return { address, mode: 'managed', type, name, values };
}

const BASE = [
  resource('aws_vpc.main', {
    id: 'vpc-1',
    cidr_block: '10.0.0.0/16',
    default_network_acl_id: 'acl-1',
    default_security_group_id: 'sg-default',
    owner_id: '111122223333',
  }),
  resource('aws_subnet.a', { id: 'subnet-a', vpc_id: 'vpc-1', cidr_block: '10.0.1.0/24' }),
  resource('aws_subnet.b', { id: 'subnet-b', vpc_id: 'vpc-1', cidr_block: '10.0.2.0/24' }),
  resource('aws_security_group.extra', { id: 'sg-extra', vpc_id: 'vpc-1', name: 'extra' }),
  resource('aws_vpc_endpoint.svc', {
    id: 'vpce-1',
    vpc_id: 'vpc-1',
    vpc_endpoint_type: 'Interface',
    service_name: 'com.amazonaws.vpce.us-east-1.vpce-svc-1',
    subnet_ids: ['subnet-a'],
    security_group_ids: [],
  }),
  resource('aws_vpc_endpoint_subnet_association.b', {
    vpc_endpoint_id: 'vpce-1',
    subnet_id: 'subnet-b',
  }),
  resource('aws_network_interface.app', {
    id: 'eni-app',
    subnet_id: 'subnet-a',
    security_groups: ['sg-default'],
  }),
  resource('aws_network_interface_sg_attachment.app', {
    network_interface_id: 'eni-app',
    security_group_id: 'sg-extra',
  }),
];

function read(extra: Array<Record<string, unknown>>) {
  const plan = {
    format_version: '1.0',
    values: { root_module: { resources: [...BASE, ...extra] } },
  };
  return readTerraformPlan(plan, { file: 'state.json' }).documents[0]!;
}

describe('Terraform association resources', () => {
  it('adds an endpoint subnet association as one more subnet and ENI', () => {
    const endpoint = itemById(read([]), 'VpcEndpoints', 'VpcEndpointId', 'vpce-1');
    expect(endpoint.SubnetIds).toEqual(['subnet-a', 'subnet-b']);
    expect(endpoint.NetworkInterfaceIds).toEqual(['eni-1@a', 'eni-1@b']);
  });

  it('keeps the default group beside an associated group unless told to replace it', () => {
    const association = {
      vpc_endpoint_id: 'vpce-1',
      security_group_id: 'sg-extra',
      replace_default_association: false,
    };
    const kept = read([resource('aws_vpc_endpoint_security_group_association.x', association)]);
    expect(itemById(kept, 'VpcEndpoints', 'VpcEndpointId', 'vpce-1').Groups).toEqual([
      { GroupId: 'sg-default', GroupName: 'default' },
      { GroupId: 'sg-extra', GroupName: 'extra' },
    ]);
    const replacing = { ...association, replace_default_association: true };
    const replaced = read([resource('aws_vpc_endpoint_security_group_association.x', replacing)]);
    expect(itemById(replaced, 'VpcEndpoints', 'VpcEndpointId', 'vpce-1').Groups).toEqual([
      { GroupId: 'sg-extra', GroupName: 'extra' },
    ]);
  });

  it('adds an attached group to the ENI it names', () => {
    const eni = itemById(read([]), 'NetworkInterfaces', 'NetworkInterfaceId', 'eni-app');
    expect(eni.Groups).toEqual([
      { GroupId: 'sg-default', GroupName: 'default' },
      { GroupId: 'sg-extra', GroupName: 'extra' },
    ]);
  });
});

describe('resources in a VPC the file does not declare', () => {
  it('notes that the default group of that VPC applies but cannot be shown', () => {
    const plan = {
      format_version: '1.0',
      values: {
        root_module: {
          resources: [
            resource('aws_subnet.a', {
              id: 'subnet-a',
              vpc_id: 'vpc-existing',
              cidr_block: '10.0.1.0/24',
            }),
            resource('aws_instance.app', {
              id: 'i-1',
              subnet_id: 'subnet-a',
              private_ip: '10.0.1.5',
            }),
          ],
        },
      },
    };
    const { documents, notes } = readTerraformPlan(plan);
    expect(
      itemById(documents[0]!, 'NetworkInterfaces', 'NetworkInterfaceId', 'eni-aws_instance.app')
        .Groups,
    ).toEqual([]);
    expect(notes).toContainEqual(
      expect.objectContaining({
        code: 'DEFAULT_GROUP_OUTSIDE_SNAPSHOT',
        resource: 'aws_instance.app',
      }),
    );
  });
});

describe('an instance launched on a declared ENI', () => {
  it('takes the ENI as its primary one, with its subnet, address and groups', () => {
    const document = read([
      resource('aws_instance.appliance', {
        id: 'i-appliance',
        network_interface: [{ network_interface_id: 'eni-app', device_index: 0 }],
      }),
    ]);
    const [reservation] = document.Reservations as Array<Record<string, unknown>>;
    expect(reservation!.Instances).toEqual([
      expect.objectContaining({
        InstanceId: 'i-appliance',
        SubnetId: 'subnet-a',
        NetworkInterfaces: [expect.objectContaining({ NetworkInterfaceId: 'eni-app' })],
      }),
    ]);
    const eni = itemById(document, 'NetworkInterfaces', 'NetworkInterfaceId', 'eni-app');
    expect(eni.Attachment).toEqual({
      InstanceId: 'i-appliance',
      DeviceIndex: 0,
      Status: 'attached',
    });
    expect((document.NetworkInterfaces as unknown[]).length).toBe(3);
  });
});
