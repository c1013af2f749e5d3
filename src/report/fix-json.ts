import type { FixResult } from '../analysis/fix/types.js';
import type { TraceResult } from '../analysis/trace.js';

/**
 * The fix as the documented JSON (docs/fix.md): `{version, question, before, changes, manual,
 * notes, rounds, after}`, where `before` and `after` hold the verdict, the summary and the
 * blocked hops of the trace, and each change `{kind, component, direction, path, why, rule}`.
 */
export function fixJson(result: FixResult): Record<string, unknown> {
  return {
    version: result.version,
    question: result.question,
    before: traceSummary(result.before),
    changes: result.changes.map((change) => ({
      kind: change.kind,
      component: change.component,
      direction: change.direction,
      path: change.path,
      why: change.why,
      ...(change.account === undefined ? {} : { account: change.account }),
      ...(change.region === undefined ? {} : { region: change.region }),
      rule: change.rule,
    })),
    manual: result.manual,
    notes: result.notes,
    rounds: result.rounds,
    after: traceSummary(result.after),
  };
}

function traceSummary(trace: TraceResult) {
  return {
    verdict: trace.verdict,
    summary: trace.summary,
    blocked: trace.blocked,
    unhealthyTargets: trace.health.filter((h) => h.failedChecks.length > 0).map((h) => h.targetId),
  };
}
