import { baseNetwork } from './base-network.js';
import { CONSUMER_VARIANTS } from './consumer-variants.js';
import { type Outcome, pathsToTargets } from './expectations.js';
import { TARGET_VARIANTS } from './provider-variants.js';
import { SERVICE_VARIANTS } from './service-variants.js';
import type { NetworkSpec } from './spec.js';

/** A snapshot to write and what tracing the client to the endpoint on 443 must conclude. */
export interface Example {
  name: string;
  /** Directory below `examples/`. */
  directory: string;
  mistake: string | null;
  spec: NetworkSpec;
  outcome: Outcome;
}

/** Every mistake, in the order the path meets it: consumer, service and NLB, targets. */
export const VARIANTS = [...CONSUMER_VARIANTS, ...SERVICE_VARIANTS, ...TARGET_VARIANTS];

function correctOutcome(spec: NetworkSpec): Outcome {
  return {
    verdict: 'reachable',
    blocked: [],
    paths: pathsToTargets(spec, () => 'reachable'),
    reasoning:
      'Every hop admits the request (client-sg egress, client-acl 100/110 out, endpoint-acl 100 in, endpoint-sg 443 from 10.0.1.0/24, listener 443, nlb-acl 100/110 out, target-acl 100/110 in, orders-sg 8443 from both node IPs) and the replies (target-acl and nlb-acl 1024-65535, endpoint-acl out and client-acl in on 1024-65535). Both targets pass the health checks of both nodes and cross-zone is on, so each endpoint ENI reaches both targets.',
  };
}

/** The correct network first, then one example per variant under `broken/`. */
export function buildExamples(): Example[] {
  const base = baseNetwork();
  const correct: Example = {
    name: 'privatelink',
    directory: 'privatelink',
    mistake: null,
    spec: base,
    outcome: correctOutcome(base),
  };
  const broken = VARIANTS.map((variant) => {
    const spec = structuredClone(base);
    variant.patch(spec);
    return {
      name: variant.name,
      directory: `broken/${variant.name}`,
      mistake: variant.mistake,
      spec,
      outcome: variant.outcome(spec),
    };
  });
  return [correct, ...broken];
}
