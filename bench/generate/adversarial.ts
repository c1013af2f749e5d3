/**
 * W4's adversarial features (performance.md §6): groups of 1,000 random /32 single-port rules
 * (box-subtraction blow-up), NACLs of strictly alternating allow/deny entries over nested CIDRs
 * and overlapping port ranges (first-match order), and chained PrivateLink, where a service's
 * targets are the ENIs of an interface endpoint to the next service.
 */
import { intToIpv4 } from './addressing.js';
import { TCP_PORTS } from './catalog.js';
import type { GenContext } from './context.js';
import type { NaclEntry, SgRule, Vpc } from './model.js';
import { associateSubnets, customAcl, starEntries } from './network-acls.js';
import { createEndpointService, createInterfaceEndpoint } from './privatelink.js';
import type { Rng } from './prng.js';
import { createRoleSecurityGroup } from './security-groups.js';
import type { AdversarialSpec } from './workload-spec.js';

function hostRules(ctx: GenContext, rng: Rng, count: number, egress: boolean): SgRule[] {
  const seen = new Set<string>();
  const rules: SgRule[] = [];
  const hosts = ctx.model.enis.flatMap((e) => e.ipv4);
  while (rules.length < count) {
    // Half the hosts are real ENI addresses, so the rules actually select traffic.
    const ip =
      hosts.length > 0 && rng.chance(0.5)
        ? rng.pick(hosts)
        : `10.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
    const port = rng.chance(0.3) ? rng.pick(TCP_PORTS) : rng.int(1, 65535);
    const protocol = rng.chance(0.8) ? 'tcp' : 'udp';
    const key = `${protocol}|${port}|${ip}`;
    if (seen.has(key)) continue;
    seen.add(key);
    rules.push({
      egress,
      protocol,
      fromPort: port,
      toPort: port,
      peer: { kind: 'cidr4', cidr: `${ip}/32` },
    });
  }
  return rules;
}

/** Fragment groups, each pinned alone on a share of the workload ENIs of its VPC. */
export function createFragmentGroups(ctx: GenContext, spec: AdversarialSpec): void {
  const rng = ctx.stream('fragments');
  const groups = Array.from({ length: spec.fragmentSgs }, (_, i) => {
    const vpc = ctx.model.vpcs[i % ctx.model.vpcs.length]!;
    const ingress = hostRules(ctx, rng, spec.fragmentRules, false);
    const egress: SgRule[] =
      i % 2 === 0
        ? hostRules(ctx, rng, spec.fragmentRules, true)
        : [{ egress: true, protocol: '-1', peer: { kind: 'cidr4', cidr: '0.0.0.0/0' } }];
    return createRoleSecurityGroup(ctx, {
      vpc,
      role: 'fragment',
      name: `fragment-${i}`,
      description: 'random /32 single-port rules',
      rules: [...ingress, ...egress],
    });
  });
  for (const eni of ctx.model.enis) {
    if (eni.kind === 'endpoint' || eni.kind === 'nlb' || !rng.chance(spec.fragmentEniShare))
      continue;
    const choices = groups.filter((g) => g.vpcId === eni.vpcId);
    if (choices.length === 0 || eni.groupIds.length > 0) continue;
    eni.groupIds = [rng.pick(choices).groupId];
    ctx.pinnedEnis.add(eni.eniId);
  }
}

/** Nested blocks around one address, /0 … /32, narrowest first most of the time. */
function alternatingBlock(ctx: GenContext, rng: Rng, egress: boolean, first: number): NaclEntry[] {
  const anchor = rng.pick(ctx.model.enis).ipv4[0]!;
  const lengths = [32, 28, 24, 20, 16, 12, 8, 0].map((l) =>
    l === 0 ? '0.0.0.0/0' : nestedAround(anchor, l),
  );
  const cidrs = rng.chance(0.7) ? lengths : lengths.reverse();
  const center = rng.pick(TCP_PORTS);
  const widths = [0, 1, 10, 100, 1000, 5000, 20000, 65535];
  return cidrs.map((cidr4, i) => {
    const ruleIndex = first + i;
    const w = widths[i]!;
    const protocol = rng.chance(0.85) ? '6' : rng.pick(['17', '-1']);
    return {
      ruleNumber: (ruleIndex + 1) * 10,
      egress,
      protocol,
      action: ruleIndex % 2 === 0 ? 'deny' : 'allow',
      cidr4,
      ...(protocol === '-1'
        ? {}
        : {
            ports: {
              from: Math.max(0, center - w),
              to: Math.min(65535, center + w + rng.int(0, 3)),
            },
          }),
    };
  });
}

function nestedAround(ip: string, length: number): string {
  const value = ip.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
  const size = 2 ** (32 - length);
  const base = value - (value % size);
  return `${intToIpv4(base)}/${length}`;
}

/** NACLs of `alternatingRules` entries per direction, deny/allow/deny/… by rule number. */
export function createAlternatingNacls(ctx: GenContext, spec: AdversarialSpec): void {
  const rng = ctx.stream('alternating-nacls');
  ctx.model.vpcs.forEach((vpc, v) => {
    const count =
      Math.floor(spec.alternatingNacls / ctx.model.vpcs.length) +
      (v < spec.alternatingNacls % ctx.model.vpcs.length ? 1 : 0);
    const acls = Array.from({ length: count }, () =>
      customAcl(ctx, vpc, aclEntries(ctx, rng, vpc, spec.alternatingRules)),
    );
    associateSubnets(ctx, rng, vpc, acls);
  });
}

function aclEntries(ctx: GenContext, rng: Rng, vpc: Vpc, perDirection: number): NaclEntry[] {
  const entries: NaclEntry[] = [];
  for (const egress of [false, true]) {
    for (let first = 0; first < perDirection; first += 8) {
      entries.push(...alternatingBlock(ctx, rng, egress, first).slice(0, perDirection - first));
    }
  }
  return [...entries, ...starEntries(vpc)];
}

/** A chain of `depth` services: each one's targets are the ENIs of an endpoint to the next. */
export function createPrivateLinkChain(ctx: GenContext, depth: number): void {
  const rng = ctx.stream('chain');
  const vpcs = ctx.model.vpcs;
  let next = createEndpointService(ctx, rng, {
    providerVpc: vpcs[depth % vpcs.length]!,
    source: { kind: 'workload' },
  });
  for (let i = depth - 1; i >= 1; i--) {
    const vpc = vpcs[i % vpcs.length]!;
    const endpoint = createInterfaceEndpoint(ctx, rng, { consumerVpc: vpc, service: next });
    const port = ctx.model.loadBalancers.find((l) => l.loadBalancerArn === next.loadBalancerArn)!
      .listeners[0]!.port;
    next = createEndpointService(ctx, rng, {
      providerVpc: vpc,
      source: { kind: 'endpoint', endpoint },
      targetPort: port,
    });
  }
  createInterfaceEndpoint(ctx, rng, { consumerVpc: vpcs[0]!, service: next });
}
