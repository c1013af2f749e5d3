import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES_DIR } from '../../examples/build.js';
import {
  type AccountTree,
  allItems,
  byField,
  type Item,
  inCidr,
  itemsOf,
  list,
  readExampleTree,
  str,
  strings,
  walkStrings,
} from './example-tree.js';

interface ExpectedExample {
  name: string;
  snapshot: string;
  blocked: { kind: string; component: string; securityGroups?: string[] }[];
  paths: { endpointEni: string; target: string | null }[];
}

const expectations = JSON.parse(readFileSync(join(EXAMPLES_DIR, 'expectations.json'), 'utf8')) as {
  question: { from: string; to: string };
  examples: ExpectedExample[];
};
const roots = expectations.examples.map((e) => e.snapshot);

/** Fields that hold EC2 IDs in the long format: prefix, dash, 17 lower-case hex digits. */
const ID_FIELDS = new Set([
  'VpcId',
  'SubnetId',
  'GroupId',
  'NetworkAclId',
  'NetworkInterfaceId',
  'InstanceId',
  'VpcEndpointId',
  'ServiceId',
  'ReservationId',
  'VolumeId',
  'ImageId',
  'DhcpOptionsId',
  'NetworkAclAssociationId',
  'VpcEndpointConnectionId',
  'SubnetIds',
  'NetworkInterfaceIds',
  'SecurityGroups',
]);

function subnetOf(account: AccountTree, subnetId: string) {
  return byField(itemsOf(account, 'Subnets'), 'SubnetId', subnetId);
}

function zoneIdOf(tree: AccountTree[], subnetId: string): string {
  return str(byField(allItems(tree, 'Subnets'), 'SubnetId', subnetId), 'AvailabilityZoneId');
}

