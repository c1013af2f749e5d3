import { UsageError } from '../../errors.js';
import { formatIp, ipKey } from '../../net/address.js';
import { PacketSet } from '../../net/packet-set.js';
import type { Network } from '../../network/types.js';
import type { ModelOptions } from '../../paths/context.js';
import type { Verdict } from '../../paths/path.js';
import type { BlockedItem } from '../blocked.js';
import { eniBlocks } from '../reach/sides.js';
import { traceFlow } from '../trace.js';
import type { RawFlow } from './flows.js';

/** The trace of one packet of a closed flow in --after: what now stops it. */
export interface FailingTrace {
  /** The sending ENI traced from; null when no ENI of --after holds an address of the flow. */
  readonly from: string | null;
  readonly to: string;
  readonly protocol: number;
  readonly port: number | null;
  /** The trace's verdict, null when it could not be run (`summary` says why). */
  readonly verdict: Verdict | null;
  readonly summary: string;
  readonly blocked: readonly BlockedItem[];
}

/**
 * Traces one packet of a closed flow through --after, from an ENI of the flow (else any ENI of
 * --after holding one of its source addresses), so the report shows the hop and rule that now
 * refuse it. A flow whose sources are no ENI's cannot be traced: trace starts at an ENI.
 */
export function traceClosedFlow(
  after: Network,
  to: string,
  flow: RawFlow,
  options: Partial<ModelOptions>,
): FailingTrace {
  const sender = flow.enis.map((e) => after.enis.get(e.id)).find((e) => e !== undefined);
  const set =
    sender === undefined
      ? flow.set
      : flow.set.intersect(PacketSet.of({ sources: eniBlocks(sender) }));
  const packet = (set.isEmpty() ? flow.set : set).sample()!;
  const from = sender ?? after.eniByIp.get(ipKey(packet.source));
  const opens = from !== undefined && (from.kind === 'instance' || from.kind === 'other');
  const port = packet.protocol === 6 || packet.protocol === 17 ? packet.destinationPort : null;
  const base = { to, protocol: packet.protocol, port };
  if (from === undefined || !opens) {
    const why =
      from === undefined
        ? `no ENI of --after holds ${formatIp(packet.source)} or another address of this flow`
        : `${formatIp(packet.source)} belongs to ${from.id}, a ${from.kind} ENI, which opens no connections of its own`;
    return { ...base, from: null, verdict: null, summary: `not traced: ${why}`, blocked: [] };
  }
  try {
    const result = traceFlow(
      after,
      {
        from: from.id,
        to,
        protocol: packet.protocol,
        ...(port === null ? {} : { port }),
        ...(packet.icmpType === undefined
          ? {}
          : { icmpType: packet.icmpType, icmpCode: packet.icmpCode ?? 0 }),
        ipVersion: packet.family,
      },
      options,
    );
    return {
      ...base,
      from: from.id,
      verdict: result.verdict,
      summary: result.summary,
      blocked: result.blocked,
    };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return {
      ...base,
      from: from.id,
      verdict: null,
      summary: `not traced: ${error.message}`,
      blocked: [],
    };
  }
}
