import type { Edge } from '@xyflow/react';
import { MarkerType } from '@xyflow/react';
import ELK from 'elkjs/lib/elk.bundled.js';
import type { HopVerdict } from '../../paths/hop.js';
import type { TracePath } from '../../paths/path.js';
import { pathStations } from '../../report/path-stations.js';
import type { EndNode, EndNodeData, GraphNode, HopNode } from './graph-types.js';

export const NODE_WIDTH = 184;
export const NODE_HEIGHT = 100;
const ROW_GAP = 56;

const elk = new ELK();

const EDGE_COLORS: Readonly<Record<HopVerdict | 'none', string>> = {
  pass: '#1e7e34',
  partial: '#b26a00',
  block: '#c62828',
  none: '#6b7280',
};

/**
 * Lays out the chosen paths as rows, left to right: the client, every station, the target.
 * Each row is laid out by ELK on its own and the rows are stacked in path order, so path 1 is
 * always on top whatever ELK would pack.
 */
export async function layoutPaths(
  paths: readonly TracePath[],
  indices: readonly number[],
): Promise<{ nodes: GraphNode[]; edges: Edge[] }> {
  const nodes: GraphNode[] = [];
  const edges: Edge[] = [];
  let top = 0;
  for (const index of indices) {
    const path = paths[index];
    if (path === undefined) continue;
    const row = rowOf(path, index, paths.length);
    const positions = await layoutRow(row.nodes.map((n) => n.id));
    nodes.push({
      id: `p${index}-caption`,
      type: 'caption',
      position: { x: 0, y: top },
      data: { text: row.caption, verdict: path.verdict },
      selectable: false,
      draggable: false,
    });
    for (const node of row.nodes) {
      const at = positions.get(node.id) ?? { x: 0, y: 0 };
      nodes.push({ ...node, position: { x: at.x, y: top + 34 + at.y } } as GraphNode);
    }
    edges.push(...row.edges);
    top += 34 + NODE_HEIGHT + ROW_GAP;
  }
  return { nodes, edges };
}

async function layoutRow(ids: readonly string[]): Promise<Map<string, { x: number; y: number }>> {
  const graph = await elk.layout({
    id: 'row',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.spacing.nodeNode': '30',
      'elk.layered.spacing.nodeNodeBetweenLayers': '36',
      'elk.padding': '[top=0,left=0,bottom=0,right=0]',
    },
    children: ids.map((id) => ({ id, width: NODE_WIDTH, height: NODE_HEIGHT })),
    edges: ids.slice(1).map((id, i) => ({ id: `e${i}`, sources: [ids[i]!], targets: [id] })),
  });
  return new Map((graph.children ?? []).map((c) => [c.id, { x: c.x ?? 0, y: c.y ?? 0 }]));
}

type RowNode = Omit<HopNode, 'position'> | Omit<EndNode, 'position'>;

function rowOf(path: TracePath, index: number, total: number) {
  const stations = pathStations(path);
  const id = (suffix: string) => `p${index}-${suffix}`;
  const nodes: RowNode[] = [
    { id: id('src'), type: 'end', data: sourceData(path), selectable: false },
    ...stations.map((station) => ({
      id: id(station.key),
      type: 'hop' as const,
      data: { station, pathIndex: index },
    })),
    { id: id('dst'), type: 'end', data: destinationData(path), selectable: false },
  ];
  const ids = nodes.map((n) => n.id);
  const edges: Edge[] = [];
  for (let i = 1; i < ids.length; i++) {
    // ids[k] is stations[k - 1]; an edge is coloured by the hop its packet has just crossed.
    const left = stations[i - 2];
    const right = stations[i - 1];
    edges.push(edge(ids[i - 1]!, ids[i]!, 'req', left?.request?.verdict));
    if (path.return.length > 0)
      edges.push(edge(ids[i]!, ids[i - 1]!, 'rep', right?.reply?.verdict));
  }
  return { nodes, edges, caption: captionOf(path, index, total) };
}

function edge(source: string, target: string, side: 'req' | 'rep', verdict?: HopVerdict): Edge {
  const color = EDGE_COLORS[verdict ?? 'none'];
  return {
    id: `${source}-${target}-${side}`,
    source,
    target,
    sourceHandle: `${side}-out`,
    targetHandle: `${side}-in`,
    type: 'straight',
    markerEnd: { type: MarkerType.ArrowClosed, color },
    style: { stroke: color, strokeWidth: 1.6, strokeDasharray: side === 'rep' ? '6 4' : undefined },
    selectable: false,
  };
}

function sourceData(path: TracePath): EndNodeData {
  const { source } = path.waypoints;
  return { title: 'client', lines: [source.eniId, source.address] };
}

function destinationData(path: TracePath): EndNodeData {
  const { target, destination, loadBalancer, endpoint } = path.waypoints;
  if (target !== undefined) {
    const port = target.port === undefined ? '' : `:${target.port}`;
    return { title: 'target', lines: [target.id, `${target.address ?? 'address unknown'}${port}`] };
  }
  if (destination !== undefined)
    return { title: 'destination', lines: [destination.eniId, destination.address] };
  if (loadBalancer !== undefined)
    return { title: 'load balancer', lines: [loadBalancer.nodeAddress ?? ''] };
  if (endpoint !== undefined) return { title: 'endpoint', lines: [endpoint.address] };
  return { title: 'destination', lines: [] };
}

function captionOf(path: TracePath, index: number, total: number): string {
  const w = path.waypoints;
  const via = [
    w.endpoint && `endpoint ${w.endpoint.address} (${w.endpoint.availabilityZoneId ?? '?'})`,
    w.loadBalancer?.nodeAddress && `NLB node ${w.loadBalancer.nodeAddress}`,
  ].filter(Boolean);
  const viaText = via.length > 0 ? ` via ${via.join(', ')}` : '';
  return `Path ${index + 1} of ${total} — ${path.verdict}${viaText}`;
}
