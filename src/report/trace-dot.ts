import type { TraceResult } from '../analysis/trace.js';
import type { Hop, HopVerdict } from '../paths/hop.js';
import type { TracePath, Verdict } from '../paths/path.js';
import { decidingRuleLines, hopRole, shortComponent } from './hop-label.js';
import { pathStations } from './path-stations.js';

/** Fill and line colours per verdict; 6-digit hex, which every Graphviz accepts. */
const COLORS: Readonly<Record<HopVerdict, { fill: string; line: string }>> = {
  pass: { fill: '#e6f4ea', line: '#1e7e34' },
  block: { fill: '#fdecea', line: '#c62828' },
  partial: { fill: '#fff4e0', line: '#b26a00' },
};

const PATH_COLORS: Readonly<Record<Verdict, string>> = {
  reachable: '#1e7e34',
  'partially-reachable': '#b26a00',
  unreachable: '#c62828',
};

const MARK: Readonly<Record<HopVerdict, string>> = { pass: '✓', block: '✗', partial: '~' };

/**
 * A trace as Graphviz DOT, left to right: one cluster per path, the request as a row of solid
 * edges from the client to the destination and the reply as a row of dashed edges back. Each
 * hop is filled by its verdict and labelled with its role, component and deciding rule.
 */
export function renderTraceDot(result: TraceResult): string {
  const lines = [
    'digraph trace {',
    '  rankdir=LR;',
    '  newrank=true;',
    `  label=${quote(result.summary)}; labelloc=t; fontname="Helvetica";`,
    '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=10];',
    '  edge [fontname="Helvetica", fontsize=9, color="#555555"];',
  ];
  result.paths.forEach((path, index) => {
    lines.push(...renderPath(path, index, result.paths.length));
  });
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

function renderPath(path: TracePath, index: number, total: number): string[] {
  const id = `p${index + 1}`;
  const color = PATH_COLORS[path.verdict];
  const lines = [
    `  subgraph cluster_${id} {`,
    `    label=${quote(`Path ${index + 1} of ${total}: ${path.verdict}`)};`,
    `    color=${quote(color)}; fontcolor=${quote(color)}; style=rounded;`,
    `    ${id}_src [label=${quote(sourceLabel(path))}, fillcolor="#f3f4f6", color="#6b7280"];`,
    `    ${id}_dst [label=${quote(destinationLabel(path))}, fillcolor="#f3f4f6", color="#6b7280"];`,
  ];
  const forward = path.forward.map((_hop, i) => `${id}_f${i}`);
  path.forward.forEach((hop, i) => {
    lines.push(`    ${forward[i]} [${hopAttributes(hop, path, 'request')}];`);
  });
  // The reply runs from the destination back to the client; listing it client-first with
  // dir=back keeps both rows left to right with the reply's arrows pointing left.
  const replies = path.return.map((hop, i) => ({ hop, node: `${id}_r${i}` })).reverse();
  for (const { hop, node } of replies)
    lines.push(`    ${node} [${hopAttributes(hop, path, 'reply')}];`);
  lines.push(...chain([`${id}_src`, ...forward, `${id}_dst`], ''));
  if (replies.length > 0)
    lines.push(
      ...chain(
        [`${id}_src`, ...replies.map((r) => r.node), `${id}_dst`],
        ' [style=dashed, dir=back]',
      ),
    );
  lines.push(...alignReplies(path, id));
  lines.push('  }');
  return lines;
}

/** Puts each reply hop in the column of the request hop at the same place (the same NACL). */
function alignReplies(path: TracePath, id: string): string[] {
  const forwardIndex = new Map(path.forward.map((hop, i) => [hop, i]));
  const returnIndex = new Map(path.return.map((hop, i) => [hop, i]));
  return pathStations(path).flatMap((station) => {
    if (station.request === undefined || station.reply === undefined) return [];
    const f = forwardIndex.get(station.request);
    const r = returnIndex.get(station.reply);
    return [`    { rank=same; ${id}_f${f}; ${id}_r${r}; }`];
  });
}

function chain(nodes: readonly string[], attributes: string): string[] {
  const edges: string[] = [];
  for (let i = 1; i < nodes.length; i++)
    edges.push(`    ${nodes[i - 1]} -> ${nodes[i]}${attributes};`);
  return edges;
}

function hopAttributes(hop: Hop, path: TracePath, side: 'request' | 'reply'): string {
  const { fill, line } = COLORS[hop.verdict];
  const direction = hop.direction === undefined ? '' : ` ${hop.direction}`;
  const rules = decidingRuleLines(hop);
  const label = [
    `${MARK[hop.verdict]} ${hopRole(hop, path.waypoints)} (${side}${direction})`,
    shortComponent(hop.component),
    ...(rules.length > 0 ? rules : [hop.detail]),
  ]
    .map((text) => truncate(text, 60))
    .join('\n');
  const style = side === 'reply' ? ', style="rounded,filled,dashed"' : '';
  return `label=${quote(label)}, fillcolor=${quote(fill)}, color=${quote(line)}${style}`;
}

function sourceLabel(path: TracePath): string {
  const { source } = path.waypoints;
  return `client\n${source.eniId}\n${source.address}`;
}

function destinationLabel(path: TracePath): string {
  const { target, destination, endpoint, loadBalancer } = path.waypoints;
  if (target !== undefined) {
    const port = target.port === undefined ? '' : `:${target.port}`;
    return `target\n${target.id}\n${target.address ?? 'address unknown'}${port}`;
  }
  if (destination !== undefined) return `destination\n${destination.eniId}\n${destination.address}`;
  if (loadBalancer !== undefined) return `load balancer\n${shortComponent(loadBalancer.arn)}`;
  if (endpoint !== undefined) return `endpoint\n${endpoint.vpcEndpointId}\n${endpoint.address}`;
  return 'destination';
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** A DOT double-quoted string: backslashes and quotes escaped, line breaks as `\n`. */
export function quote(text: string): string {
  const escaped = text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n');
  return `"${escaped}"`;
}
