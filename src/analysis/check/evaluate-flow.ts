import type { Network } from '../../network/types.js';
import type { Limitation } from '../../paths/context.js';
import { traceFlow } from '../trace.js';
import type { IntentResult, PairOutcome } from './check-result.js';
import type { FlowIntent } from './intent.js';
import { expandSelectors } from './selectors.js';

/**
 * `reachable` holds when every source × destination pair traces `reachable`; a partially
 * reachable pair fails it. `unreachable` holds when every pair traces `unreachable`; a
 * partially reachable pair fails it too, since it gets through for some client ports, targets
 * or endpoint ENIs.
 */
export function evaluateFlowIntent(network: Network, intent: FlowIntent): IntentResult {
  const sources = expandSelectors(network, intent.from, 'from');
  const destinations = expandSelectors(network, intent.to, 'to');
  const limitations: Limitation[] = [];
  const pairs = sources.flatMap((from) =>
    destinations.map((to) => {
      const result = traceFlow(network, {
        from,
        to,
        protocol: intent.protocol,
        ...(intent.port === undefined ? {} : { port: intent.port }),
      });
      limitations.push(...result.limitations);
      return outcomeOf(intent, from, to, result);
    }),
  );
  const failing = pairs.filter((pair) => !holds(intent, pair));
  return {
    name: intent.name,
    kind: intent.kind,
    location: intent.location,
    status: failing.length === 0 ? 'pass' : 'fail',
    message: messageOf(intent, pairs, failing),
    pairs,
    violations: [],
    limitations: uniqueLimitations(limitations),
  };
}

function holds(intent: FlowIntent, pair: Pick<PairOutcome, 'verdict'>): boolean {
  return pair.verdict === (intent.kind === 'reachable' ? 'reachable' : 'unreachable');
}

function outcomeOf(
  intent: FlowIntent,
  from: string,
  to: string,
  result: ReturnType<typeof traceFlow>,
): PairOutcome {
  const base = { from, to, verdict: result.verdict, summary: result.summary };
  if (holds(intent, base)) return { ...base, blocked: [], evidence: [] };
  if (intent.kind === 'reachable') {
    const evidence = result.paths.filter((path) => path.verdict !== 'reachable');
    return { ...base, blocked: result.blocked, evidence };
  }
  const evidence = result.paths.filter((path) => path.verdict !== 'unreachable');
  return { ...base, blocked: [], evidence };
}

function messageOf(
  intent: FlowIntent,
  pairs: readonly PairOutcome[],
  failing: readonly PairOutcome[],
): string {
  const service = intent.protocol === 'icmp' ? 'icmp echo' : `${intent.protocol}/${intent.port}`;
  const only = pairs.length === 1 ? pairs[0]! : undefined;
  const count = only === undefined ? `all ${pairs.length} pairs` : `${only.from} → ${only.to}`;
  if (failing.length === 0) return `${count}: ${intent.kind} on ${service}`;
  const first = failing[0]!;
  const share = pairs.length === 1 ? '' : `${failing.length} of ${pairs.length} pairs fail; `;
  return `${share}${first.summary} (${service})`;
}

/** The same limitation reported for several components, once, naming them all. */
export function uniqueLimitations(limitations: readonly Limitation[]): Limitation[] {
  const seen = new Map<string, Limitation>();
  for (const limitation of limitations) {
    const key = `${limitation.code} ${limitation.detail}`;
    const known = seen.get(key);
    const components = known === undefined ? [] : known.component.split(', ');
    if (!components.includes(limitation.component)) components.push(limitation.component);
    seen.set(key, { ...limitation, component: components.join(', ') });
  }
  return [...seen.values()];
}