describe.each(roots)('example %s', (root) => {
  const tree = readExampleTree(root);
  const enis = allItems(tree, 'NetworkInterfaces');

  it('uses long-format EC2 IDs everywhere', () => {
    for (const [field, value] of tree.flatMap((a) =>
      [...a.docs.values()].flatMap((items) => walkStrings(items)),
    )) {
      if (ID_FIELDS.has(field) && !value.startsWith('arn:')) {
        expect(value, field).toMatch(/^[a-z]+(-[a-z]+)*-0[0-9a-f]{16}$/);
      }
    }
  });

  it('puts each subnet in its account zone, by name and ID alike, inside the VPC', () => {
    for (const account of tree) {
      const vpc = itemsOf(account, 'Vpcs')[0];
      for (const subnet of itemsOf(account, 'Subnets')) {
        const zone = byField(
          itemsOf(account, 'AvailabilityZones'),
          'ZoneName',
          str(subnet, 'AvailabilityZone'),
        );
        expect(str(zone, 'ZoneId')).toBe(str(subnet, 'AvailabilityZoneId'));
        expect(str(subnet, 'VpcId')).toBe(str(vpc, 'VpcId'));
        expect(inCidr(str(subnet, 'CidrBlock').split('/')[0] ?? '', str(vpc, 'CidrBlock'))).toBe(
          true,
        );
      }
    }
  });

  it('gives every ENI an address in its subnet and groups that exist in its account', () => {
    for (const account of tree) {
      const groups = itemsOf(account, 'SecurityGroups');
      for (const eni of itemsOf(account, 'NetworkInterfaces')) {
        const subnet = subnetOf(account, str(eni, 'SubnetId'));
        expect(inCidr(str(eni, 'PrivateIpAddress'), str(subnet, 'CidrBlock'))).toBe(true);
        expect(str(eni, 'AvailabilityZone')).toBe(str(subnet, 'AvailabilityZone'));
        for (const ref of list(eni, 'Groups')) {
          expect(str(byField(groups, 'GroupId', str(ref, 'GroupId')), 'GroupName')).toBe(
            str(ref, 'GroupName'),
          );
        }
      }
      const ips = itemsOf(account, 'NetworkInterfaces').map((e) => str(e, 'PrivateIpAddress'));
      expect(new Set(ips).size).toBe(ips.length);
    }
  });

  it('resolves every security group reference and associates each subnet with one NACL', () => {
    for (const account of tree) {
      const groupIds = itemsOf(account, 'SecurityGroups').map((g) => str(g, 'GroupId'));
      for (const group of itemsOf(account, 'SecurityGroups')) {
        for (const [field, value] of walkStrings(list(group, 'IpPermissions'))) {
          if (field === 'GroupId') expect(groupIds).toContain(value);
        }
      }
      const nacls = itemsOf(account, 'NetworkAcls');
      const associated = nacls.flatMap((n) =>
        list(n, 'Associations').map((a) => str(a, 'SubnetId')),
      );
      const subnets = itemsOf(account, 'Subnets').map((s) => str(s, 'SubnetId'));
      expect(associated.sort()).toEqual(subnets.sort());
      expect(nacls.filter((n) => n.IsDefault === true)).toHaveLength(1);
    }
  });

  it('describes each instance with the same primary ENI that describe-network-interfaces lists', () => {
    for (const instance of allItems(tree, 'Reservations').flatMap((r) => list(r, 'Instances'))) {
      const nested = list(instance, 'NetworkInterfaces')[0];
      const eni = byField(enis, 'NetworkInterfaceId', str(nested, 'NetworkInterfaceId'));
      expect(str(eni, 'PrivateIpAddress')).toBe(str(instance, 'PrivateIpAddress'));
      expect(str(eni, 'SubnetId')).toBe(str(instance, 'SubnetId'));
      expect(list(eni, 'Groups')).toEqual(list(instance, 'SecurityGroups'));
      expect(str(eni?.Attachment as Item, 'InstanceId')).toBe(str(instance, 'InstanceId'));
    }
  });

  it('backs the interface endpoint with one vpc_endpoint ENI per subnet, one subnet per zone', () => {
    const endpoint = allItems(tree, 'VpcEndpoints')[0];
    const ids = strings(endpoint, 'NetworkInterfaceIds');
    const endpointEnis = ids.map((id) => byField(enis, 'NetworkInterfaceId', id));
    expect(endpointEnis.map((e) => str(e, 'SubnetId'))).toEqual(strings(endpoint, 'SubnetIds'));
    for (const eni of endpointEnis) {
      expect(str(eni, 'InterfaceType')).toBe('vpc_endpoint');
      expect(eni?.RequesterManaged).toBe(true);
      expect(str(eni, 'Description')).toBe(
        `VPC Endpoint Interface ${str(endpoint, 'VpcEndpointId')}`,
      );
      expect(list(eni, 'Groups')).toEqual(list(endpoint, 'Groups'));
    }
    const zones = endpointEnis.map((e) => zoneIdOf(tree, str(e, 'SubnetId')));
    expect(new Set(zones).size).toBe(zones.length);
  });

  it('offers the endpoint service in every zone ID of the endpoint ENIs and of the NLB nodes', () => {
    const endpoint = allItems(tree, 'VpcEndpoints')[0];
    const service = byField(
      allItems(tree, 'ServiceConfigurations'),
      'ServiceName',
      str(endpoint, 'ServiceName'),
    );
    const nlb = allItems(tree, 'LoadBalancers')[0];
    expect(strings(service, 'NetworkLoadBalancerArns')).toEqual([str(nlb, 'LoadBalancerArn')]);
    const nodeZones = list(nlb, 'AvailabilityZones').map((z) => zoneIdOf(tree, str(z, 'SubnetId')));
    expect(strings(service, 'AvailabilityZoneIds')).toEqual([...nodeZones].sort());
    for (const subnetId of strings(endpoint, 'SubnetIds')) {
      expect(strings(service, 'AvailabilityZoneIds')).toContain(zoneIdOf(tree, subnetId));
    }
    const connection = allItems(tree, 'VpcEndpointConnections')[0];
    expect(str(connection, 'VpcEndpointId')).toBe(str(endpoint, 'VpcEndpointId'));
    expect(str(connection, 'ServiceId')).toBe(str(service, 'ServiceId'));
  });

  it('lists each NLB address as the node ENI in that subnet, described ELB net/<name>/<id>', () => {
    const nlb = allItems(tree, 'LoadBalancers')[0];
    const arnTail = str(nlb, 'LoadBalancerArn').split(':loadbalancer/')[1];
    for (const zone of list(nlb, 'AvailabilityZones')) {
      const address = str(list(zone, 'LoadBalancerAddresses')[0], 'PrivateIPv4Address');
      const node = byField(enis, 'PrivateIpAddress', address);
      expect(str(node, 'SubnetId')).toBe(str(zone, 'SubnetId'));
      expect(str(node, 'AvailabilityZone')).toBe(str(zone, 'ZoneName'));
      expect(str(node, 'InterfaceType')).toBe('network_load_balancer');
      expect(str(node, 'Description')).toBe(`ELB ${arnTail}`);
      const groups = list(node, 'Groups').map((g) => str(g, 'GroupId'));
      expect(groups).toEqual(strings(nlb, 'SecurityGroups'));
    }
  });

  it('wires listener, target group, attributes and registered targets to existing resources', () => {
    const nlbArn = str(allItems(tree, 'LoadBalancers')[0], 'LoadBalancerArn');
    const group = allItems(tree, 'TargetGroups')[0];
    const groupArn = str(group, 'TargetGroupArn');
    const listeners = allItems(tree, 'LoadBalancerListeners')[0];
    expect(str(listeners, 'LoadBalancerArn')).toBe(nlbArn);
    const action = list(list(listeners, 'Listeners')[0], 'DefaultActions')[0];
    expect(str(action, 'TargetGroupArn')).toBe(groupArn);
    expect(strings(group, 'LoadBalancerArns')).toEqual([nlbArn]);
    expect(str(allItems(tree, 'LoadBalancerAttributes')[0], 'LoadBalancerArn')).toBe(nlbArn);
    expect(str(allItems(tree, 'TargetGroupAttributes')[0], 'TargetGroupArn')).toBe(groupArn);
    const health = allItems(tree, 'LoadBalancerTargetHealth')[0];
    expect(str(health, 'TargetGroupArn')).toBe(groupArn);
    const instances = allItems(tree, 'Reservations').flatMap((r) => list(r, 'Instances'));
    for (const description of list(health, 'TargetHealthDescriptions')) {
      const target = description.Target as Record<string, unknown>;
      const instance = byField(instances, 'InstanceId', str(target, 'Id'));
      expect(str(instance, 'VpcId')).toBe(str(group, 'VpcId'));
    }
  });

  it('names in its expectations only resources the snapshot holds', () => {
    const expected = expectations.examples.find((e) => e.snapshot === root);
    const ids = new Set(
      tree
        .flatMap((a) => [...a.docs.values()].flatMap((items) => walkStrings(items)))
        .map(([, v]) => v),
    );
    expect(ids.has(expectations.question.from)).toBe(true);
    expect(ids.has(expectations.question.to)).toBe(true);
    for (const blocked of expected?.blocked ?? []) {
      expect(ids.has(blocked.component), blocked.component).toBe(true);
      if (blocked.securityGroups === undefined) continue;
      const eni = byField(enis, 'NetworkInterfaceId', blocked.component);
      expect(list(eni, 'Groups').map((g) => str(g, 'GroupId'))).toEqual(blocked.securityGroups);
    }
    for (const path of expected?.paths ?? []) {
      expect(strings(allItems(tree, 'VpcEndpoints')[0], 'NetworkInterfaceIds')).toContain(
        path.endpointEni,
      );
      if (path.target !== null) expect(ids.has(path.target)).toBe(true);
    }
  });
});

describe('expectations.json', () => {
  const verdictOf = (paths: { verdict: string }[]): string => {
    if (paths.every((p) => p.verdict === 'reachable')) return 'reachable';
    if (paths.every((p) => p.verdict === 'unreachable')) return 'unreachable';
    return 'partially-reachable';
  };

  it.each(expectations.examples)(
    '$name: the overall verdict follows from the path verdicts',
    (e) => {
      const example = e as ExpectedExample & { verdict: string; paths: { verdict: string }[] };
      expect(example.paths.length).toBeGreaterThan(0);
      expect(example.verdict).toBe(verdictOf(example.paths));
      expect(example.blocked.length === 0).toBe(example.verdict === 'reachable');
    },
  );

  it('has one example per snapshot directory, names unique', () => {
    const names = expectations.examples.map((e) => e.name);
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(roots).size).toBe(roots.length);
  });
});
