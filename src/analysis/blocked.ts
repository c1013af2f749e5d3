import { formatPortRange, mergePortRanges, type PortRange } from '../net/port-range.js';
import type { Direction } from '../network/types.js';
import type { Hop, HopKind, PathSide } from '../paths/hop.js';
import type { TracePath } from '../paths/path.js';

/** One filter or gate that decided against the flow, in the contract's shape. */
export interface BlockedItem {
  readonly kind: HopKind;
  /** The NACL ID, or the ENI whose groups decided (an NLB's node ENI for its groups). */
  readonly component: string;
  readonly securityGroups?: readonly string[];
  readonly direction?: Direction;
  readonly path: PathSide;
  /** The deciding NACL rule number, or `*` for the final deny. */
  readonly rule?: number | '*';
  readonly code: string;
  /** Destination ports the decision covers, when only part of a range fails. */
  readonly ports?: readonly PortRange[];
  readonly detail: string;
}

/** Every hop of a path that blocks wholly or in part, one item per deciding rule. */
export function blockedItems(path: TracePath): BlockedItem[] {
  return [...path.forward, ...path.return].flatMap((hop) =>
    hop.verdict === 'pass' ? [] : itemsOf(hop),
  );
}

function itemsOf(hop: Hop): BlockedItem[] {
  const base = {
    kind: hop.kind,
    component: hop.component,
    ...(hop.securityGroups === undefined ? {} : { securityGroups: hop.securityGroups }),
    ...(hop.direction === undefined ? {} : { direction: hop.direction }),
    path: hop.path,
    code: hop.code ?? 'NO_PATH',
  };
  if (hop.kind !== 'network-acl') {
    const failing = hop.segments.filter((s) => !s.allowed).map((s) => s.ports);
    return [
      { ...base, ...(hop.verdict === 'partial' ? { ports: failing } : {}), detail: hop.detail },
    ];
  }
  const byRule = new Map<number | '*', PortRange[]>();
  for (const segment of hop.segments) {
    if (segment.allowed || segment.decision.kind !== 'network-acl-entry') continue;
    const rule = segment.decision.ruleNumber;
    byRule.set(rule, [...(byRule.get(rule) ?? []), segment.ports]);
  }
  return [...byRule].map(([rule, ports]) => {
    const merged = mergePortRanges(ports);
    const partial = hop.verdict === 'partial';
    const what = partial ? ` for destination ports ${merged.map(formatPortRange).join(', ')}` : '';
    const detail = `${hop.component} ${hop.direction === 'ingress' ? 'inbound' : 'outbound'} rule ${rule} denies the ${hop.path === 'return' ? 'reply' : 'request'}${what}`;
    return { ...base, rule, ...(partial ? { ports: merged } : {}), detail };
  });
}

/** Items that repeat across paths, reported once. */
export function uniqueBlocked(items: readonly BlockedItem[]): BlockedItem[] {
  if (items.length < 2) return [...items];
  const seen = new Map<string, BlockedItem>();
  for (const item of items) {
    const key = JSON.stringify([
      item.kind,
      item.component,
      item.direction,
      item.path,
      item.rule,
      item.code,
      item.ports,
    ]);
    if (!seen.has(key)) seen.set(key, item);
  }
  return [...seen.values()];
}
