import { mergePortRanges, type PortRange } from '../net/port-range.js';
import { LOAD_BALANCER_PORTS } from '../paths/flows.js';
import { type EphemeralOwner, type Hop, passingPorts } from '../paths/hop.js';
import type { PathHops, TracePath, Verdict } from '../paths/path.js';

/**
 * Judges one path. Any forward hop that blocks stops it. On the way back, the client's source
 * port and the port the NLB picked are independent unknowns, so each has its own set of ports
 * whose replies pass every return hop; the path works fully only if both sets are whole, and
 * not at all if either is empty.
 */
export function judgePath(path: PathHops, clientPorts: PortRange): TracePath {
  const forwardBlocked = path.forward.some((hop) => hop.verdict !== 'pass');
  const client = passingFor(path.return, 'client', clientPorts);
  const balancer = passingFor(path.return, 'load-balancer', LOAD_BALANCER_PORTS);
  const hasBalancer = path.return.some((hop) => hop.ephemeral === 'load-balancer');
  let verdict: Verdict;
  if (forwardBlocked || client.length === 0 || (hasBalancer && balancer.length === 0))
    verdict = 'unreachable';
  else if (covers(client, clientPorts) && (!hasBalancer || covers(balancer, LOAD_BALANCER_PORTS)))
    verdict = 'reachable';
  else verdict = 'partially-reachable';
  return {
    ...path,
    id: pathId(path),
    verdict,
    clientPortsPassing: forwardBlocked ? [] : client,
    ...(path.waypoints.loadBalancer === undefined
      ? {}
      : { loadBalancerPortsPassing: forwardBlocked ? [] : balancer }),
  };
}

function passingFor(hops: readonly Hop[], owner: EphemeralOwner, start: PortRange): PortRange[] {
  let passing: PortRange[] = [start];
  for (const hop of hops) {
    if (hop.ephemeral !== owner) continue;
    const allowed = passingPorts(hop);
    // Protocols without ports are judged on port 0; treat the hop as all-or-nothing then.
    if (hop.segments.every((segment) => segment.ports.from === 0 && segment.ports.to === 0)) {
      if (allowed.length === 0) return [];
      continue;
    }
    passing = intersect(passing, allowed);
  }
  return mergePortRanges(passing);
}

function intersect(a: readonly PortRange[], b: readonly PortRange[]): PortRange[] {
  const out: PortRange[] = [];
  for (const x of a) {
    for (const y of b) {
      const from = Math.max(x.from, y.from);
      const to = Math.min(x.to, y.to);
      if (from <= to) out.push({ from, to });
    }
  }
  return out.sort((p, q) => p.from - q.from);
}

function covers(ranges: readonly PortRange[], whole: PortRange): boolean {
  let next = whole.from;
  for (const range of ranges) {
    if (range.from > next) return false;
    next = Math.max(next, range.to + 1);
  }
  return next > whole.to;
}

function pathId(path: PathHops): string {
  const w = path.waypoints;
  const parts = [
    w.source.eniId,
    w.endpoint?.eniId,
    w.loadBalancer?.nodeEniId ?? (w.loadBalancer ? w.loadBalancer.nodeAddress : undefined),
    w.target?.id,
    w.destination?.eniId,
  ];
  return parts.filter((part) => part !== undefined).join(' → ');
}
