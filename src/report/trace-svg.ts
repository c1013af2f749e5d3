import { Graphviz } from '@hpcc-js/wasm-graphviz';
import type { TraceResult } from '../analysis/trace.js';
import { renderTraceDot } from './trace-dot.js';

/**
 * A trace as SVG, laid out by Graphviz compiled to WebAssembly. The wasm is inlined in the
 * package, so this works offline and needs no `dot` binary.
 */
export async function renderTraceSvg(result: TraceResult): Promise<string> {
  const graphviz = await Graphviz.load();
  return graphviz.dot(renderTraceDot(result), 'svg');
}
