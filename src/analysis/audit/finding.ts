import type { Limitation } from '../../paths/context.js';

/** How much a finding matters: `info` notes, `high` breaks or exposes a service. */
export type Severity = 'info' | 'low' | 'medium' | 'high';

/** Severities from least to most serious, for comparisons and `--fail-on`. */
export const SEVERITIES: readonly Severity[] = ['info', 'low', 'medium', 'high'];

/** `a` is at least as serious as `b`. */
export function atLeast(a: Severity, b: Severity): boolean {
  return SEVERITIES.indexOf(a) >= SEVERITIES.indexOf(b);
}

/** The rule a finding is about: a NACL entry or one peer of a security group permission. */
export interface FindingRule {
  /** `rule 100 inbound` for a NACL entry, `IpPermissions[0].IpRanges[1]` for a group rule. */
  readonly ref: string;
  /** The rule as the console shows it: `allow tcp 443 from 10.0.1.0/24`. */
  readonly summary: string;
}

/** What to change: a sentence, and the AWS CLI command that makes the change when one does. */
export interface Suggestion {
  readonly text: string;
  readonly commands: readonly string[];
}

/** One thing the audit found, on one AWS resource. */
export interface Finding {
  readonly code: string;
  readonly severity: Severity;
  /** The AWS resource ID: a NACL, a security group, an endpoint, an NLB ARN, an ENI. */
  readonly resource: string;
  readonly rule: FindingRule | null;
  /** One sentence: what is wrong and why it matters. */
  readonly message: string;
  readonly suggestion: Suggestion;
  /** Other resources the finding was judged on (ENIs, targets, paths). */
  readonly related: readonly string[];
}

/** The audit of one network: findings in report order, their counts, what was not checked. */
export interface AuditResult {
  readonly version: 1;
  readonly findings: readonly Finding[];
  readonly counts: Readonly<Record<Severity, number>>;
  readonly limitations: readonly Limitation[];
}

/** Findings in report order: most serious first, then by resource, code and rule. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      SEVERITIES.indexOf(b.severity) - SEVERITIES.indexOf(a.severity) ||
      compare(a.resource, b.resource) ||
      compare(a.code, b.code) ||
      compare(a.rule?.ref ?? '', b.rule?.ref ?? '') ||
      compare(a.message, b.message),
  );
}

/** Drops findings that say the same thing about the same rule twice. */
export function dedupeFindings(findings: readonly Finding[]): Finding[] {
  const seen = new Map<string, Finding>();
  for (const finding of findings) {
    const key = `${finding.code}\u0000${finding.resource}\u0000${finding.rule?.ref ?? ''}\u0000${finding.message}`;
    if (!seen.has(key)) seen.set(key, finding);
  }
  return [...seen.values()];
}

/** How many findings of each severity, every severity present. */
export function countFindings(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { info: 0, low: 0, medium: 0, high: 0 };
  for (const finding of findings) counts[finding.severity] += 1;
  return counts;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
