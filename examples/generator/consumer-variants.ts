import {
  clientEgressBlock,
  endpointSgBlocks,
  naclBlock,
  pathsToTargets,
  pathsWithoutTargets,
} from './expectations.js';
import { DEFAULT_SG } from './resolve-ids.js';
import { findGroup, findNacl, type Variant } from './variant.js';

/** Mistakes made in the consumer account, between the client and the endpoint ENIs. */
export const CONSUMER_VARIANTS: Variant[] = [
  {
    name: 'endpoint-default-sg',
    mistake:
      'The endpoint was created without security groups, so its ENIs carry the VPC default group, which admits only its own members.',
    patch: (spec) => {
      spec.endpoint.groups = [];
      spec.consumer.securityGroups = spec.consumer.securityGroups.filter(
        (g) => g.key !== 'endpoint-sg',
      );
    },
    outcome: (spec) => ({
      verdict: 'unreachable',
      blocked: endpointSgBlocks(spec, [DEFAULT_SG]),
      paths: pathsWithoutTargets(spec, 'unreachable'),
      reasoning:
        'Both endpoint ENIs carry only the default group; its one inbound rule references the default group itself, and the client ENI carries client-sg, so nothing admits TCP 443 from the client: every path stops at the endpoint ENI (forward, ingress).',
    }),
  },
  {
    name: 'endpoint-sg-wrong-port',
    mistake:
      "The endpoint's security group admits TCP 8443 (the targets' port) instead of 443, the port the client connects to.",
    patch: (spec) => {
      const rule = findGroup(spec.consumer, 'endpoint-sg').ingress[0];
      if (rule !== undefined) rule.ports = { from: 8443, to: 8443 };
    },
    outcome: (spec) => ({
      verdict: 'unreachable',
      blocked: endpointSgBlocks(spec, ['endpoint-sg']),
      paths: pathsWithoutTargets(spec, 'unreachable'),
      reasoning:
        'The packet reaches each endpoint ENI with destination port 443; endpoint-sg admits only 8443 from the client subnet, so both endpoint ENIs refuse it (forward, ingress). The NLB rewrites 443 to 8443 only later, on the provider side.',
    }),
  },
  {
    name: 'client-sg-no-egress',
    mistake:
      "The client's security group was made by Terraform without an egress block, so it has no outbound rules at all.",
    patch: (spec) => {
      const group = findGroup(spec.consumer, 'client-sg');
      group.description = 'Managed by Terraform';
      group.egress = [];
    },
    outcome: (spec) => ({
      verdict: 'unreachable',
      blocked: [clientEgressBlock(spec)],
      paths: pathsWithoutTargets(spec, 'unreachable'),
      reasoning:
        "Terraform removes the allow-all egress rule AWS adds to a new group; client-sg has no outbound rule and is the client ENI's only group, so the request never leaves the client (forward, egress, SG_HAS_NO_RULES).",
    }),
  },
  {
    name: 'client-nacl-no-return',
    mistake:
      "The client subnet's NACL has no inbound rule for the replies, which come back to the client's ephemeral ports.",
    patch: (spec) => {
      const nacl = findNacl(spec.consumer, 'client-acl');
      nacl.entries = nacl.entries.filter((e) => e.egress);
    },
    outcome: (spec) => ({
      verdict: 'unreachable',
      blocked: [
        naclBlock(spec.consumer, 'client-acl', { direction: 'ingress', path: 'return', rule: '*' }),
      ],
      paths: pathsToTargets(spec, () => 'unreachable'),
      reasoning:
        'The request passes every hop and the NLB routes it to both targets (cross-zone on). The reply from each endpoint ENI enters the client subnet addressed to the client port (1024-65535); client-acl has no inbound entry but the * deny, so no client port gets its reply: every path is unreachable on the return path.',
    }),
  },
  {
    name: 'client-nacl-narrow-return',
    mistake:
      "The client subnet's NACL admits replies only on 32768-65535, the range of AWS's NACL examples, not all of 1024-65535.",
    patch: (spec) => {
      for (const entry of findNacl(spec.consumer, 'client-acl').entries) {
        if (!entry.egress) entry.ports = { from: 32768, to: 65535 };
      }
    },
    outcome: (spec) => ({
      verdict: 'partially-reachable',
      blocked: [
        naclBlock(spec.consumer, 'client-acl', { direction: 'ingress', path: 'return', rule: '*' }),
      ],
      paths: pathsToTargets(spec, () => 'partially-reachable'),
      reasoning:
        'Every forward hop passes. On the return path client-acl admits client ports 32768-65535 (rules 100, 110) and drops 1024-32767 at the * rule, so the client-port pass-set is part of 1024-65535 while the NLB-port pass-set is full: every path, hence the trace, is partially reachable (works for clients that pick high ports, such as Linux).',
    }),
  },
  {
    name: 'endpoint-nacl-no-return',
    mistake:
      "The endpoint subnets' NACL admits the requests but has no outbound rule for the replies to the client's ephemeral ports.",
    patch: (spec) => {
      const nacl = findNacl(spec.consumer, 'endpoint-acl');
      nacl.entries = nacl.entries.filter((e) => !e.egress);
    },
    outcome: (spec) => ({
      verdict: 'unreachable',
      blocked: [
        naclBlock(spec.consumer, 'endpoint-acl', {
          direction: 'egress',
          path: 'return',
          rule: '*',
        }),
      ],
      paths: pathsToTargets(spec, () => 'unreachable'),
      reasoning:
        'The request passes and reaches both targets. The reply leaves the endpoint subnet towards the client port; endpoint-acl has no outbound entry but the * deny, so every reply is dropped there: unreachable on the return path.',
    }),
  },
  {
    name: 'endpoint-nacl-deny-shadows-443',
    mistake:
      "A deny entry numbered 50 for TCP 0-1023 from anywhere, added to the endpoint subnets' NACL, comes before the rule-100 allow of 443 from the client subnet.",
    patch: (spec) => {
      findNacl(spec.consumer, 'endpoint-acl').entries.push({
        ruleNumber: 50,
        egress: false,
        ruleAction: 'deny',
        protocol: '6',
        cidr: '0.0.0.0/0',
        ports: { from: 0, to: 1023 },
      });
    },
    outcome: (spec) => ({
      verdict: 'unreachable',
      blocked: [
        naclBlock(spec.consumer, 'endpoint-acl', {
          direction: 'ingress',
          path: 'forward',
          rule: 50,
        }),
      ],
      paths: pathsWithoutTargets(spec, 'unreachable'),
      reasoning:
        'Inbound entries are scanned by rule number: rule 50 (deny TCP 0-1023 from 0.0.0.0/0) matches the request to port 443 before rule 100 can allow it, so both endpoint subnets drop the request on entry (forward, ingress, rule 50).',
    }),
  },
];
