import { bigIntToIp, formatIp, type IpAddress, ipToBigInt } from '../net/address.js';
import type { Eni, Network } from '../network/types.js';
import type { Endpoint, Service } from './flows.js';

/** Something a trace could not check, or assumed, stated in the result. */
export interface Limitation {
  readonly code: string;
  readonly component: string;
  readonly detail: string;
}

/** Model choices where AWS's documentation is silent; each is stated when it decides a verdict. */
export interface ModelOptions {
  /**
   * Evaluate the NLB subnet's inbound NACL entries for packets arriving through PrivateLink
   * (source: the consumer client). AWS does not document whether they apply.
   * @default false
   */
  readonly nlbSubnetAclOnPrivateLink: boolean;
  /**
   * When every target of a group is unhealthy and cross-zone is off, let each node fail open to
   * the targets of every enabled zone, not only its own. AWS does not document which it does.
   * @default false
   */
  readonly failOpenAcrossZones: boolean;
}

export const DEFAULT_MODEL_OPTIONS: ModelOptions = {
  nlbSubnetAclOnPrivateLink: false,
  failOpenAcrossZones: false,
};

/** What every path builder of one trace shares. */
export interface TraceContext {
  readonly network: Network;
  readonly service: Service;
  readonly options: ModelOptions;
  readonly limitations: Limitation[];
  readonly notes: string[];
  /**
   * Addresses the question named, by ENI: `--to 10.0.1.20` asks about that address, which may be
   * a secondary one, not the ENI's primary address.
   */
  readonly named?: ReadonlyMap<string, IpAddress>;
}

/**
 * The address an ENI uses in the trace's IP family. A planned ENI (Terraform, CloudFormation)
 * has none yet: it stands for some address in its subnet, and the trace says so.
 */
export function eniAddress(ctx: TraceContext, eni: Eni): IpAddress | undefined {
  const named = ctx.named?.get(eni.id);
  if (named !== undefined && named.family === ctx.service.family) return named;
  const known = ctx.service.family === 4 ? eni.ipv4[0] : eni.ipv6[0];
  if (known !== undefined) return known;
  if (!eni.addressUnknown) return undefined;
  const block = ctx.network.subnets
    .get(eni.subnetId)
    ?.cidrs.find((c) => c.network.family === ctx.service.family);
  if (block === undefined) return undefined;
  const assumed = bigIntToIp(ctx.service.family, ipToBigInt(block.network) + 4n);
  addLimitation(ctx, {
    code: 'ADDRESS_UNKNOWN_UNTIL_DEPLOYMENT',
    component: eni.id,
    detail: `${eni.id} has no address before deployment; the trace uses ${formatIp(assumed)}, one address of ${eni.subnetId}, and holds only if the rules treat every address of the subnet alike`,
  });
  return assumed;
}

export function endpointOf(eni: Eni, address: IpAddress): Endpoint {
  return { address, groups: eni.securityGroupIds };
}

export function addLimitation(ctx: TraceContext, limitation: Limitation): void {
  const seen = ctx.limitations.some(
    (l) =>
      l.code === limitation.code &&
      l.component === limitation.component &&
      l.detail === limitation.detail,
  );
  if (!seen) ctx.limitations.push(limitation);
}
