import type { FixChange, FixResult } from '../analysis/fix/types.js';
import type { Verdict } from '../paths/path.js';
import { describeQuestion } from './fix-aws-cli.js';
import type { Paint } from './trace-text.js';

/**
 * The fix for people: the verdict before, the changes grouped by the security group or network
 * ACL they touch (each with why), the manual steps, and the verdict of the re-trace after.
 */
export function renderFixText(result: FixResult, paint: Paint): string {
  const lines = [paint.bold(`fix ${describeQuestion(result)}`)];
  lines.push(
    `before: ${verdictText(result.before.verdict, paint)} — ${tail(result.before.summary)}` +
      sick(result),
  );
  const groups = new Map<string, FixChange[]>();
  for (const change of result.changes) {
    const key = resourceOf(change);
    groups.set(key, [...(groups.get(key) ?? []), change]);
  }
  if (groups.size > 0) lines.push('', paint.bold(`Changes (${result.changes.length})`));
  for (const [resource, changes] of groups) {
    const first = changes[0]!;
    const where = [first.account && `account ${first.account}`, first.region].filter(Boolean);
    lines.push(`  ${resource}${where.length > 0 ? paint.dim(` (${where.join(', ')})`) : ''}`);
    for (const change of changes) {
      lines.push(`    + ${describeChange(change)}`, paint.dim(`      why: ${change.why}`));
    }
  }
  if (result.manual.length > 0)
    lines.push('', paint.bold('Manual steps (no rule change can do it)'));
  for (const step of result.manual) {
    lines.push(`  - ${step.component}: ${step.what}`);
    if (step.command !== undefined) lines.push(`    $ ${step.command}`);
  }
  if (result.notes.length > 0) lines.push('', paint.bold('Notes'));
  for (const note of result.notes) lines.push(`  - ${note}`);
  if (result.changes.length === 0 && result.manual.length === 0) {
    lines.push(
      '',
      'nothing to change: the flow is reachable and every target passes its health checks',
    );
  }
  const proof = result.changes.length > 0 ? ' with the changes applied' : '';
  lines.push(
    '',
    `after${proof}: ${verdictText(result.after.verdict, paint)} — ${tail(result.after.summary)}` +
      paint.dim(` (re-traced ${result.rounds} time${result.rounds === 1 ? '' : 's'})`),
  );
  return `${lines.join('\n')}\n`;
}

function resourceOf(change: FixChange): string {
  return change.kind === 'security-group-rule'
    ? `security group ${change.rule.groupId}`
    : `network ACL ${change.rule.networkAclId}`;
}

/** One change in a line: `inbound tcp 443 from 10.0.1.0/24` or `rule 40 inbound allow …`. */
export function describeChange(change: FixChange): string {
  if (change.kind === 'security-group-rule') {
    const { rule } = change;
    const peer = rule.peer.kind === 'cidr' ? rule.peer.cidr : `group ${rule.peer.groupId}`;
    const ports =
      rule.fromPort === rule.toPort ? `${rule.fromPort}` : `${rule.fromPort}-${rule.toPort}`;
    const way = change.direction === 'ingress' ? 'inbound' : 'outbound';
    const preposition = change.direction === 'ingress' ? 'from' : 'to';
    return `${way} ${rule.ipProtocol} ${ports} ${preposition} ${peer}`;
  }
  const { rule } = change;
  const way = rule.egress ? 'outbound' : 'inbound';
  const verb = rule.operation === 'replace' ? 'replace' : 'new';
  const protocol = rule.protocol === '6' ? 'tcp' : 'udp';
  const ports =
    rule.fromPort === rule.toPort ? `${rule.fromPort}` : `${rule.fromPort}-${rule.toPort}`;
  const peer = `${rule.egress ? 'to' : 'from'} ${rule.cidr}`;
  const what = change.path === 'return' ? 'replies' : 'requests';
  return `${verb} rule ${rule.ruleNumber} ${way}: allow ${protocol} ${ports} ${peer} (${what})`;
}

function verdictText(verdict: Verdict, paint: Paint): string {
  if (verdict === 'reachable') return paint.green(verdict);
  return verdict === 'unreachable' ? paint.red(verdict) : paint.yellow(verdict);
}

/** The summary without its leading verdict and question: what the paths did. */
function tail(summary: string): string {
  const dash = summary.indexOf(' — ');
  return dash < 0 ? summary : summary.slice(dash + 3);
}

function sick(result: FixResult): string {
  const failing = result.before.health.filter((h) => h.failedChecks.length > 0).length;
  return failing === 0 ? '' : `; ${failing} target(s) fail their health checks`;
}
