import type { Example } from './examples.js';
import type { BlockedExpectation } from './expectations.js';
import { README_NOTES, readmeIntro } from './readme-text.js';
import {
  endpointEniId,
  endpointId,
  instanceEniId,
  instanceId,
  listenerArn,
  naclId,
  nlbArn,
  nodeEniId,
  securityGroupId,
  serviceId,
  serviceName,
  subnetId,
  targetGroupArn,
  vpcId,
} from './resolve-ids.js';
import type { NetworkSpec } from './spec.js';

/** `label` padded to a fixed width, so the diagram's arrows line up. */
function pad(label: string, width: number): string {
  return label.padEnd(width);
}

function diagram(spec: NetworkSpec): string {
  const { consumer: c, provider: p } = spec;
  const eni = (s: string, ip: string) => pad(`${endpointEniId(spec, s)} ${ip}`, 34);
  const node = (s: string, ip: string) => pad(`node ${nodeEniId(spec, s)} ${ip}`, 38);
  const target = (k: string, ip: string) =>
    `${k} ${instanceId(p, k)} (${instanceEniId(p, k)}, ${ip})`;
  const lines = [
    `consumer 111111111111, ${vpcId(c)} 10.0.0.0/16`,
    `  client ${instanceId(c, 'client')} (${instanceEniId(c, 'client')}, 10.0.1.25)`,
    '  in 10.0.1.0/24, us-east-1a = use1-az1',
    '    │  TCP 443 from client ports 1024-65535',
    '    │  client-sg out → client-acl out → endpoint-acl in → endpoint-sg in',
    '    ▼',
    `  endpoint ${endpointId(spec)}`,
    `    ${eni('endpoint-a', '10.0.11.183')} in 10.0.11.0/24, us-east-1a = use1-az1 ─┐`,
    `    ${eni('endpoint-b', '10.0.12.74')} in 10.0.12.0/24, us-east-1b = use1-az2 ─┤`,
    `${pad('', 79)}│ PrivateLink,`,
    `${pad(`provider 222222222222, ${vpcId(p)} 10.1.0.0/16`, 79)}│ same zone ID`,
    `${pad('  orders-nlb: internal, no SGs, listener TCP 443 → orders-tg', 79)}▼`,
    `    ${node('nlb-az1', '10.1.1.57')} in 10.1.1.0/24, us-east-1b = use1-az1`,
    `    ${node('nlb-az2', '10.1.2.201')} in 10.1.2.0/24, us-east-1a = use1-az2`,
    '    │  source := node IP, ports 1024-65535; destination := target, 8443',
    '    │  cross-zone on: each node sends to both targets',
    '    │  nlb-acl out → target-acl in → orders-sg in',
    '    ▼',
    `  ${target('orders-1', '10.1.11.42')} in 10.1.11.0/24, use1-az1`,
    `  ${target('orders-2', '10.1.12.87')} in 10.1.12.0/24, use1-az2`,
    '',
    'replies, judged by the NACLs only (security groups are stateful):',
    '  target-acl out → nlb-acl in        (to the node, ports 1024-65535)',
    '  endpoint-acl out → client-acl in   (to the client, ports 1024-65535)',
  ];
  return ['```', ...lines, '```'].join('\n');
}

