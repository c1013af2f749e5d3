import { PacketSet } from '../../net/packet-set.js';
import { summarizeSources } from '../../net/packet-set-summary.js';
import type { Network } from '../../network/types.js';
import { destinationSides, sideContext } from '../reach/reach.js';
import type { AdmittedRange, AdmittedSources, ExposureQuery } from './admitted-sources.js';
import { snapshotEniSources } from './snapshot-eni-sources.js';

/**
 * Exact over every address: the admitted space comes from the symbolic reach engine (the
 * destination side of every path, compiled to packet sets), and the concrete sources with their
 * proving traces from tracing the snapshot's ENIs. ICMP is answered by the snapshot's ENIs only,
 * since reach does not cover it.
 */
export const symbolicSources: AdmittedSources = {
  coverage: 'every-address',
  admitted: (network, query) =>
    query.protocol === 'icmp'
      ? snapshotEniSources.admitted(network, query)
      : admittedRanges(network, query),
  sources: (network, query) => snapshotEniSources.sources(network, query),
  limitations: (network, query) => {
    if (query.protocol === 'icmp') return snapshotEniSources.limitations(network, query);
    const ctx = sideContext(network, {});
    destinationSides(ctx, query.to, scopeOf(query));
    return ctx.limitations;
  },
};

function scopeOf(query: ExposureQuery) {
  return {
    protocol: query.protocol === 'tcp' ? 6 : 17,
    ports: query.ports,
    sourcePorts: { from: 1024, to: 65535 },
  } as const;
}

function admittedRanges(network: Network, query: ExposureQuery): AdmittedRange[] {
  const ctx = sideContext(network, {});
  const sides = destinationSides(ctx, query.to, scopeOf(query));
  const admitted = PacketSet.unionAll(sides.map((side) => side.admitted));
  return summarizeSources(admitted).flatMap((item) => {
    if (item.kind !== 'ports') return [];
    return item.ports.map((ports) => ({ protocol: query.protocol, ports, cidrs: item.cidrs }));
  });
}
