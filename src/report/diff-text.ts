import type { DiffDestination, DiffFlow, DiffResult } from '../analysis/diff/diff.js';
import type { RuleChange } from '../analysis/diff/rule-changes.js';
import type { Paint } from './trace-text.js';

/** One configuration change in a line: `sg-0abc ingress added: tcp 443 from 0.0.0.0/0`. */
export function describeChange(change: RuleChange): string {
  const where =
    change.kind === 'security-group-rule'
      ? `${change.component} ${change.direction}`
      : change.kind === 'network-acl-entry'
        ? `${change.component} ${change.direction} rule ${change.ruleNumber}`
        : `${change.component} ${change.field}`;
  if (change.change === 'added') return `${where} added: ${change.after}`;
  if (change.change === 'removed') return `${where} removed: ${change.before}`;
  return `${where} changed: ${change.before} → ${change.after}`;
}

function flowLine(flow: DiffFlow, paint: Paint): string {
  const mark = flow.change === 'opened' ? paint.yellow('+ opened') : paint.red('- closed');
  const enis =
    flow.sources.enis.length === 0 ? '' : ` ${paint.dim(`[${listed(flow.sources.enis)}]`)}`;
  const sender = flow.origin === 'sender-side' ? paint.dim(' (the senders’ own filters)') : '';
  return `  ${mark}  ${flow.protocol} ${flow.ports.join(', ')} from ${listed(flow.sources.cidrs)}${enis}${sender}`;
}

function listed(items: readonly string[], max = 6): string {
  return items.length <= max
    ? items.join(', ')
    : `${items.slice(0, max).join(', ')}, … (${items.length})`;
}

function renderFlow(flow: DiffFlow, changes: ReadonlyMap<string, RuleChange>, paint: Paint) {
  const lines = [flowLine(flow, paint)];
  if (flow.toAddresses !== null)
    lines.push(paint.dim(`      only to ${flow.toAddresses.join(', ')}`));
  for (const path of flow.paths ?? []) lines.push(paint.dim(`      only through ${path}`));
  if (flow.causes.length === 0)
    lines.push(paint.dim('      because: no rule change on its path matches it'));
  for (const id of flow.causes) {
    const change = changes.get(id);
    if (change !== undefined) lines.push(`      because: ${describeChange(change)}`);
  }
  if (flow.dependsOnUnknownAddress.length > 0)
    lines.push(
      paint.yellow(
        `      depends on addresses unknown until deployment: ${flow.dependsOnUnknownAddress.join(', ')}`,
      ),
    );
  const trace = flow.trace;
  if (trace !== null) {
    lines.push(`      now: ${trace.verdict === null ? paint.dim(trace.summary) : trace.summary}`);
    for (const item of trace.blocked) {
      const rule = item.rule === undefined ? '' : ` rule ${item.rule}`;
      lines.push(
        paint.dim(
          `        ✗ ${item.kind} ${item.component}${item.direction ? ` ${item.direction}` : ''} (${item.path})${rule}: ${item.code}`,
        ),
      );
    }
  }
  return lines;
}

function header(destination: DiffDestination): string {
  const presence =
    destination.presence === 'both'
      ? ''
      : destination.presence === 'after'
        ? ', new in --after'
        : ', gone in --after';
  return `${destination.destination} (${destination.kind}${presence}; ${destination.addresses.join(', ') || 'no address'})`;
}

/** Flows grouped by destination, the widest openings first, then every change and the limits. */
export function renderDiff(result: DiffResult, paint: Paint): string {
  const s = result.summary;
  const q = result.question;
  const lines = [
    paint.bold(
      `${s.opened} flow(s) opened, ${s.closed} closed, at ${s.destinations} destination(s); ${s.changes} configuration change(s)`,
    ),
    paint.dim(
      `${q.protocol === 'all' ? 'all protocols' : q.protocol}, destination ports ${q.ports}, client source ports ${q.sourcePorts}${q.to === null ? '' : `; only ${q.to.join(', ')}`}`,
    ),
  ];
  const changes = new Map(result.changes.map((c) => [c.id, c]));
  for (const destination of result.destinations) {
    lines.push('', paint.bold(header(destination)));
    for (const flow of destination.flows) lines.push(...renderFlow(flow, changes, paint));
  }
  if (result.destinations.length === 0) lines.push('', 'No flow opened or closed.');
  lines.push('', paint.bold('Configuration changes'));
  if (result.changes.length === 0) lines.push('  none');
  for (const change of result.changes) lines.push(`  ${describeChange(change)}`);
  if (result.limitations.length > 0) {
    lines.push('', paint.bold('Limits of this answer'));
    for (const l of result.limitations) lines.push(`  - ${l.detail} ${paint.dim(`(${l.code})`)}`);
  }
  return `${lines.join('\n')}\n`;
}
