import type { Log } from 'sarif';
import type { CheckResult, IntentResult } from '../analysis/check/check.js';
import type { IntentKind } from '../analysis/check/intent-schema.js';
import { type SarifFinding, type SarifRule, toSarifLog } from './sarif.js';

const HELP = 'The intent kinds, their meaning and the intents file format are in docs/check.md.';

/** One rule per intent kind; a failing intent is a result of its kind's rule. */
export const CHECK_RULES: readonly SarifRule[] = (
  [
    {
      id: 'intent-reachable',
      name: 'IntentReachable',
      shortDescription: 'A flow the intents file says must be reachable is not.',
      fullDescription:
        'Every source × destination pair of a `reachable` intent must trace as reachable on every path; a partially reachable pair fails.',
      level: 'error',
    },
    {
      id: 'intent-unreachable',
      name: 'IntentUnreachable',
      shortDescription: 'A flow the intents file says must stay closed gets through.',
      fullDescription:
        'No source × destination pair of an `unreachable` intent may get through on any path, not even for part of the client ports.',
      level: 'error',
    },
    {
      id: 'intent-only',
      name: 'IntentOnly',
      shortDescription: 'A source outside the allowed sources reaches the destination.',
      level: 'error',
    },
    {
      id: 'intent-not-exposed',
      name: 'IntentNotExposed',
      shortDescription: 'A source outside the given address space reaches the destination.',
      level: 'error',
    },
  ] as const
).map((rule) => ({ ...rule, help: HELP }));

/** The failing intents as a SARIF 2.1.0 log, each located at its line of the intents file. */
export function renderCheckSarif(result: CheckResult, options: { version: string }): Log {
  const findings = result.results.filter((r) => r.status === 'fail').map(findingOf);
  return toSarifLog(findings, CHECK_RULES, { version: options.version });
}

function findingOf(intent: IntentResult): SarifFinding {
  return {
    ruleId: ruleIdOf(intent.kind),
    message: `${intent.name}: ${intent.message}`,
    places: [
      { file: intent.location.file, line: intent.location.line, column: intent.location.column },
    ],
    fingerprint: `${intent.kind}:${intent.name}`,
    properties: {
      kind: intent.kind,
      violations: intent.violations.map((v) => v.source),
      pairs: intent.pairs.filter((p) => p.evidence.length > 0).map((p) => `${p.from} → ${p.to}`),
    },
  };
}

function ruleIdOf(kind: IntentKind): string {
  return `intent-${kind}`;
}
