import { Handle, type NodeProps, Position } from '@xyflow/react';
import type { Hop, HopVerdict } from '../../paths/hop.js';
import { decidingRuleLines } from '../../report/hop-label.js';
import { stationVerdict } from '../../report/path-stations.js';
import type { CaptionNode, EndNode, HopNode } from './graph-types.js';

const MARK: Readonly<Record<HopVerdict, string>> = { pass: '✓', block: '✗', partial: '~' };

function HopLine(props: { hop: Hop | undefined; side: 'request' | 'reply'; stateful: boolean }) {
  const { hop, side, stateful } = props;
  // Security groups are stateful: the reply of an allowed request passes without a rule.
  if (hop === undefined)
    return <div className="hop-line muted">{stateful ? '← reply: stateful' : `${side}: —`}</div>;
  const rule = decidingRuleLines(hop)[0] ?? hop.verdict;
  return (
    <div className={`hop-line v-${hop.verdict}`} data-side={side} title={hop.detail}>
      {side === 'request' ? '→' : '←'} {MARK[hop.verdict]} {rule}
    </div>
  );
}

/** Handles sit at two heights: the request enters left and leaves right, the reply the reverse. */
function Handles() {
  return (
    <>
      <Handle type="target" id="req-in" position={Position.Left} className="handle-req" />
      <Handle type="source" id="req-out" position={Position.Right} className="handle-req" />
      <Handle type="target" id="rep-in" position={Position.Right} className="handle-rep" />
      <Handle type="source" id="rep-out" position={Position.Left} className="handle-rep" />
    </>
  );
}

/** One station: its role, component, and the request's and the reply's verdict and rule. */
export function HopNodeView({ data, selected }: NodeProps<HopNode>) {
  const { station } = data;
  const verdict = stationVerdict(station);
  return (
    <div
      className={`hop-node v-${verdict}${selected ? ' selected' : ''}`}
      data-testid="hop-node"
      data-verdict={verdict}
      data-role={station.role}
      data-component={station.component}
    >
      <Handles />
      <div className="hop-role">{station.role}</div>
      <div className="hop-component" title={station.component}>
        {station.label}
      </div>
      <HopLine hop={station.request} side="request" stateful={false} />
      <HopLine
        hop={station.reply}
        side="reply"
        stateful={station.request?.kind === 'security-group' && station.request.verdict !== 'block'}
      />
    </div>
  );
}

/** The client or the target at either end of a row. */
export function EndNodeView({ data }: NodeProps<EndNode>) {
  return (
    <div className="end-node" data-testid="end-node">
      <Handles />
      <div className="hop-role">{data.title}</div>
      {data.lines.map((line) => (
        <div key={line} className="hop-component">
          {line}
        </div>
      ))}
    </div>
  );
}

/** The caption above a row: which path it is and its verdict. */
export function CaptionNodeView({ data }: NodeProps<CaptionNode>) {
  return <div className={`caption-node path-${data.verdict}`}>{data.text}</div>;
}

export const NODE_TYPES = { hop: HopNodeView, end: EndNodeView, caption: CaptionNodeView };
