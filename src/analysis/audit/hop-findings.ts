import { formatCidr } from '../../net/cidr.js';
import { formatPortRange } from '../../net/port-range.js';
import type { Network, NetworkAcl, NetworkAclEntry } from '../../network/types.js';
import type { Hop } from '../../paths/hop.js';
import { aclEntryRef, describeAclEntry } from './aws-commands.js';
import type { FindingRule } from './finding.js';

/** The NACL entry that decided the blocked (or, failing that, the passing) part of a hop. */
export function decidingEntry(
  network: Network,
  hop: Hop,
  allowed: boolean,
): { acl: NetworkAcl; entry: NetworkAclEntry | undefined; star: boolean } | undefined {
  if (hop.kind !== 'network-acl') return undefined;
  const acl = network.networkAcls.get(hop.component);
  if (acl === undefined) return undefined;
  const segment = hop.segments.find((s) => s.allowed === allowed);
  const decision = segment?.decision;
  if (decision?.kind !== 'network-acl-entry') return { acl, entry: undefined, star: false };
  if (decision.ruleNumber === '*') return { acl, entry: undefined, star: true };
  const entries = hop.direction === 'egress' ? acl.outbound : acl.inbound;
  return { acl, entry: entries.find((e) => e.ruleNumber === decision.ruleNumber), star: false };
}

/** The rule a NACL hop's blocked part fell to: a numbered deny, or the final `*`. */
export function blockingRule(network: Network, hop: Hop): FindingRule | null {
  const found = decidingEntry(network, hop, false);
  if (found === undefined) return null;
  const way = hop.direction === 'egress' ? 'outbound' : 'inbound';
  if (found.entry !== undefined)
    return { ref: aclEntryRef(found.entry), summary: describeAclEntry(found.entry) };
  return { ref: `rule * ${way}`, summary: 'deny all, as no lower-numbered entry matches' };
}

/** Ports a hop let through, as text: `32768-65535`, or `none`. */
export function passingText(hop: Hop): string {
  const ports = hop.segments.filter((s) => s.allowed).map((s) => formatPortRange(s.ports));
  return ports.length === 0 ? 'none' : ports.join(', ');
}

/** The first IPv4 CIDR of a subnet, or the address itself when the subnet is unknown. */
export function subnetCidr(network: Network, subnetId: string, fallback: string): string {
  const block = network.subnets.get(subnetId)?.cidrs.find((c) => c.network.family === 4);
  return block === undefined ? `${fallback}/32` : formatCidr(block);
}

/**
 * The rule a partial hop is about: the allow entry that passes only part of the range, or,
 * when no entry allows any of it, the entry that decided the blocked part.
 */
export function partialRule(network: Network, hop: Hop): FindingRule | null {
  const found = decidingEntry(network, hop, true);
  if (found?.entry !== undefined && found.entry.action === 'allow')
    return { ref: aclEntryRef(found.entry), summary: describeAclEntry(found.entry) };
  return blockingRule(network, hop);
}
