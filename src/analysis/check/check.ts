import type { Network } from '../../network/types.js';
import type { CheckResult, IntentResult } from './check-result.js';
import { evaluateExposureIntent } from './evaluate-exposure.js';
import { evaluateFlowIntent } from './evaluate-flow.js';
import type { Intent } from './intent.js';

export type {
  CheckResult,
  ExposureSource,
  IntentResult,
  PairOutcome,
  Violation,
} from './check-result.js';
export type { Intent } from './intent.js';
export { parseIntents } from './parse-intents.js';

/**
 * Checks every intent against one network, in file order. Pure: the caller reads the files
 * and decides the exit code (0 when every intent holds, 1 otherwise).
 */
export function checkIntents(
  network: Network,
  intents: readonly Intent[],
  options: { readonly file: string },
): CheckResult {
  const results = intents.map((intent) => evaluateIntent(network, intent));
  const passed = results.filter((result) => result.status === 'pass').length;
  return {
    version: 1,
    file: options.file,
    total: results.length,
    passed,
    failed: results.length - passed,
    results,
  };
}

function evaluateIntent(network: Network, intent: Intent): IntentResult {
  switch (intent.kind) {
    case 'reachable':
    case 'unreachable':
      return evaluateFlowIntent(network, intent);
    case 'only':
    case 'not-exposed':
      return evaluateExposureIntent(network, intent);
  }
}
