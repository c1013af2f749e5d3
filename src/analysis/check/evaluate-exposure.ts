import { parseIp } from '../../net/address.js';
import { type Cidr, cidrContains, formatCidr, parseCidr } from '../../net/cidr.js';
import { formatPortRange } from '../../net/port-range.js';
import type { Network } from '../../network/types.js';
import type { Limitation } from '../../paths/context.js';
import { subtractCidrs } from './address-space.js';
import {
  type AdmittedSource,
  type AdmittedSources,
  admittedSources,
  type ExposureQuery,
} from './admitted-sources.js';
import type { IntentResult, Violation } from './check-result.js';
import { uniqueLimitations } from './evaluate-flow.js';
import type { ExposureIntent } from './intent.js';
import { expandSelectors } from './selectors.js';

/**
 * `only` and `not-exposed` hold when no source outside the allowed address space reaches any
 * destination on any of the intent's protocols and ports. A violation names the source, the
 * ports that get through and the trace that proves it.
 */
export function evaluateExposureIntent(
  network: Network,
  intent: ExposureIntent,
  engine: AdmittedSources = admittedSources,
): IntentResult {
  const destinations = expandSelectors(network, intent.to, 'to');
  const violations: Violation[] = [];
  const limitations: Limitation[] = [];
  for (const to of destinations) {
    for (const protocol of intent.protocols) {
      const query: ExposureQuery = { to, protocol, ports: intent.ports };
      violations.push(...violationsOf(network, query, intent.allowed, engine));
      limitations.push(...engine.limitations(network, query));
    }
  }
  return {
    name: intent.name,
    kind: intent.kind,
    location: intent.location,
    status: violations.length === 0 ? 'pass' : 'fail',
    message: messageOf(intent, destinations, violations, engine.coverage),
    pairs: [],
    violations,
    limitations: uniqueLimitations(limitations),
  };
}

function violationsOf(
  network: Network,
  query: ExposureQuery,
  allowed: readonly Cidr[],
  engine: AdmittedSources,
): Violation[] {
  const outside = engine
    .sources(network, query)
    .filter((admitted) => !isAllowed(admitted, allowed));
  const concrete: Violation[] = outside.map((admitted) => ({
    source: admitted.source,
    to: query.to,
    protocol: query.protocol,
    ports: admitted.ports,
    proof: admitted.proof,
  }));
  // A symbolic engine may admit address space no concrete source stands in for: each such
  // block is a violation of its own, without a trace.
  const blocks: Violation[] = engine.admitted(network, query).flatMap((range) =>
    range.cidrs
      .flatMap((text) => subtractCidrs(cidrOf(text), allowed))
      .filter((block) => !outside.some((admitted) => sourceIn(admitted, block)))
      .map((block) => ({
        source: { kind: 'cidr', cidr: formatCidr(block) },
        to: query.to,
        protocol: query.protocol,
        ports: range.ports === null ? null : [range.ports],
      })),
  );
  return [...concrete, ...blocks];
}

function isAllowed(admitted: AdmittedSource, allowed: readonly Cidr[]): boolean {
  if (admitted.source.kind === 'cidr') {
    return subtractCidrs(cidrOf(admitted.source.cidr), allowed).length === 0;
  }
  const address = parseIp(admitted.source.address);
  return address.ok && allowed.some((block) => cidrContains(block, address.value));
}

function sourceIn(admitted: AdmittedSource, block: Cidr): boolean {
  if (admitted.source.kind === 'cidr') return formatCidr(block) === admitted.source.cidr;
  const address = parseIp(admitted.source.address);
  return address.ok && cidrContains(block, address.value);
}

function cidrOf(text: string): Cidr {
  const parsed = parseCidr(text);
  if (!parsed.ok) throw new Error(`admitted-sources returned a bad CIDR ${text}`);
  return parsed.value;
}

function messageOf(
  intent: ExposureIntent,
  destinations: readonly string[],
  violations: readonly Violation[],
  coverage: AdmittedSources['coverage'],
): string {
  const space = intent.allowed.map(formatCidr).join(', ');
  const ports = describeProbes(intent);
  const where =
    destinations.length === 1 ? destinations[0]! : `${destinations.length} destinations`;
  if (violations.length === 0) {
    const scope = coverage === 'snapshot-enis' ? ' (of the sources in the snapshot)' : '';
    return `no source outside ${space} reaches ${where} on ${ports}${scope}`;
  }
  const first = violations[0]!;
  const who =
    first.source.kind === 'eni'
      ? `${first.source.eniId} (${first.source.address})`
      : first.source.cidr;
  const more = violations.length > 1 ? ` and ${violations.length - 1} more` : '';
  return `${who}, outside ${space}, reaches ${first.to} on ${describePorts(first)}${more}`;
}

/** `tcp/udp 443 and icmp echo`: what an exposure intent probes. */
function describeProbes(intent: ExposureIntent): string {
  const withPorts = intent.protocols.filter((protocol) => protocol !== 'icmp');
  const parts =
    withPorts.length === 0 ? [] : [`${withPorts.join('/')} ${formatPortRange(intent.ports)}`];
  if (intent.protocols.includes('icmp')) parts.push('icmp echo');
  return parts.join(' and ');
}

/** `tcp 443, 8443-8450` or `icmp echo`. */
export function describePorts(violation: Pick<Violation, 'protocol' | 'ports'>): string {
  if (violation.ports === null) return `${violation.protocol} echo`;
  return `${violation.protocol} ${violation.ports.map(formatPortRange).join(', ')}`;
}
