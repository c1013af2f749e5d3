import type { TraceResult } from '../analysis/trace.js';
import { formatPortRange } from '../net/port-range.js';
import type { Hop } from '../paths/hop.js';
import type { TracePath, Verdict } from '../paths/path.js';

/** Colour functions; identity functions when output is not a terminal. */
export interface Paint {
  readonly green: (text: string) => string;
  readonly red: (text: string) => string;
  readonly yellow: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly bold: (text: string) => string;
}

const MARK = { pass: '✓', block: '✗', partial: '~' } as const;

/** The trace for people: a summary line, a hop table per path, then what blocked. */
export function renderTrace(result: TraceResult, paint: Paint): string {
  const lines: string[] = [];
  lines.push(
    `${colorVerdict(result.verdict, paint)}${result.summary.slice(result.verdict.length)}`,
  );
  const q = result.question;
  const what = q.icmp
    ? `${q.protocol} type ${q.icmp.type} code ${q.icmp.code}`
    : `${q.protocol}${q.port === null ? '' : `/${q.port}`}`;
  lines.push(
    paint.dim(`${what}, client source ports ${formatPortRange(q.sourcePorts)}, IPv${q.ipVersion}`),
  );
  result.paths.forEach((path, i) => {
    lines.push('', renderPathHeader(path, i, result.paths.length, paint));
    lines.push(...renderHops('forward', path.forward, paint));
    if (path.return.length > 0) lines.push(...renderHops('return', path.return, paint));
    else if (path.verdict !== 'unreachable')
      lines.push(
        paint.dim('  return   no network ACL on the way back (same subnets); groups are stateful'),
      );
  });
  if (result.blocked.length > 0) {
    lines.push('', paint.bold('Blocked by'));
    for (const item of result.blocked) {
      const rule = item.rule === undefined ? '' : ` rule ${item.rule}`;
      const ports = item.ports ? ` ports ${item.ports.map(formatPortRange).join(', ')}` : '';
      const where = [item.kind, item.component, item.direction, item.path]
        .filter(Boolean)
        .join(' ');
      lines.push(`  ${paint.red(MARK.block)} ${where}${rule}${ports} ${paint.dim(item.code)}`);
      lines.push(`    ${item.detail}`);
    }
  }
  lines.push(...renderHealth(result, paint));
  if (result.limitations.length > 0) {
    lines.push('', paint.bold('Limits of this answer'));
    for (const limitation of result.limitations)
      lines.push(`  - ${limitation.detail} ${paint.dim(`(${limitation.code})`)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** `Path 2 of 4  reachable` and the waypoints the path goes through. */
export function renderPathHeader(
  path: TracePath,
  index: number,
  total: number,
  paint: Paint,
): string {
  const w = path.waypoints;
  const stops = [
    `${w.source.eniId} ${w.source.address}`,
    w.endpoint &&
      `${w.endpoint.eniId} ${w.endpoint.address} (${w.endpoint.availabilityZoneId ?? '?'})`,
    w.loadBalancer &&
      `node ${w.loadBalancer.nodeAddress ?? '?'} (${w.loadBalancer.availabilityZoneId ?? '?'})`,
    w.target &&
      `${w.target.id} ${w.target.address ?? '?'}:${w.target.port ?? '?'} (${w.target.availabilityZoneId ?? '?'})`,
    w.destination && `${w.destination.eniId} ${w.destination.address}`,
  ].filter(Boolean);
  const ports = partialPorts(path);
  return `${paint.bold(`Path ${index + 1} of ${total}`)}  ${colorVerdict(path.verdict, paint)}${ports}\n  ${stops.join(' → ')}`;
}

function partialPorts(path: TracePath): string {
  if (path.verdict !== 'partially-reachable') return '';
  const parts = [
    `client ports ${path.clientPortsPassing.map(formatPortRange).join(', ') || 'none'}`,
  ];
  if (path.loadBalancerPortsPassing)
    parts.push(
      `NLB ports ${path.loadBalancerPortsPassing.map(formatPortRange).join(', ') || 'none'}`,
    );
  return ` (works for ${parts.join('; ')})`;
}

/** One line per hop with its mark (pass, block, partial), the packet, and the reason. */
export function renderHops(
  side: 'forward' | 'return',
  hops: readonly Hop[],
  paint: Paint,
): string[] {
  return hops.map((hop, i) => {
    const mark =
      hop.verdict === 'pass'
        ? paint.green(MARK.pass)
        : hop.verdict === 'block'
          ? paint.red(MARK.block)
          : paint.yellow(MARK.partial);
    const label = i === 0 ? side.padEnd(8) : ''.padEnd(8);
    const where = `${hop.kind} ${hop.component}${hop.direction ? ` ${hop.direction}` : ''}`;
    const packet = hop.packet
      ? paint.dim(
          ` ${hop.packet.source} → ${hop.packet.destination} ${hop.packet.protocol} ${hop.packet.port}`,
        )
      : '';
    return `  ${paint.dim(label)} ${mark} ${where}${packet}\n             ${hop.detail}`;
  });
}

function renderHealth(result: TraceResult, paint: Paint): string[] {
  const unhealthy = result.health.filter((h) => !h.healthy);
  if (unhealthy.length === 0 && !result.healthDecided) return [];
  const lines = ['', paint.bold('Target health (from the filters)')];
  for (const health of result.health) {
    const state = health.healthy ? paint.green('healthy') : paint.red('unhealthy');
    const observed = health.observedState
      ? paint.dim(` (AWS reported: ${health.observedState})`)
      : '';
    lines.push(`  ${health.targetId} port ${health.port}: ${state}${observed}`);
    for (const check of health.failedChecks) {
      lines.push(
        `    check from ${check.from} fails at ${check.hops.map((h) => `${h.kind} ${h.component}`).join(', ')}`,
      );
    }
  }
  if (result.healthDecided)
    lines.push(paint.yellow('  Target health decided which targets receive the flow.'));
  return lines;
}

function colorVerdict(verdict: Verdict, paint: Paint): string {
  if (verdict === 'reachable') return paint.green(verdict);
  if (verdict === 'unreachable') return paint.red(verdict);
  return paint.yellow(verdict);
}
