import type { PortRange } from '../../net/port-range.js';
import type { L4Match, Network } from '../../network/types.js';

/**
 * Splits `ports` into stretches on which every trace verdict is the same. A destination port
 * changes a verdict only where a security-group rule's or NACL entry's port range starts or
 * ends, or where it meets a listener's port; between those points every filter and gate sees
 * the same thing, so one trace per stretch (at its first port) answers for all of it.
 */
export function portStretches(network: Network, ports: PortRange): PortRange[] {
  const cuts = new Set<number>([ports.from, ports.to + 1]);
  const addRange = (l4: L4Match) => {
    if (l4.kind !== 'ports') return;
    cuts.add(l4.from);
    cuts.add(l4.to + 1);
  };
  for (const group of network.securityGroups.values())
    for (const rule of [...group.inbound, ...group.outbound]) addRange(rule.l4);
  for (const acl of network.networkAcls.values())
    for (const entry of [...acl.inbound, ...acl.outbound]) addRange(entry.l4);
  for (const balancer of network.loadBalancers.values())
    for (const listener of balancer.listeners)
      if (listener.port !== undefined)
        addRange({ kind: 'ports', from: listener.port, to: listener.port });
  const points = [...cuts]
    .filter((p) => p >= ports.from && p <= ports.to + 1)
    .sort((a, b) => a - b);
  return points.slice(0, -1).map((from, i) => ({ from, to: points[i + 1]! - 1 }));
}
