import type { PortRange } from '../../net/port-range.js';
import type { Network } from '../../network/types.js';
import type { Limitation } from '../../paths/context.js';
import type { ExposureProof, ExposureSource } from './check-result.js';
import type { ProbeProtocol } from './intent.js';
import { symbolicSources } from './symbolic-sources.js';

/** "Who can reach this destination", for one protocol over a stretch of destination ports. */
export interface ExposureQuery {
  /** One destination, in a form `traceFlow` takes (instance, ENI, IP, vpce-…, service, NLB). */
  readonly to: string;
  readonly protocol: ProbeProtocol;
  /** Ignored for icmp, which probes an echo request. */
  readonly ports: PortRange;
}

/** The addresses that get through on some stretch of ports. */
export interface AdmittedRange {
  readonly protocol: ProbeProtocol;
  /** Null for icmp. */
  readonly ports: PortRange | null;
  /** CIDR blocks, canonical text; a /32 per ENI address in the snapshot-ENI fallback. */
  readonly cidrs: readonly string[];
}

/** A concrete source that gets through, with the trace that proves it. */
export interface AdmittedSource {
  readonly source: ExposureSource;
  readonly protocol: ProbeProtocol;
  /** Null for icmp. */
  readonly ports: readonly PortRange[] | null;
  readonly proof: ExposureProof;
}

/**
 * The answer `only` and `not-exposed` are checked against. An exact symbolic engine answers for
 * every address; the snapshot-ENI fallback answers for the ENIs the snapshot holds and says so
 * in `limitations`.
 */
export interface AdmittedSources {
  /** `every-address` when the whole address space is covered, else `snapshot-enis`. */
  readonly coverage: 'every-address' | 'snapshot-enis';
  admitted(network: Network, query: ExposureQuery): readonly AdmittedRange[];
  sources(network: Network, query: ExposureQuery): readonly AdmittedSource[];
  limitations(network: Network, query: ExposureQuery): readonly Limitation[];
}

/** The implementation `check` uses: exact over every address (ICMP: the snapshot's ENIs). */
export const admittedSources: AdmittedSources = symbolicSources;
