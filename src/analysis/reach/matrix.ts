import { compileNetworkAcl, compileSecurityGroups } from '../../filters/compile.js';
import { PacketSet } from '../../net/packet-set.js';
import { summarizeSources } from '../../net/packet-set-summary.js';
import type { Eni, Network } from '../../network/types.js';
import type { Limitation, ModelOptions } from '../../paths/context.js';
import { type DestinationSide, endpointSide, plainSide, type SideContext } from './destinations.js';
import {
  type AdmittedItem,
  dedupe,
  describeQuestion,
  type ReachQuestion,
  resolveScope,
  sideContext,
  toItems,
} from './reach.js';
import { eniBlocks } from './sides.js';

/** ENIs that every filter treats alike as senders: same VPC, subnet and groups. */
export interface SourceClass {
  readonly id: string;
  readonly vpcId: string;
  readonly subnetId: string;
  readonly securityGroups: readonly string[];
  readonly members: readonly string[];
}

export interface MatrixCell {
  readonly class: string;
  readonly destination: string;
  /** Which members (by address) reach it, on what; members in one item reach it alike. */
  readonly reaches: readonly AdmittedItem[];
}

export interface MatrixResult {
  readonly version: 1;
  readonly question: ReturnType<typeof describeQuestion>;
  readonly classes: readonly SourceClass[];
  readonly cells: readonly MatrixCell[];
  readonly limitations: readonly Limitation[];
}

/**
 * Every class of sending ENIs × every ENI and interface endpoint of its VPC, with what gets
 * through. A class shares its groups and subnet, so its own filters are compiled once; the
 * destination side is compiled once per destination. A cell lists addresses, because rules at
 * the destination may still tell members apart by address. `onClass` hears how many classes are
 * done, before each one and once at the end.
 */
export function reachMatrix(
  network: Network,
  question: ReachQuestion = {},
  options: Partial<ModelOptions> = {},
  onClass?: (done: number, total: number) => void,
): MatrixResult {
  const scope = resolveScope(question);
  const ctx = sideContext(network, options);
  const classes = sourceClasses(network);
  const sides = destinationsByVpc(ctx, scope);
  const cells: MatrixCell[] = [];
  for (const [index, sourceClass] of classes.entries()) {
    onClass?.(index, classes.length);
    const sending = classSending(network, sourceClass);
    for (const [label, group] of sides.get(sourceClass.vpcId) ?? []) {
      const set = PacketSet.unionAll(
        group.map((side) => {
          const from =
            side.eni.subnetId === sourceClass.subnetId ? sending.sameSubnet : sending.otherSubnet;
          // An ENI talking to itself is not a network path.
          return side.admitted.intersect(from).subtract(ownBlocks(side.eni));
        }),
      );
      if (set.isEmpty()) continue;
      cells.push({
        class: sourceClass.id,
        destination: label,
        reaches: toItems(summarizeSources(set)),
      });
    }
  }
  onClass?.(classes.length, classes.length);
  return {
    version: 1,
    question: describeQuestion('*', scope),
    classes,
    cells,
    limitations: dedupe(ctx.limitations),
  };
}

const ownBlocksCache = new WeakMap<Eni, PacketSet>();

/** The packets an ENI sends from its own addresses, built once per ENI for every class. */
function ownBlocks(eni: Eni): PacketSet {
  let set = ownBlocksCache.get(eni);
  if (set === undefined) {
    set = PacketSet.of({ sources: eniBlocks(eni) });
    ownBlocksCache.set(eni, set);
  }
  return set;
}

export function sourceClasses(network: Network): SourceClass[] {
  const byKey = new Map<string, Eni[]>();
  for (const eni of network.enis.values()) {
    if (eni.kind !== 'instance' && eni.kind !== 'other') continue;
    const key = `${eni.vpcId} ${eni.subnetId} ${[...eni.securityGroupIds].sort().join(',')}`;
    byKey.set(key, [...(byKey.get(key) ?? []), eni]);
  }
  return [...byKey.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, members], i) => ({
      id: `class-${i + 1}`,
      vpcId: members[0]!.vpcId,
      subnetId: members[0]!.subnetId,
      securityGroups: [...members[0]!.securityGroupIds].sort(),
      members: members.map((eni) => eni.id).sort(),
    }));
}

function classSending(network: Network, sourceClass: SourceClass) {
  const members = sourceClass.members.map((id) => network.enis.get(id)!);
  const fromMembers = PacketSet.of({ sources: members.flatMap(eniBlocks) });
  const sameSubnet = fromMembers.intersect(
    compileSecurityGroups(network, sourceClass.securityGroups, 'egress'),
  );
  const acl = network.networkAcls.get(network.subnets.get(sourceClass.subnetId)!.networkAclId)!;
  const otherSubnet = sameSubnet
    .intersect(compileNetworkAcl(acl, 'egress'))
    .intersect(compileNetworkAcl(acl, 'ingress').reverse());
  return { sameSubnet, otherSubnet };
}

function destinationsByVpc(ctx: SideContext, scope: ReturnType<typeof resolveScope>) {
  const byVpc = new Map<string, Map<string, DestinationSide[]>>();
  for (const eni of [...ctx.network.enis.values()].sort((a, b) => a.id.localeCompare(b.id))) {
    if (eni.kind === 'nlb-node') continue;
    const groups = byVpc.get(eni.vpcId) ?? new Map<string, DestinationSide[]>();
    byVpc.set(eni.vpcId, groups);
    const label = eni.kind === 'vpc-endpoint' ? (eni.vpcEndpointId ?? eni.id) : eni.id;
    const side =
      eni.kind === 'vpc-endpoint'
        ? endpointSide(ctx, eni, scope, label)
        : plainSide(ctx, eni, scope);
    groups.set(label, [...(groups.get(label) ?? []), side]);
  }
  return byVpc;
}
