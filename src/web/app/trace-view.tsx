import { type Edge, ReactFlow } from '@xyflow/react';
import { useEffect, useMemo, useState } from 'react';
import type { TraceResult } from '../../analysis/trace.js';
import { stationVerdict } from '../../report/path-stations.js';
import { layoutPaths, NODE_WIDTH } from './graph-layout.js';
import type { GraphNode } from './graph-types.js';
import { HopPanel } from './hop-panel.js';
import { NODE_TYPES } from './nodes.js';

/** Which paths the diagram shows: all of them, or one. */
export type PathChoice = 'all' | number;

const READABLE_ZOOM = 0.8;

/**
 * Zooms out only as far as the labels stay readable, and starts at the left end unless that
 * would hide the first failing hop; the rest of a long path is a drag away.
 */
function initialViewport(nodes: readonly GraphNode[]) {
  const visible = Math.max(600, window.innerWidth - 60);
  const right = Math.max(0, ...nodes.map((n) => n.position.x + NODE_WIDTH));
  const zoom = Math.max(READABLE_ZOOM, Math.min(1, (visible - 20) / (right + 20)));
  const failing = nodes.find((n) => n.type === 'hop' && stationVerdict(n.data.station) !== 'pass');
  const failingRight = failing === undefined ? 0 : (failing.position.x + NODE_WIDTH + 40) * zoom;
  const x = failingRight > visible ? visible - failingRight : 10;
  return { x, y: 10, zoom };
}

/** Start on the first path that fails, since that is what people came to see. */
export function initialChoice(result: TraceResult): PathChoice {
  if (result.paths.length <= 1) return 'all';
  const failing = result.paths.findIndex((p) => p.verdict !== 'reachable');
  return Math.max(failing, 0);
}

function PathTabs(props: {
  result: TraceResult;
  choice: PathChoice;
  onChoose: (c: PathChoice) => void;
}) {
  const { result, choice, onChoose } = props;
  if (result.paths.length <= 1) return null;
  return (
    <div className="tabs" role="tablist">
      <button
        type="button"
        role="tab"
        aria-selected={choice === 'all'}
        className={choice === 'all' ? 'active' : ''}
        onClick={() => onChoose('all')}
      >
        All {result.paths.length} paths
      </button>
      {result.paths.map((path, i) => (
        <button
          type="button"
          key={path.id}
          role="tab"
          aria-selected={choice === i}
          data-testid="path-tab"
          className={`path-${path.verdict}${choice === i ? ' active' : ''}`}
          onClick={() => onChoose(i)}
        >
          Path {i + 1}: {path.verdict}
        </button>
      ))}
    </div>
  );
}

/** The diagram of the chosen paths and, beside it, the panel of the clicked hop. */
export function TraceView({ result }: { result: TraceResult }) {
  const [choice, setChoice] = useState<PathChoice>(() => initialChoice(result));
  const [graph, setGraph] = useState<{ nodes: GraphNode[]; edges: Edge[] } | undefined>();
  const [selected, setSelected] = useState<string | undefined>();
  const indices = useMemo(
    () => (choice === 'all' ? result.paths.map((_p, i) => i) : [choice]),
    [choice, result],
  );
  useEffect(() => {
    let live = true;
    layoutPaths(result.paths, indices).then((g) => live && setGraph(g));
    return () => {
      live = false;
    };
  }, [result, indices]);
  const nodes = (graph?.nodes ?? []).map((n) => ({ ...n, selected: n.id === selected }));
  const station = graph?.nodes.find((n) => n.id === selected && n.type === 'hop');
  const viewport = graph === undefined ? undefined : initialViewport(graph.nodes);
  const height = Math.min(30 + indices.length * 190 * (viewport?.zoom ?? 1), 860);
  return (
    <div className="trace-view">
      <PathTabs result={result} choice={choice} onChoose={setChoice} />
      <div className="graph-and-panel">
        <div className="graph" data-testid="graph" style={{ height }}>
          {graph === undefined ? null : (
            <ReactFlow
              key={`${result.summary}|${indices.join(',')}`}
              nodes={nodes}
              edges={graph.edges}
              nodeTypes={NODE_TYPES}
              nodesDraggable={false}
              nodesConnectable={false}
              defaultViewport={viewport}
              minZoom={0.2}
              proOptions={{ hideAttribution: true }}
              onNodeClick={(_event, node) => node.type === 'hop' && setSelected(node.id)}
              onPaneClick={() => setSelected(undefined)}
            />
          )}
        </div>
        {station?.type === 'hop' ? (
          <HopPanel station={station.data.station} onClose={() => setSelected(undefined)} />
        ) : null}
      </div>
    </div>
  );
}
