/**
 * The generated query mix as the engine's questions: trace and reach questions name ENIs,
 * interface endpoints and endpoint services by ID, as a user would on the command line.
 */
import type { ReachQuestion } from '../src/analysis/reach/reach.js';
import type { TraceQuestion } from '../src/analysis/trace.js';
import { UsageError } from '../src/errors.js';
import type { ReachQuery, TraceQuery } from './generate/queries.js';

/** The engine's question for one generated trace. */
export function traceQuestion(query: TraceQuery): TraceQuestion {
  const to =
    query.to.kind === 'eni'
      ? query.to.eniId
      : query.to.kind === 'endpoint'
        ? query.to.vpcEndpointId
        : query.to.serviceId;
  return { from: query.from, to, protocol: query.protocol, port: query.port };
}

/** The engine's reach question: one protocol and port, or every protocol and port. */
export function reachQuestion(query: ReachQuery): ReachQuestion & { to: string } {
  const to = query.target.kind === 'eni' ? query.target.eniId : query.target.serviceId;
  if (query.port === undefined) return { to, protocol: 'all' };
  return {
    to,
    protocol: query.protocol ?? 'tcp',
    ports: { from: query.port, to: query.port },
  };
}

/** A question the engine refuses as a usage error, with its message. */
export interface Refusal {
  readonly question: string;
  readonly message: string;
}

/** Runs `ask`; a UsageError becomes a refusal (returned), anything else propagates. */
export function askOrRefuse<T>(
  label: string,
  ask: () => T,
): { answer: T; refusal?: undefined } | { answer?: undefined; refusal: Refusal } {
  try {
    return { answer: ask() };
  } catch (error) {
    if (error instanceof UsageError)
      return { refusal: { question: label, message: error.message } };
    throw error;
  }
}

/** One line naming a trace question, for reports. */
export function describeTrace(question: TraceQuestion): string {
  return `trace --from ${question.from} --to ${question.to} --protocol ${String(question.protocol)} --port ${question.port}`;
}

/** One line naming a reach question, for reports. */
export function describeReach(question: ReachQuestion & { to: string }): string {
  const ports = question.ports ? ` --port ${question.ports.from}` : '';
  return `reach --to ${question.to} --protocol ${String(question.protocol)}${ports}`;
}
