import { type IpAddress, ip } from '../net/address.js';
import type { InstanceData, NetworkInterfaceData } from '../snapshot/schema/ec2.js';
import type { BuildContext } from './context.js';
import { nameTag } from './context.js';
import type { Eni, EniKind, Instance, SecurityGroup, Subnet } from './types.js';

/** Tag that Terraform and CloudFormation readers put on ENIs whose address is not known yet. */
export const ADDRESS_UNKNOWN_TAG = 'vpcreach:address';

const ENDPOINT_DESCRIPTION = /^VPC Endpoint Interface (vpce-[0-9a-z]+)/;
const NLB_DESCRIPTION = /^ELB (net\/[^/]+\/[^/]+)$/;

export function buildEnis(
  ctx: BuildContext,
  subnets: Map<string, Subnet>,
  groups: Map<string, SecurityGroup>,
  loadBalancerArns: readonly string[],
  endpointOfEni: ReadonlyMap<string, string>,
): Map<string, Eni> {
  const enis = new Map<string, Eni>();
  const add = (data: EniRecord, item: object) => {
    const subnet = subnets.get(data.SubnetId);
    if (subnet === undefined) {
      throw ctx.dangling(
        item,
        data.NetworkInterfaceId,
        'SubnetId',
        data.SubnetId,
        'include the describe-subnets output of the account that owns the network interface',
      );
    }
    data.Groups.forEach((group, i) => {
      if (!groups.has(group.GroupId)) {
        throw ctx.dangling(
          item,
          data.NetworkInterfaceId,
          `Groups[${i}].GroupId`,
          group.GroupId,
          'include the describe-security-groups output of the account that owns the network interface',
        );
      }
    });
    const eni = toEni(data, subnet, ctx.accountOf(item), loadBalancerArns);
    const endpointId = endpointOfEni.get(eni.id);
    enis.set(
      eni.id,
      endpointId === undefined ? eni : { ...eni, kind: 'vpc-endpoint', vpcEndpointId: endpointId },
    );
  };
  for (const data of ctx.snapshot.NetworkInterfaces) add(data, data);
  // An instance's interfaces are also described inside describe-instances; use them when the
  // snapshot has no describe-network-interfaces entry for one.
  for (const reservation of ctx.snapshot.Reservations) {
    for (const instance of reservation.Instances) {
      for (const record of instanceInterfaces(instance)) {
        if (!enis.has(record.NetworkInterfaceId)) add(record, reservation);
      }
    }
  }
  return enis;
}

type EniRecord = Pick<
  NetworkInterfaceData,
  'NetworkInterfaceId' | 'SubnetId' | 'VpcId' | 'Groups'
> &
  Partial<NetworkInterfaceData>;

function toEni(
  data: EniRecord,
  subnet: Subnet,
  account: string | undefined,
  lbArns: readonly string[],
): Eni {
  const unknown = data.TagSet?.some((tag) => tag.Key === ADDRESS_UNKNOWN_TAG) ?? false;
  const description = data.Description || undefined;
  const endpointMatch = description === undefined ? null : ENDPOINT_DESCRIPTION.exec(description);
  const nlbMatch = description === undefined ? null : NLB_DESCRIPTION.exec(description);
  const loadBalancerArn = nlbMatch
    ? lbArns.find((arn) => arn.endsWith(`loadbalancer/${nlbMatch[1]}`))
    : undefined;
  return {
    id: data.NetworkInterfaceId,
    kind: eniKind(
      data.InterfaceType,
      endpointMatch !== null,
      nlbMatch !== null,
      data.Attachment?.InstanceId,
    ),
    interfaceType: data.InterfaceType,
    description,
    name: nameTag(data.TagSet),
    vpcId: data.VpcId,
    subnetId: data.SubnetId,
    availabilityZoneId: subnet.availabilityZoneId,
    ownerId: data.OwnerId ?? account,
    ipv4: privateIpv4(data),
    ipv6: (data.Ipv6Addresses ?? []).map((entry) => ip(entry.Ipv6Address)),
    addressUnknown: unknown,
    securityGroupIds: data.Groups.map((group) => group.GroupId),
    instanceId: data.Attachment?.InstanceId,
    deviceIndex: data.Attachment?.DeviceIndex,
    vpcEndpointId: endpointMatch?.[1],
    loadBalancerArn,
  };
}

function eniKind(
  type: string | undefined,
  endpoint: boolean,
  nlb: boolean,
  instanceId?: string,
): EniKind {
  if (type === 'vpc_endpoint' || endpoint) return 'vpc-endpoint';
  if (type === 'network_load_balancer' || nlb) return 'nlb-node';
  if (instanceId !== undefined) return 'instance';
  return 'other';
}

function privateIpv4(data: EniRecord): IpAddress[] {
  const listed = [...(data.PrivateIpAddresses ?? [])].sort(
    (a, b) => Number(b.Primary === true) - Number(a.Primary === true),
  );
  const texts = listed.map((entry) => entry.PrivateIpAddress);
  if (texts.length === 0 && data.PrivateIpAddress !== undefined) texts.push(data.PrivateIpAddress);
  return texts.map((text) => ip(text));
}

function instanceInterfaces(instance: InstanceData): EniRecord[] {
  const records: EniRecord[] = [];
  for (const raw of instance.NetworkInterfaces ?? []) {
    const record = raw as Partial<EniRecord> & { NetworkInterfaceId: string };
    if (typeof record.SubnetId !== 'string' || typeof record.VpcId !== 'string') continue;
    records.push({
      ...record,
      SubnetId: record.SubnetId,
      VpcId: record.VpcId,
      Groups: Array.isArray(record.Groups) ? record.Groups : [],
      InterfaceType: record.InterfaceType ?? 'interface',
      Attachment: { ...record.Attachment, InstanceId: instance.InstanceId },
    });
  }
  return records;
}

export function buildInstances(ctx: BuildContext, enis: Map<string, Eni>): Map<string, Instance> {
  const byInstance = new Map<string, Eni[]>();
  for (const eni of enis.values()) {
    if (eni.instanceId === undefined) continue;
    const list = byInstance.get(eni.instanceId) ?? [];
    list.push(eni);
    byInstance.set(eni.instanceId, list);
  }
  const instances = new Map<string, Instance>();
  for (const reservation of ctx.snapshot.Reservations) {
    for (const data of reservation.Instances) {
      const attached = (byInstance.get(data.InstanceId) ?? []).sort(
        (a, b) => (a.deviceIndex ?? 0) - (b.deviceIndex ?? 0),
      );
      instances.set(data.InstanceId, {
        id: data.InstanceId,
        name: nameTag(data.Tags),
        state: data.State?.Name,
        eniIds: attached.map((eni) => eni.id),
      });
    }
  }
  return instances;
}