function resourceRows(spec: NetworkSpec): string[][] {
  const { consumer: c, provider: p } = spec;
  return [
    ['client instance', instanceId(c, 'client'), `ENI ${instanceEniId(c, 'client')}, 10.0.1.25`],
    ['client subnet', subnetId(c, 'client'), '10.0.1.0/24, us-east-1a (use1-az1)'],
    ['client-sg', securityGroupId(c, 'client-sg'), 'no inbound; all outbound'],
    ['client-acl', naclId(c, 'client-acl'), 'out 443 to 10.0.11/24, 10.0.12/24; in 1024-65535'],
    ['interface endpoint', endpointId(spec), `state available, ${serviceName(spec)}`],
    ['endpoint ENI (use1-az1)', endpointEniId(spec, 'endpoint-a'), '10.0.11.183 in 10.0.11.0/24'],
    ['endpoint ENI (use1-az2)', endpointEniId(spec, 'endpoint-b'), '10.0.12.74 in 10.0.12.0/24'],
    ['endpoint-sg', securityGroupId(c, 'endpoint-sg'), 'in TCP 443 from 10.0.1.0/24'],
    ['endpoint-acl', naclId(c, 'endpoint-acl'), 'in 443 from 10.0.1.0/24; out 1024-65535'],
    ['consumer default SG', securityGroupId(c, 'default'), 'in: all from itself'],
    ['endpoint service', serviceId(spec), 'acceptance required, use1-az1 and use1-az2'],
    ['NLB', nlbArn(spec), 'internal, cross-zone on, no SGs'],
    ['NLB node (use1-az1)', nodeEniId(spec, 'nlb-az1'), '10.1.1.57 in 10.1.1.0/24'],
    ['NLB node (use1-az2)', nodeEniId(spec, 'nlb-az2'), '10.1.2.201 in 10.1.2.0/24'],
    ['listener', listenerArn(spec), 'TCP 443, forward to orders-tg'],
    ['target group', targetGroupArn(spec), 'TCP 8443, instance, health check traffic-port'],
    ['nlb-acl', naclId(p, 'nlb-acl'), 'out 8443 to target subnets; in 1024-65535'],
    ['target-acl', naclId(p, 'target-acl'), 'in 8443 from NLB subnets; out 1024-65535'],
    ['orders-sg', securityGroupId(p, 'orders-sg'), 'in TCP 8443 from 10.1.1.57/32, 10.1.2.201/32'],
    ['orders-1', instanceId(p, 'orders-1'), `ENI ${instanceEniId(p, 'orders-1')}, 10.1.11.42`],
    ['orders-2', instanceId(p, 'orders-2'), `ENI ${instanceEniId(p, 'orders-2')}, 10.1.12.87`],
  ];
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function describeBlock(b: BlockedExpectation): string {
  const groups = b.securityGroups === undefined ? '' : ` (${b.securityGroups.join(', ')})`;
  const rule = b.rule === null ? '—' : `\`${b.rule}\``;
  return `${b.kind} \`${b.component}\`${groups}, ${b.direction}, ${b.path}, rule ${rule}, ${b.code}`;
}

/** How many paths end with each verdict: `2 reachable, 2 unreachable`. */
function countPaths(example: Example): string {
  const counts = new Map<string, number>();
  for (const path of example.outcome.paths) {
    counts.set(path.verdict, (counts.get(path.verdict) ?? 0) + 1);
  }
  return [...counts].map(([verdict, n]) => `${n} ${verdict}`).join(', ');
}

function variantRows(examples: Example[]): string[][] {
  return examples.map((example) => {
    const blocked = example.outcome.blocked.map(describeBlock);
    return [
      `\`${example.directory}\``,
      example.mistake ?? 'None: the network of the guidance.',
      `**${example.outcome.verdict}**<br>paths: ${countPaths(example)}`,
      blocked.length === 0 ? '(none)' : blocked.join('<br>'),
    ];
  });
}

/** `examples/README.md`, generated so that IDs and expectations never drift from the trees. */
export function renderReadme(examples: Example[]): string {
  const base = examples[0];
  if (base === undefined) throw new Error('example network: no examples');
  const sections = [
    readmeIntro({
      client: instanceId(base.spec.consumer, 'client'),
      endpoint: endpointId(base.spec),
    }).trim(),
    '## Topology',
    diagram(base.spec),
    '## Main resources',
    table(['resource', 'ID', 'what'], resourceRows(base.spec)),
    '## Examples and expected trace outcomes',
    table(['snapshot', 'mistake', 'verdict', 'deciding hops'], variantRows(examples)),
    '## Why each verdict',
    examples.map((e) => `- **${e.name}**: ${e.outcome.reasoning}`).join('\n'),
    README_NOTES.trim(),
  ];
  return `${sections.join('\n\n')}\n`;
}
