import type { Log } from 'sarif';
import { FINDING_KINDS } from '../analysis/audit/catalog.js';
import type { AuditResult, Finding, Severity } from '../analysis/audit/finding.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import { type SarifFinding, type SarifLevel, type SarifRule, toSarifLog } from './sarif.js';

/** SARIF has three levels; `info` and `low` both become notes, told apart by a property. */
const LEVELS: Record<Severity, SarifLevel> = {
  info: 'note',
  low: 'note',
  medium: 'warning',
  high: 'error',
};

/** One SARIF rule per finding code, from the audit's catalog. */
export const AUDIT_RULES: readonly SarifRule[] = FINDING_KINDS.map((kind) => ({
  id: kind.code,
  name: kind.name,
  shortDescription: kind.short,
  fullDescription: kind.full,
  help: `${kind.help} Every code is described in docs/audit.md.`,
  level: LEVELS[kind.severity],
}));

export interface AuditSarifOptions {
  readonly version: string;
  /** The snapshot folder, prefixed to the files items came from; absent for a one-file snapshot. */
  readonly root?: string;
}

/**
 * The findings as a SARIF 2.1.0 log: each result names its code as `ruleId`, the AWS resource
 * as a logical location and, when the snapshot says which file described the resource, that
 * file as the physical location.
 */
export function renderAuditSarif(
  result: AuditResult,
  snapshot: Snapshot,
  options: AuditSarifOptions,
): Log {
  const files = resourceFiles(snapshot);
  const findings = result.findings.map((finding) => toFinding(finding, files, options.root));
  return toSarifLog(findings, AUDIT_RULES, { version: options.version });
}

function toFinding(
  finding: Finding,
  files: ReadonlyMap<string, string>,
  root: string | undefined,
): SarifFinding {
  const file = files.get(finding.resource);
  const rule = finding.rule === null ? '' : ` [${finding.rule.ref}: ${finding.rule.summary}]`;
  return {
    ruleId: finding.code,
    level: LEVELS[finding.severity],
    message: `${finding.resource}${rule}: ${finding.message} Suggested change: ${finding.suggestion.text}.`,
    places: [
      {
        ...(file === undefined ? {} : { file: root === undefined ? file : joinPath(root, file) }),
        resource: finding.resource,
      },
    ],
    fingerprint: `${finding.code}:${finding.resource}:${finding.rule?.ref ?? ''}`,
    properties: {
      severity: finding.severity,
      ...(finding.rule === null ? {} : { rule: finding.rule }),
      suggestion: finding.suggestion,
      related: finding.related,
    },
  };
}

const ID_FIELDS = [
  'NetworkAclId',
  'GroupId',
  'VpcEndpointId',
  'LoadBalancerArn',
  'NetworkInterfaceId',
  'TargetGroupArn',
  'ServiceId',
  'SubnetId',
  'VpcId',
] as const;

/** The file each resource of the snapshot came from, by its ID (the first item that has it). */
function resourceFiles(snapshot: Snapshot): Map<string, string> {
  const files = new Map<string, string>();
  const lists = [
    snapshot.NetworkAcls,
    snapshot.SecurityGroups,
    snapshot.VpcEndpoints,
    snapshot.LoadBalancers,
    snapshot.NetworkInterfaces,
    snapshot.TargetGroups,
    snapshot.ServiceConfigurations,
    snapshot.Subnets,
    snapshot.Vpcs,
  ];
  for (const list of lists) {
    for (const item of list as readonly object[]) {
      const origin = snapshot.origin.get(item);
      const record = item as Record<string, unknown>;
      const id = ID_FIELDS.map((field) => record[field]).find((v) => typeof v === 'string');
      if (origin !== undefined && typeof id === 'string' && !files.has(id))
        files.set(id, origin.file);
    }
  }
  return files;
}

function joinPath(root: string, file: string): string {
  return `${root.replace(/[\\/]+$/, '')}/${file}`;
}
