import { UsageError } from '../errors.js';
import { parseIp } from '../net/address.js';
import { EPHEMERAL_PORTS, type PortRange } from '../net/port-range.js';
import { ICMP, ICMPV6, parseProtocol } from '../net/protocol.js';
import type { Service } from '../paths/flows.js';

/** A trace question as the CLI and the library take it. */
export interface TraceQuestion {
  /** Instance ID, ENI ID or private IP. */
  readonly from: string;
  /** Instance, ENI, IP, interface endpoint, endpoint service, NLB ARN or name. */
  readonly to: string;
  /** `tcp` (default), `udp`, `icmp` (ICMPv6 between IPv6 addresses), `icmpv6` or a number. */
  readonly protocol?: string | number;
  /** Destination port, required for tcp and udp. */
  readonly port?: number;
  /** ICMP type and code; the default is an echo request. */
  readonly icmpType?: number;
  readonly icmpCode?: number;
  /**
   * The client's possible source ports.
   * @default 1024-65535, AWS's advice for return traffic through network ACLs
   */
  readonly sourcePorts?: PortRange;
  /** @default 6 when --from or --to is an IPv6 address, else 4 */
  readonly ipVersion?: 4 | 6;
}

export function resolveService(question: TraceQuestion): Service {
  const text = String(question.protocol ?? 'tcp');
  const named = parseProtocol(text, { names: true });
  if (named === undefined || named === 'all') {
    throw new UsageError(
      `--protocol ${text} is not a protocol`,
      'use tcp, udp, icmp, icmpv6 or a protocol number 0-255',
    );
  }
  const family = question.ipVersion ?? (isIpv6(question.from) || isIpv6(question.to) ? 6 : 4);
  // Between IPv6 addresses, `icmp` means what ping means there: ICMPv6. Protocol 1 over IPv6
  // is still available by number.
  const protocol = family === 6 && text.toLowerCase() === 'icmp' ? ICMPV6 : named;
  const sourcePorts = question.sourcePorts ?? EPHEMERAL_PORTS;
  if (protocol === ICMP || protocol === ICMPV6) {
    const type = question.icmpType ?? (protocol === ICMP ? 8 : 128);
    return { family, protocol, port: 0, icmp: { type, code: question.icmpCode ?? 0 }, sourcePorts };
  }
  if (protocol === 6 || protocol === 17) {
    if (question.port === undefined)
      throw new UsageError(`--port is required for ${text}`, 'for example --port 443');
    return { family, protocol, port: question.port, sourcePorts };
  }
  // Protocols without ports: the reply is judged once, all or nothing, whatever the range says.
  return { family, protocol, port: 0, sourcePorts };
}

function isIpv6(selector: string): boolean {
  const parsed = parseIp(selector);
  return parsed.ok && parsed.value.family === 6;
}
