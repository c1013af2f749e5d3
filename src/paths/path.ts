import type { PortRange } from '../net/port-range.js';
import type { Hop } from './hop.js';

export type Verdict = 'reachable' | 'partially-reachable' | 'unreachable';

/** Where a path goes through, as IDs and addresses (each present when the path has it). */
export interface PathWaypoints {
  readonly source: { readonly eniId: string; readonly address: string };
  readonly endpoint?: {
    readonly vpcEndpointId: string;
    readonly eniId: string;
    readonly address: string;
    readonly availabilityZoneId: string | undefined;
  };
  readonly loadBalancer?: {
    readonly arn: string;
    readonly nodeEniId: string | undefined;
    readonly nodeAddress: string | undefined;
    readonly availabilityZoneId: string | undefined;
  };
  readonly target?: {
    readonly id: string;
    readonly targetGroupArn: string;
    readonly eniId: string | undefined;
    readonly address: string | undefined;
    readonly port: number | undefined;
    readonly availabilityZoneId: string | undefined;
  };
  readonly destination?: { readonly eniId: string; readonly address: string };
}

/** One way the flow can go, hop by hop, before it is judged. */
export interface PathHops {
  readonly waypoints: PathWaypoints;
  readonly forward: readonly Hop[];
  readonly return: readonly Hop[];
}

export interface TracePath extends PathHops {
  readonly id: string;
  readonly verdict: Verdict;
  /** Client source ports whose replies pass every return hop. */
  readonly clientPortsPassing: readonly PortRange[];
  /** Load-balancer source ports whose replies pass (PrivateLink and NLB paths only). */
  readonly loadBalancerPortsPassing?: readonly PortRange[];
}
