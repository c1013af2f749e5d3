import { bigIntToIp, formatIp, type IpAddress, ipKey } from '../../net/address.js';
import { cidrBounds } from '../../net/cidr.js';
import type { Eni, Network } from '../../network/types.js';
import type { Limitation } from '../../paths/context.js';

/** A network whose planned ENIs stand at one address each, and which ENIs those are. */
export interface PlaceholderNetwork {
  readonly network: Network;
  readonly placeholders: readonly string[];
  readonly limitations: readonly Limitation[];
}

/**
 * Gives every ENI whose address is unknown until deployment (planned in Terraform or
 * CloudFormation) one free IPv4 address of its subnet, from the top down, so the packet sets can
 * speak of it. Approximation: the flows found for it hold for that address, and for the others of
 * the subnet only when the rules treat every address of the subnet alike; the diff names those
 * flows.
 */
export function placeholderAddresses(network: Network): PlaceholderNetwork {
  const planned = [...network.enis.values()].filter(
    (eni) => eni.addressUnknown && eni.ipv4.length === 0,
  );
  if (planned.length === 0) return { network, placeholders: [], limitations: [] };
  const used = new Set(network.eniByIp.keys());
  const replaced = new Map<string, Eni>();
  const limitations: Limitation[] = [];
  for (const eni of planned) {
    const address = freeAddress(network, eni, used);
    if (address === undefined) continue;
    used.add(ipKey(address));
    replaced.set(eni.id, { ...eni, ipv4: [address] });
    limitations.push({
      code: 'ADDRESS_UNKNOWN_UNTIL_DEPLOYMENT',
      component: eni.id,
      detail: `${eni.id} has no address before deployment; the diff places it at ${formatIp(address)} in ${eni.subnetId}, and its flows hold for other addresses of the subnet only if the rules treat them alike`,
    });
  }
  return { network: withEnis(network, replaced), placeholders: [...replaced.keys()], limitations };
}

function freeAddress(network: Network, eni: Eni, used: ReadonlySet<string>): IpAddress | undefined {
  const block = network.subnets.get(eni.subnetId)?.cidrs.find((c) => c.network.family === 4);
  if (block === undefined) return undefined;
  const { lo, hi } = cidrBounds(block);
  // AWS reserves the first four addresses and the last one of every subnet.
  for (let value = hi - 1n; value >= lo + 4n; value--) {
    const address = bigIntToIp(4, value);
    if (!used.has(ipKey(address))) return address;
  }
  return undefined;
}

function withEnis(network: Network, replaced: ReadonlyMap<string, Eni>): Network {
  const swap = (eni: Eni) => replaced.get(eni.id) ?? eni;
  const enis = new Map([...network.enis].map(([id, eni]) => [id, swap(eni)]));
  const eniByIp = new Map(network.eniByIp);
  for (const eni of replaced.values()) for (const a of eni.ipv4) eniByIp.set(ipKey(a), eni);
  const groupMembers = new Map(
    [...network.groupMembers].map(([id, members]) => [id, members.map(swap)]),
  );
  return { ...network, enis, eniByIp, groupMembers };
}
