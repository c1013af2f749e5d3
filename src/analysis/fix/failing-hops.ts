import type { Network } from '../../network/types.js';
import type { Hop } from '../../paths/hop.js';
import type { PathWaypoints } from '../../paths/path.js';
import type { Snapshot } from '../../snapshot/snapshot.js';
import type { TraceResult } from '../trace.js';
import type { FixOptions } from './types.js';

/** A hop that blocks the flow wholly or in part, with where it sits. */
export interface FailingHop {
  readonly hop: Hop;
  /** The path it blocks; absent for a health check. */
  readonly waypoints?: PathWaypoints;
  /** The health check it blocks: the target group and the target. */
  readonly health?: { readonly targetGroupArn: string; readonly targetId: string };
}

/** What every change builder of one round reads. */
export interface ChangeContext {
  readonly network: Network;
  readonly snapshot: Snapshot;
  readonly options: FixOptions;
  readonly question: TraceResult['question'];
}

/**
 * Every hop that stops a path from working, and every hop that fails a health check. A health
 * check counts even when routing failover still sends the flow to the target: a target that
 * AWS sees as unhealthy is one zone outage away from a failing flow.
 */
export function failingHops(result: TraceResult): FailingHop[] {
  const found: FailingHop[] = [];
  for (const path of result.paths) {
    if (path.verdict === 'reachable') continue;
    for (const hop of [...path.forward, ...path.return]) {
      if (hop.verdict !== 'pass') found.push({ hop, waypoints: path.waypoints });
    }
  }
  for (const health of result.health) {
    for (const check of health.failedChecks) {
      for (const hop of check.hops) {
        const where = { targetGroupArn: health.targetGroupArn, targetId: health.targetId };
        found.push({ hop, health: where });
      }
    }
  }
  return found;
}

/** True while the flow is not reachable on every path or a target fails its health checks. */
export function needsFix(result: TraceResult): boolean {
  return result.verdict !== 'reachable' || result.health.some((h) => h.failedChecks.length > 0);
}
