import { type IpAddress, ipKey, parseIp } from '../../net/address.js';
import { type Cidr, cidrContains, formatCidr, hostCidr } from '../../net/cidr.js';
import type { Eni, LoadBalancer, Network } from '../../network/types.js';
import type { FixScope } from './types.js';

/** Reads an address the trace printed; undefined for placeholders such as `?`. */
export function addressOf(text: string | undefined): IpAddress | undefined {
  if (text === undefined) return undefined;
  const parsed = parseIp(text);
  return parsed.ok ? parsed.value : undefined;
}

/**
 * The block a rule names for one address at a scope: the address itself (/32, /128), the CIDR
 * of the subnet it lives in, or the VPC CIDR block that holds it. When the address belongs to no
 * known subnet or VPC, the address itself, never something wider.
 */
export function scopeBlock(network: Network, address: IpAddress, scope: FixScope): string {
  if (scope === 'address') return formatCidr(hostCidr(address));
  const eni = network.eniByIp.get(ipKey(address));
  const subnets = eni
    ? [network.subnets.get(eni.subnetId)].filter((s) => s !== undefined)
    : [...network.subnets.values()];
  for (const subnet of subnets) {
    const block = subnet.cidrs.find((c) => cidrContains(c, address));
    if (block === undefined) continue;
    if (scope === 'subnet') return formatCidr(block);
    const vpcBlock = network.vpcs.get(subnet.vpcId)?.cidrs.find((c) => cidrContains(c, address));
    return formatCidr(vpcBlock ?? block);
  }
  return formatCidr(hostCidr(address));
}

/** True for `0.0.0.0/0` and `::/0`, the blocks a fix never proposes unless asked. */
export function isWideBlock(block: string): boolean {
  return block.endsWith('/0');
}

/** The ENI an address belongs to, when it is a load balancer node. */
export function nlbNodeEni(network: Network, address: IpAddress): Eni | undefined {
  const eni = network.eniByIp.get(ipKey(address));
  return eni?.kind === 'nlb-node' ? eni : undefined;
}

/** The load balancer that owns a node ENI, found by its ARN or by its nodes' ENIs. */
export function balancerOfNode(network: Network, eni: Eni): LoadBalancer | undefined {
  if (eni.loadBalancerArn !== undefined) {
    const found = network.loadBalancers.get(eni.loadBalancerArn);
    if (found !== undefined) return found;
  }
  for (const balancer of network.loadBalancers.values()) {
    if (balancer.nodes.some((node) => node.eniId === eni.id)) return balancer;
  }
  return undefined;
}

/** Every private address of the nodes in the given zones (all zones when `zones` is undefined). */
export function nodeAddresses(balancer: LoadBalancer, zones?: ReadonlySet<string>): Cidr[] {
  const blocks: Cidr[] = [];
  for (const node of balancer.nodes) {
    if (zones !== undefined && !zones.has(node.availabilityZoneId ?? '')) continue;
    if (node.ip !== undefined) blocks.push(hostCidr(node.ip));
    for (const extra of node.secondaryIps) blocks.push(hostCidr(extra));
  }
  return blocks;
}
