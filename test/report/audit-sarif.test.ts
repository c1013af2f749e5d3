import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditNetwork } from '../../src/analysis/audit/audit.js';
import { FINDING_KINDS } from '../../src/analysis/audit/catalog.js';
import { loadNetwork } from '../../src/cli/load.js';
import { renderAuditSarif } from '../../src/report/audit-sarif.js';
import { sarifConsistencyProblems, sarifLogSchema } from './sarif-schema.js';

const ROOT = 'examples/broken/health-check-port-not-admitted';

function validate(log: unknown): string[] {
  const parsed = sarifLogSchema.safeParse(JSON.parse(JSON.stringify(log)));
  if (!parsed.success) return parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  return sarifConsistencyProblems(parsed.data);
}

describe('renderAuditSarif', () => {
  const network = loadNetwork(join(import.meta.dirname, '../..', ROOT));
  const result = auditNetwork(network);
  const log = renderAuditSarif(result, network.snapshot, { version: '0.1.0', root: ROOT });
  const run = log.runs[0]!;

  it('is a valid SARIF 2.1.0 log', () => {
    expect(result.findings.length).toBeGreaterThan(0);
    expect(validate(log)).toEqual([]);
  });

  it('describes every finding code once, with its metadata and default level', () => {
    const rules = run.tool.driver.rules!;
    expect(rules.map((r) => r.id)).toEqual(FINDING_KINDS.map((k) => k.code));
    for (const rule of rules) {
      expect(rule.name).toMatch(/^[A-Z][A-Za-z]+$/);
      expect(rule.shortDescription?.text).toBeTruthy();
      expect(rule.fullDescription?.text).toBeTruthy();
      expect(rule.help?.text).toBeTruthy();
      expect(['error', 'warning', 'note']).toContain(rule.defaultConfiguration?.level);
    }
  });

  it('locates each result at its AWS resource and at the snapshot file that described it', () => {
    expect(run.results).toHaveLength(result.findings.length);
    const health = run.results!.find((r) => r.ruleId === 'HEALTH_CHECK_BLOCKED')!;
    expect(health.level).toBe('error');
    const location = health.locations![0]!;
    expect(location.logicalLocations![0]!.fullyQualifiedName).toMatch(/^(acl|eni)-/);
    expect(location.physicalLocation!.artifactLocation!.uri).toMatch(
      /^examples\/broken\/health-check-port-not-admitted\/accounts\/222222222222\/us-east-1\/(NetworkAcls|NetworkInterfaces)\.json$/,
    );
    const lowest = run.results!.find((r) => r.ruleId === 'NLB_WITHOUT_SECURITY_GROUPS')!;
    expect(lowest.level).toBe('note');
    expect(lowest.locations![0]!.physicalLocation!.artifactLocation!.uri).toMatch(
      /LoadBalancers\.json$/,
    );
  });
});
