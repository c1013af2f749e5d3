import {
  type BlockedExpectation,
  nodeSgBlocks,
  pathsToTargets,
  pathsWithoutTargets,
  targetSgBlocks,
} from './expectations.js';
import { endpointId, nodeEniId } from './resolve-ids.js';
import type { NetworkSpec } from './spec.js';
import { findGroup, type Variant } from './variant.js';

/** Gives the NLB a security group admitting 443 from the provider's own VPC only. */
function addNlbSecurityGroup(spec: NetworkSpec, enforce: 'on' | 'off'): void {
  spec.provider.securityGroups.push({
    key: 'orders-nlb-sg',
    name: 'orders-nlb-sg',
    tagName: 'orders-nlb-sg',
    description: 'Orders NLB',
    ingress: [
      {
        protocol: 'tcp',
        ports: { from: 443, to: 443 },
        cidrs: [{ cidr: '10.1.0.0/16', description: 'orders VPC' }],
      },
    ],
    egress: [{ protocol: '-1', cidrs: [{ cidr: '0.0.0.0/0' }] }],
  });
  spec.nlb.securityGroups = ['orders-nlb-sg'];
  spec.nlb.enforcePrivateLinkInbound = enforce;
}

function nodeGate(
  spec: NetworkSpec,
  subnetKey: string,
  gate: Pick<BlockedExpectation, 'kind' | 'direction' | 'code'>,
): BlockedExpectation {
  return { ...gate, component: nodeEniId(spec, subnetKey), path: 'forward', rule: null };
}

/** Mistakes in the endpoint service, the NLB's listeners and its target selection. */
export const SERVICE_VARIANTS: Variant[] = [
  {
    name: 'listener-port-mismatch',
    mistake:
      'The NLB listens on TCP 8443 (the target port) while clients connect to the endpoint on 443.',
    patch: (spec) => {
      spec.backend.listener.port = 8443;
    },
    outcome: (spec) => ({
      verdict: 'unreachable',
      blocked: spec.nlb.nodes.map((node) =>
        nodeGate(spec, node.subnet, {
          kind: 'listener',
          direction: 'ingress',
          code: 'ELBV2_LISTENERS_MISMATCH',
        }),
      ),
      paths: pathsWithoutTargets(spec, 'unreachable'),
      reasoning:
        "PrivateLink keeps the destination port: the packet reaches the node of the endpoint ENI's zone on 443, and the NLB has no listener on 443, so it is dropped at each node (forward).",
    }),
  },
  {
    name: 'endpoint-pending-acceptance',
    mistake:
      'The service requires acceptance and the provider has not accepted the endpoint, which stays pendingAcceptance.',
    patch: (spec) => {
      spec.endpoint.state = 'pendingAcceptance';
      spec.service.connectionState = 'pendingAcceptance';
    },
    outcome: (spec) => ({
      verdict: 'unreachable',
      blocked: [
        {
          kind: 'endpoint-state',
          component: endpointId(spec),
          direction: 'ingress',
          path: 'forward',
          rule: null,
          code: 'BAD_STATE',
        },
      ],
      paths: pathsWithoutTargets(spec, 'unreachable'),
      reasoning:
        'The consumer-side hops pass, but only an available endpoint carries traffic; this one (and its connection on the provider side) is pendingAcceptance, so every path ends at the endpoint (BAD_STATE).',
    }),
  },
  {
    name: 'cross-zone-off-one-zone',
    mistake:
      'Cross-zone load balancing is off and both targets run in one zone (use1-az1), so the NLB node in the other zone has no target.',
    patch: (spec) => {
      spec.nlb.crossZone = false;
      const moved = spec.provider.instances.find((i) => i.key === 'orders-2');
      if (moved !== undefined) Object.assign(moved, { subnet: 'target-az1', ip: '10.1.11.139' });
    },
    outcome: (spec) => ({
      verdict: 'partially-reachable',
      blocked: [
        nodeGate(spec, 'nlb-az2', {
          kind: 'target-group',
          direction: 'egress',
          code: 'ELBV2_NO_TARGETS_IN_AZ',
        }),
      ],
      paths: [
        ...pathsToTargets(
          spec,
          () => 'reachable',
          (eniZone) => eniZone === 'use1-az1',
        ),
        ...pathsWithoutTargets(spec, 'unreachable', 'use1-az2'),
      ],
      reasoning:
        "The target group defers to the NLB's cross-zone setting, which is off, so each node sends only to targets in its own zone ID. The endpoint ENI in the consumer's us-east-1a (use1-az1) enters the node in the provider's us-east-1b (also use1-az1), which reaches both targets: reachable. The endpoint ENI in use1-az2 enters the node in use1-az2, which has no registered target (ELBV2_NO_TARGETS_IN_AZ): unreachable. Joining zones by name instead of ID would swap the two.",
    }),
  },
  {
    name: 'nlb-sg-blocks-client',
    mistake:
      "The NLB has a security group that enforces inbound rules on PrivateLink traffic, and its rules admit the provider's VPC but not the consumer's client.",
    patch: (spec) => addNlbSecurityGroup(spec, 'on'),
    outcome: (spec) => ({
      verdict: 'unreachable',
      blocked: nodeSgBlocks(spec),
      paths: pathsWithoutTargets(spec, 'unreachable'),
      reasoning:
        "With EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic on, the NLB's groups judge PrivateLink traffic by the consumer client's address (10.0.1.25), not the endpoint ENI's; orders-nlb-sg admits 443 only from 10.1.0.0/16, so each node refuses the packet (forward, ingress).",
    }),
  },
  {
    name: 'nlb-sg-reference-enforcement-off',
    mistake:
      "The targets admit the NLB's security group by reference, but enforcement on PrivateLink traffic is off, so PrivateLink packets do not carry that group.",
    patch: (spec) => {
      addNlbSecurityGroup(spec, 'off');
      findGroup(spec.provider, 'orders-sg').ingress = [
        { protocol: 'tcp', ports: { from: 8443, to: 8443 }, groups: ['orders-nlb-sg'] },
      ];
    },
    outcome: (spec) => ({
      verdict: 'unreachable',
      blocked: targetSgBlocks(spec),
      paths: pathsToTargets(spec, () => 'unreachable'),
      reasoning:
        "Health checks carry the NLB's group whatever the enforcement setting, so both targets are healthy and routed to. PrivateLink traffic skips the NLB's inbound rules (enforcement off) and then carries no group, so orders-sg's only rule, a reference to orders-nlb-sg, does not match the node's packet: each target refuses it (forward, ingress).",
    }),
  },
];
