import { formatIp } from '../../net/address.js';
import { mergePortRanges, type PortRange } from '../../net/port-range.js';
import type { Eni, Network } from '../../network/types.js';
import type { Limitation } from '../../paths/context.js';
import { resolveDestination } from '../../paths/resolve.js';
import { type TraceResult, traceFlow } from '../trace.js';
import type {
  AdmittedRange,
  AdmittedSource,
  AdmittedSources,
  ExposureQuery,
} from './admitted-sources.js';
import type { ExposureProof } from './check-result.js';
import { portStretches } from './port-partition.js';

const cache = new WeakMap<Network, Map<string, readonly AdmittedSource[]>>();

/**
 * Exact for the sources that exist: every ENI of the snapshot that can open a connection (not
 * an endpoint's or a load balancer's) is traced to the destination, once per stretch of
 * destination ports on which the verdict cannot change, from its primary private IPv4 address.
 * Approximation: addresses outside the snapshot (on-premises networks, other VPCs not
 * collected, the internet) are not covered, and the result says so.
 */
export const snapshotEniSources: AdmittedSources = {
  coverage: 'snapshot-enis',
  admitted: (network, query) => rangesOf(sourcesOf(network, query)),
  sources: (network, query) => sourcesOf(network, query),
  limitations: (network, query): Limitation[] => [
    {
      code: 'SOURCES_LIMITED_TO_SNAPSHOT',
      component: query.to,
      detail:
        "only sources in the snapshot were traced (each ENI's primary private IPv4 address); addresses outside the snapshot (on-premises, uncollected VPCs, the internet) are not covered until the symbolic reach engine answers this question",
    },
    ...untraceableEnis(network).map((eni) => ({
      code: 'SOURCE_WITHOUT_IPV4_ADDRESS',
      component: eni.id,
      detail: `${eni.id} has no known private IPv4 address (planned, or IPv6 only), so it was not traced as a source`,
    })),
  ],
};

/** ENIs that could open connections but have no IPv4 address to trace from. */
function untraceableEnis(network: Network): Eni[] {
  return [...network.enis.values()].filter(
    (eni) => (eni.kind === 'instance' || eni.kind === 'other') && eni.ipv4[0] === undefined,
  );
}

function sourcesOf(network: Network, query: ExposureQuery): readonly AdmittedSource[] {
  const key = JSON.stringify(query);
  const perNetwork = cache.get(network) ?? new Map<string, readonly AdmittedSource[]>();
  cache.set(network, perNetwork);
  const known = perNetwork.get(key);
  if (known !== undefined) return known;
  const excluded = destinationEniId(network, query.to);
  const stretches = query.protocol === 'icmp' ? [null] : portStretches(network, query.ports);
  const found = candidateEnis(network)
    .filter((eni) => eni.id !== excluded)
    .flatMap((eni) => probeSource(network, eni, query, stretches));
  perNetwork.set(key, found);
  return found;
}

function candidateEnis(network: Network): Eni[] {
  return [...network.enis.values()]
    .filter((eni) => (eni.kind === 'instance' || eni.kind === 'other') && eni.ipv4[0] !== undefined)
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** A destination that is one plain ENI is not its own source. */
function destinationEniId(network: Network, to: string): string | undefined {
  const destination = resolveDestination(network, to);
  return destination.kind === 'eni' ? destination.eni.id : undefined;
}

function probeSource(
  network: Network,
  eni: Eni,
  query: ExposureQuery,
  stretches: readonly (PortRange | null)[],
): AdmittedSource[] {
  const passing: PortRange[] = [];
  let proof: ExposureProof | undefined;
  for (const stretch of stretches) {
    const result = traceFlow(network, {
      from: eni.id,
      to: query.to,
      protocol: query.protocol,
      ...(stretch === null ? {} : { port: stretch.from }),
    });
    if (result.verdict === 'unreachable') continue;
    if (stretch !== null) passing.push(stretch);
    proof ??= proofOf(result, stretch);
  }
  if (proof === undefined) return [];
  const address = formatIp(eni.ipv4[0]!);
  return [
    {
      source: { kind: 'eni', eniId: eni.id, address },
      protocol: query.protocol,
      ports: query.protocol === 'icmp' ? null : mergePortRanges(passing),
      proof,
    },
  ];
}

function proofOf(result: TraceResult, stretch: PortRange | null): ExposureProof {
  return {
    from: result.question.from,
    to: result.question.to,
    port: stretch === null ? null : stretch.from,
    verdict: result.verdict,
    summary: result.summary,
    paths: result.paths.filter((path) => path.verdict !== 'unreachable'),
  };
}

function rangesOf(sources: readonly AdmittedSource[]): AdmittedRange[] {
  const byRange = new Map<string, { ports: PortRange | null; cidrs: string[] }>();
  for (const admitted of sources) {
    if (admitted.source.kind !== 'eni') continue;
    const cidr = `${admitted.source.address}/32`;
    for (const ports of admitted.ports ?? [null]) {
      const key = ports === null ? 'icmp' : `${ports.from}-${ports.to}`;
      const entry = byRange.get(key) ?? { ports, cidrs: [] };
      entry.cidrs.push(cidr);
      byRange.set(key, entry);
    }
  }
  const protocol = sources[0]?.protocol ?? 'tcp';
  return [...byRange.values()].map((entry) => ({ protocol, ...entry }));
}
