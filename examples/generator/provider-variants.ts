import { NODE_IPS } from './base-network.js';
import { naclBlock, pathsToTargets, targetSgBlocks } from './expectations.js';
import { findGroup, findNacl, markTargetsUnhealthy, type Variant } from './variant.js';

const TARGETS_UNHEALTHY_BUT_ROUTED =
  "Every node's health checks fail too, so both targets are unhealthy; with fewer healthy targets than the minimum (1) the NLB routes to all of them anyway (routing failover), and the data path decides.";

/** Mistakes made between the NLB nodes and the targets, in the provider account. */
export const TARGET_VARIANTS: Variant[] = [
  {
    name: 'targets-admit-client-cidr',
    mistake:
      "The targets' security group admits the consumer client's subnet (10.0.1.0/24) instead of the NLB node addresses, but PrivateLink traffic reaches targets from the node IPs.",
    patch: (spec) => {
      findGroup(spec.provider, 'orders-sg').ingress = [
        {
          protocol: 'tcp',
          ports: { from: 8443, to: 8443 },
          cidrs: [{ cidr: '10.0.1.0/24', description: 'consumer clients' }],
        },
      ];
      markTargetsUnhealthy(spec);
    },
    outcome: (spec) => ({
      verdict: 'unreachable',
      blocked: targetSgBlocks(spec),
      paths: pathsToTargets(spec, () => 'unreachable'),
      reasoning: `The NLB rewrites the source to its node IP (10.1.1.57 or 10.1.2.201); orders-sg admits 8443 only from 10.0.1.0/24, so each target ENI refuses the packet (forward, ingress). ${TARGETS_UNHEALTHY_BUT_ROUTED}`,
    }),
  },
  {
    name: 'targets-admit-own-zone-node',
    mistake:
      "Each target admits only the NLB node of its own zone, while cross-zone load balancing sends it traffic from the other zone's node too.",
    patch: (spec) => {
      const { provider } = spec;
      const template = findGroup(provider, 'orders-sg');
      provider.securityGroups = (['az1', 'az2'] as const).map((zone) => ({
        ...template,
        key: `orders-${zone}-sg`,
        name: `orders-${zone}-sg`,
        tagName: `orders-${zone}-sg`,
        description: `Orders service targets in use1-${zone}`,
        ingress: [
          {
            protocol: 'tcp',
            ports: { from: 8443, to: 8443 },
            cidrs: [{ cidr: `${NODE_IPS[zone]}/32`, description: 'orders-nlb node, same zone' }],
          },
        ],
      }));
      for (const instance of provider.instances) {
        instance.groups = [instance.subnet === 'target-az1' ? 'orders-az1-sg' : 'orders-az2-sg'];
      }
      markTargetsUnhealthy(spec);
    },
    outcome: (spec) => ({
      verdict: 'partially-reachable',
      blocked: targetSgBlocks(spec),
      paths: pathsToTargets(spec, (eniZone, targetZone) =>
        eniZone === targetZone ? 'reachable' : 'unreachable',
      ),
      reasoning: `An endpoint ENI enters the NLB at the node of its own zone ID. With cross-zone on, that node sends to both targets: the target in the same zone admits the node and the path is reachable; the other target refuses it (forward, ingress). ${TARGETS_UNHEALTHY_BUT_ROUTED} Two of the four paths work: partially reachable.`,
    }),
  },
  {
    name: 'nlb-nacl-no-return',
    mistake:
      "The NLB subnets' NACL has no inbound rule for 1024-65535, so the targets' replies to the node's ephemeral ports are dropped.",
    patch: (spec) => {
      const nacl = findNacl(spec.provider, 'nlb-acl');
      nacl.entries = nacl.entries.filter((e) => e.egress);
      markTargetsUnhealthy(spec);
    },
    outcome: (spec) => ({
      verdict: 'unreachable',
      blocked: [
        naclBlock(spec.provider, 'nlb-acl', { direction: 'ingress', path: 'return', rule: '*' }),
      ],
      paths: pathsToTargets(spec, () => 'unreachable'),
      reasoning: `Every forward hop passes. The target's reply goes to the node IP on the NLB's source port (1024-65535); it leaves the target subnet (target-acl rules 100/110) but nlb-acl has no inbound entry, so the * rule drops it on entry to the NLB subnet: the NLB-port pass-set is empty on every path. ${TARGETS_UNHEALTHY_BUT_ROUTED}`,
    }),
  },
  {
    name: 'target-nacl-admits-listener-port',
    mistake:
      "The target subnets' NACL admits TCP 443 (the listener port) from the NLB subnets instead of 8443, the port the NLB sends to.",
    patch: (spec) => {
      for (const entry of findNacl(spec.provider, 'target-acl').entries) {
        if (!entry.egress) entry.ports = { from: 443, to: 443 };
      }
      markTargetsUnhealthy(spec);
    },
    outcome: (spec) => ({
      verdict: 'unreachable',
      blocked: [
        naclBlock(spec.provider, 'target-acl', {
          direction: 'ingress',
          path: 'forward',
          rule: '*',
        }),
      ],
      paths: pathsToTargets(spec, () => 'unreachable'),
      reasoning: `After the NLB rewrite the packet goes to port 8443; target-acl admits only 443 from the NLB subnets, so it falls to the * deny on entry to the target subnet (forward, ingress). ${TARGETS_UNHEALTHY_BUT_ROUTED}`,
    }),
  },
  {
    name: 'health-check-port-not-admitted',
    mistake:
      "The target group health-checks port 8080, which neither the NACLs nor the targets' group admit, so both targets are unhealthy.",
    patch: (spec) => {
      spec.backend.targetGroup.healthCheckPort = '8080';
      markTargetsUnhealthy(spec);
    },
    outcome: (spec) => ({
      verdict: 'reachable',
      blocked: [],
      paths: pathsToTargets(spec, () => 'reachable'),
      reasoning:
        "Health checks to port 8080 fall to the * entry of nlb-acl's outbound rules (it allows 8443 only), so no node can check any target and both are unhealthy. With no healthy target the NLB fails open and routes to every target (minimum_healthy_targets.count 1), and the data path on 8443 passes every hop: reachable, though only by routing failover.",
    }),
  },
];
