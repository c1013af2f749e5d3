import type { MatrixResult } from '../analysis/reach/matrix.js';
import type { AdmittedItem, ReachToResult } from '../analysis/reach/reach.js';
import type { ReachFromResult } from '../analysis/reach/reach-from.js';
import type { Paint } from './trace-text.js';

function item(entry: AdmittedItem): string {
  return `${entry.protocol} ${entry.ports.join(', ')} from ${entry.cidrs.join(', ')}`;
}

function scopeLine(
  q: { protocol: string; ports: string; sourcePorts: string },
  paint: Paint,
): string {
  return paint.dim(
    `${q.protocol}, destination ports ${q.ports}, client source ports ${q.sourcePorts}`,
  );
}

function limits(
  result: { limitations: readonly { code: string; detail: string }[] },
  paint: Paint,
): string[] {
  if (result.limitations.length === 0) return [];
  return [
    '',
    paint.bold('Limits of this answer'),
    ...result.limitations.map((l) => `  - ${l.detail} ${paint.dim(`(${l.code})`)}`),
  ];
}

/** Who gets in, on what: the admitted address space, then the snapshot's ENIs that get through. */
export function renderReachTo(result: ReachToResult, paint: Paint): string {
  const lines = [
    paint.bold(`Who can reach ${result.question.to}`),
    scopeLine(result.question, paint),
  ];
  lines.push(
    `  through ${result.destinations.map((d) => `${d.eniId} (${d.addresses.join(', ')})`).join(', ')}`,
  );
  lines.push('', paint.bold('Admitted sources'));
  if (result.admitted.length === 0)
    lines.push(paint.red('  none: nothing gets through the destination side'));
  for (const entry of result.admitted) lines.push(`  ${paint.green('✓')} ${item(entry)}`);
  lines.push('', paint.bold('ENIs in the snapshot that reach it'));
  if (result.sources.length === 0) lines.push('  none');
  for (const source of result.sources) {
    const who = [source.eniId, source.instanceId, source.name].filter(Boolean).join(' ');
    const what = source.reaches
      .map((r) => `${r.protocol} ${r.ports.join(', ')} to ${r.cidrs.join(', ')}`)
      .join('; ');
    lines.push(`  ${who} (${source.addresses.join(', ')}): ${what}`);
  }
  return `${[...lines, ...limits(result, paint)].join('\n')}\n`;
}

export function renderReachFrom(result: ReachFromResult, paint: Paint): string {
  const lines = [
    paint.bold(`What ${result.question.from} can reach`),
    scopeLine(result.question, paint),
    '',
  ];
  if (result.destinations.length === 0) lines.push('  nothing');
  for (const destination of result.destinations) {
    const service = destination.service === null ? '' : ` → ${destination.service}`;
    const what = destination.reaches.map((r) => `${r.protocol} ${r.ports.join(', ')}`).join('; ');
    lines.push(
      `  ${destination.destination}${service} (${destination.addresses.join(', ')}): ${what}`,
    );
  }
  return `${[...lines, ...limits(result, paint)].join('\n')}\n`;
}

export function renderMatrix(result: MatrixResult, paint: Paint): string {
  const lines = [
    paint.bold('Source classes (ENIs with the same VPC, subnet and groups)'),
    scopeLine(result.question, paint),
  ];
  for (const c of result.classes)
    lines.push(
      `  ${c.id}: ${c.subnetId} [${c.securityGroups.join(', ')}] ${c.members.length} ENI(s): ${c.members.slice(0, 5).join(', ')}${c.members.length > 5 ? ', …' : ''}`,
    );
  lines.push('', paint.bold('Reachable pairs'));
  if (result.cells.length === 0) lines.push('  none');
  for (const cell of result.cells)
    lines.push(`  ${cell.class} → ${cell.destination}: ${cell.reaches.map(item).join('; ')}`);
  return `${[...lines, ...limits(result, paint)].join('\n')}\n`;
}
