import { type Cidr, cidrCovers } from '../../net/cidr.js';
import type { PortRange } from '../../net/port-range.js';
import type { NetworkAclEntry } from '../../network/types.js';

/** The packets a new entry admits, to compare with existing entries. */
export interface EntryScope {
  readonly protocol: number;
  readonly ports: PortRange;
  readonly cidr: Cidr;
}

/** The number AWS gives the final `*` deny of IPv4 entries; user entries go from 1 to 32766. */
export const FINAL_DENY = 32767;

/**
 * A free rule number that puts a new allow before the entry that denied, without renumbering
 * anything. AWS scans entries by ascending number and stops at the first match, so the new entry
 * must sit below the deciding one and above every existing entry that matches any of its packets
 * (otherwise it would override that entry for packets the fix does not need). Prefers a multiple
 * of ten, as people number entries; before the `*` deny, the next multiple of ten after the last
 * entry. Undefined when no number fits.
 */
export function chooseRuleNumber(
  entries: readonly NetworkAclEntry[],
  taken: ReadonlySet<number>,
  deciding: number,
  wanted: EntryScope,
): number | undefined {
  const below = entries.filter((entry) => entry.ruleNumber < deciding);
  const floor = Math.max(0, ...below.filter((e) => overlaps(e, wanted)).map((e) => e.ruleNumber));
  const free = (n: number) => n > floor && n < deciding && n <= 32766 && !taken.has(n);
  if (deciding >= FINAL_DENY) {
    const given = [...taken].filter((n) => n < FINAL_DENY);
    const last = Math.max(floor, ...below.map((entry) => entry.ruleNumber), ...given);
    const next = (Math.floor(last / 10) + 1) * 10;
    if (free(next)) return next;
  }
  for (let n = Math.floor((deciding - 1) / 10) * 10; n > floor; n -= 10) if (free(n)) return n;
  for (let n = deciding - 1; n > floor; n--) if (free(n)) return n;
  return undefined;
}

/** True when an existing entry matches some packet the new entry would admit. */
export function overlaps(entry: NetworkAclEntry, wanted: EntryScope): boolean {
  if (entry.protocol !== 'all' && entry.protocol !== wanted.protocol) return false;
  if (entry.cidr.network.family !== wanted.cidr.network.family) return false;
  if (!cidrCovers(entry.cidr, wanted.cidr) && !cidrCovers(wanted.cidr, entry.cidr)) return false;
  if (entry.l4.kind === 'ports') {
    return entry.l4.from <= wanted.ports.to && wanted.ports.from <= entry.l4.to;
  }
  return entry.l4.kind === 'any';
}
