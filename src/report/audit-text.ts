import type { AuditResult, Finding, Severity } from '../analysis/audit/finding.js';
import type { Paint } from './trace-text.js';

const ORDER: readonly Severity[] = ['high', 'medium', 'low', 'info'];

/**
 * The audit for people: a count line, then the findings grouped by severity (most serious
 * first) and, within one, by resource; each with its rule, the sentence and the change.
 */
export function renderAudit(result: AuditResult, paint: Paint): string {
  const c = result.counts;
  const total = result.findings.length;
  const lines = [
    paint.bold(
      `vpcreach audit: ${total} finding${total === 1 ? '' : 's'} (${c.high} high, ${c.medium} medium, ${c.low} low, ${c.info} info)`,
    ),
  ];
  if (total === 0)
    lines.push(
      '',
      'nothing to report: no rule does nothing, admits too much, or works only sometimes',
    );
  for (const severity of ORDER) {
    const findings = result.findings.filter((f) => f.severity === severity);
    if (findings.length === 0) continue;
    lines.push('', colour(paint, severity)(severity.toUpperCase()));
    let resource: string | undefined;
    for (const finding of findings) {
      if (finding.resource !== resource) {
        resource = finding.resource;
        lines.push(`  ${paint.bold(resource)}`);
      }
      lines.push(...renderFinding(finding, paint));
    }
  }
  for (const limitation of result.limitations) lines.push(paint.dim(`note: ${limitation.detail}`));
  return lines.join('\n');
}

function renderFinding(finding: Finding, paint: Paint): string[] {
  const rule = finding.rule === null ? '' : ` ${finding.rule.ref} (${finding.rule.summary})`;
  const lines = [
    `    ${colour(paint, finding.severity)(finding.code)}${rule}`,
    `      ${finding.message}`,
    `      ${paint.dim('change:')} ${finding.suggestion.text}`,
  ];
  for (const command of finding.suggestion.commands)
    lines.push(`        ${paint.dim('$')} ${command}`);
  return lines;
}

function colour(paint: Paint, severity: Severity): (text: string) => string {
  if (severity === 'high') return paint.red;
  if (severity === 'medium') return paint.yellow;
  return paint.dim;
}
