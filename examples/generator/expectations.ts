import {
  endpointEniId,
  endpointId,
  instanceEniId,
  instanceId,
  naclId,
  nodeEniId,
  securityGroupId,
  subnetZoneId,
} from './resolve-ids.js';
import type { AccountSpec, NetworkSpec } from './spec.js';

/** The three verdicts of a trace, for one path or for the whole question. */
export type Verdict = 'reachable' | 'partially-reachable' | 'unreachable';

/**
 * One item the trace must report in `blocked`, shaped like the `--json` contract. `rule` is the
 * NACL rule number or `"*"`, and null where no numbered rule exists (security groups, gates).
 */
export interface BlockedExpectation {
  kind: 'security-group' | 'network-acl' | 'endpoint-state' | 'listener' | 'target-group';
  component: string;
  securityGroups?: string[];
  direction: 'ingress' | 'egress';
  path: 'forward' | 'return';
  rule: number | '*' | null;
  code: string;
}

/**
 * The verdict of one path. `target` is the target instance the NLB routes the path to, or
 * null when the forward packet stops before the NLB chooses a target (or no target exists).
 */
export interface PathExpectation {
  endpointEni: string;
  target: string | null;
  verdict: Verdict;
}

/** What the model concludes for one example, and why. */
export interface Outcome {
  verdict: Verdict;
  blocked: BlockedExpectation[];
  paths: PathExpectation[];
  /** The reasoning, hop by hop, that gives the verdict. */
  reasoning: string;
}

/** One path per endpoint ENI (of one zone ID, if given), each without a routed target. */
export function pathsWithoutTargets(
  spec: NetworkSpec,
  verdict: Verdict,
  zoneId?: string,
): PathExpectation[] {
  const enis = spec.endpoint.enis.filter(
    (eni) => zoneId === undefined || subnetZoneId(spec.consumer, eni.subnet) === zoneId,
  );
  return enis.map((eni) => ({
    endpointEni: endpointEniId(spec, eni.subnet),
    target: null,
    verdict,
  }));
}

/**
 * One path per (endpoint ENI, routed target). `verdictOf` gets the zone IDs of the endpoint
 * ENI and of the target; `routed` says which targets a node in that zone sends to.
 */
export function pathsToTargets(
  spec: NetworkSpec,
  verdictOf: (eniZone: string, targetZone: string) => Verdict,
  routed: (eniZone: string, targetZone: string) => boolean = () => true,
): PathExpectation[] {
  const { consumer, provider } = spec;
  return spec.endpoint.enis.flatMap((eni) => {
    const eniZone = subnetZoneId(consumer, eni.subnet);
    return spec.backend.targets
      .map((t) => provider.instances.find((i) => i.key === t.instance))
      .filter((i) => i !== undefined)
      .filter((i) => routed(eniZone, subnetZoneId(provider, i.subnet)))
      .map((i) => ({
        endpointEni: endpointEniId(spec, eni.subnet),
        target: instanceId(provider, i.key),
        verdict: verdictOf(eniZone, subnetZoneId(provider, i.subnet)),
      }));
  });
}

/** A NACL entry (or its `*` rule) stops the packet: AWS's SUBNET_ACL_RESTRICTION. */
export function naclBlock(
  account: AccountSpec,
  naclKey: string,
  where: Pick<BlockedExpectation, 'direction' | 'path' | 'rule'>,
): BlockedExpectation {
  return {
    kind: 'network-acl',
    component: naclId(account, naclKey),
    ...where,
    code: 'SUBNET_ACL_RESTRICTION',
  };
}

function sgBlock(
  account: AccountSpec,
  component: string,
  groups: string[],
  direction: 'ingress' | 'egress',
): BlockedExpectation {
  return {
    kind: 'security-group',
    component,
    securityGroups: groups.map((key) => securityGroupId(account, key)),
    direction,
    path: 'forward',
    rule: null,
    code: 'ENI_SG_RULES_MISMATCH',
  };
}

/** The endpoint ENIs' groups refuse the request (every ENI carries the endpoint's groups). */
export function endpointSgBlocks(spec: NetworkSpec, groups: string[]): BlockedExpectation[] {
  return spec.endpoint.enis.map((eni) =>
    sgBlock(spec.consumer, endpointEniId(spec, eni.subnet), groups, 'ingress'),
  );
}

/** Each target instance's primary ENI refuses the NLB's packet. */
export function targetSgBlocks(spec: NetworkSpec): BlockedExpectation[] {
  const { provider } = spec;
  return spec.backend.targets.map((t) => {
    const instance = provider.instances.find((i) => i.key === t.instance);
    return sgBlock(
      provider,
      instanceEniId(provider, t.instance),
      instance?.groups ?? [],
      'ingress',
    );
  });
}

/** Each NLB node's groups refuse the consumer's packet (enforcement on PrivateLink traffic). */
export function nodeSgBlocks(spec: NetworkSpec): BlockedExpectation[] {
  return spec.nlb.nodes.map((node) =>
    sgBlock(spec.provider, nodeEniId(spec, node.subnet), spec.nlb.securityGroups, 'ingress'),
  );
}

/** The client's own ENI refuses to send: its groups have no outbound rule at all. */
export function clientEgressBlock(spec: NetworkSpec): BlockedExpectation {
  const client = spec.consumer.instances.find((i) => i.key === 'client');
  return {
    ...sgBlock(
      spec.consumer,
      instanceEniId(spec.consumer, 'client'),
      client?.groups ?? [],
      'egress',
    ),
    code: 'SG_HAS_NO_RULES',
  };
}

/** The question every example is traced with. */
export function traceQuestion(spec: NetworkSpec) {
  return {
    from: instanceId(spec.consumer, 'client'),
    to: endpointId(spec),
    protocol: 'tcp',
    port: 443,
    sourcePorts: { from: 1024, to: 65535 },
  };
}
