import type { Node } from '@xyflow/react';
import type { TracePath } from '../../paths/path.js';
import type { Station } from '../../report/path-stations.js';

/** Data of a hop node: one station of one path. */
export type HopNodeData = { station: Station; pathIndex: number };
/** Data of a path's two ends (client and target). */
export type EndNodeData = { title: string; lines: string[] };
/** Data of the caption above a row. */
export type CaptionNodeData = { text: string; verdict: TracePath['verdict'] };

export type HopNode = Node<HopNodeData, 'hop'>;
export type EndNode = Node<EndNodeData, 'end'>;
export type CaptionNode = Node<CaptionNodeData, 'caption'>;
export type GraphNode = HopNode | EndNode | CaptionNode;
