import type { Log } from 'sarif';
import type { DiffDestination, DiffFlow, DiffResult } from '../analysis/diff/diff.js';
import { describeChange } from './diff-text.js';
import { type SarifFinding, type SarifRule, toSarifLog } from './sarif.js';

/** Options of the SARIF log: which flows fail the run, and where a component's file is. */
export interface DiffSarifOptions {
  /** Flows of these kinds are `error`, the rest `warning`. */
  readonly failing: ReadonlySet<'opened' | 'closed'>;
  /** The snapshot file that holds a resource, for the result's location; undefined if unknown. */
  readonly locate: (resourceId: string) => string | undefined;
  readonly version: string;
}

const RULES: readonly SarifRule[] = [
  {
    id: 'vpcreach/diff-opened',
    name: 'FlowOpened',
    shortDescription: 'The change lets a flow through that was refused before.',
    level: 'warning',
  },
  {
    id: 'vpcreach/diff-closed',
    name: 'FlowClosed',
    shortDescription: 'The change refuses a flow that got through before.',
    level: 'warning',
  },
];

/**
 * The diff as a SARIF 2.1.0 log, one result per flow, located at the file of the first change
 * that explains it (else the destination's), so code review tools pin it to the changed rule.
 */
export function renderDiffSarif(result: DiffResult, options: DiffSarifOptions): Log {
  const changes = new Map(result.changes.map((c) => [c.id, c]));
  const findings: SarifFinding[] = result.destinations.flatMap((destination) =>
    destination.flows.map((flow) => {
      const causes = flow.causes.map((id) => changes.get(id)).filter((c) => c !== undefined);
      const resource = causes[0]?.component ?? destination.destination;
      const file = options.locate(resource) ?? options.locate(destination.destination);
      return {
        ruleId: flow.change === 'opened' ? RULES[0]!.id : RULES[1]!.id,
        level: options.failing.has(flow.change) ? 'error' : 'warning',
        message: messageOf(destination, flow, causes.map(describeChange)),
        places: [{ ...(file === undefined ? {} : { file }), resource }],
        fingerprint: `${flow.change} ${destination.destination} ${flow.protocol} ${flow.ports.join(',')} ${flow.sources.cidrs.join(',')}`,
        properties: { destination: destination.destination, ...flow },
      } satisfies SarifFinding;
    }),
  );
  return toSarifLog(findings, RULES, { version: options.version });
}

function messageOf(destination: DiffDestination, flow: DiffFlow, causes: string[]): string {
  const what = `${flow.protocol} ${flow.ports.join(', ')} from ${flow.sources.cidrs.join(', ')} to ${destination.destination}`;
  const why = causes.length === 0 ? 'no rule change on its path matches it' : causes.join('; ');
  const now = flow.trace?.verdict ? ` Now: ${flow.trace.summary}.` : '';
  return `${flow.change === 'opened' ? 'Opened' : 'Closed'}: ${what}. Because: ${why}.${now}`;
}
