import { isObject } from './plan-json.js';

function constantOf(expression: unknown): unknown {
  return isObject(expression) ? expression.constant_value : undefined;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' || typeof b === 'number') return String(a) === String(b);
  return JSON.stringify(a) === JSON.stringify(b);
}

/** How many constant attributes of a configured block equal the planned block's values. */
function score(block: unknown, planned: unknown): number {
  if (!isObject(block) || !isObject(planned)) return 0;
  let matches = 0;
  for (const [name, expression] of Object.entries(block)) {
    const constant = constantOf(expression);
    if (constant === undefined) continue;
    if (!sameValue(constant, planned[name])) return -1;
    matches += 1;
  }
  return matches;
}

/**
 * The configured block a planned block came from. Blocks such as `ingress` are sets, so the plan
 * may list them in another order than the configuration: the block whose constant attributes
 * (ports, protocol, CIDRs) agree with the planned one is taken, by position when several agree.
 */
export function matchConfigBlock(blocks: unknown[], planned: unknown, index: number): unknown {
  const scores = blocks.map((block) => score(block, planned));
  const best = Math.max(...scores);
  if (best < 0) return blocks[index];
  const candidates = blocks.filter((_, i) => scores[i] === best);
  if (candidates.length === 1) return candidates[0];
  return scores[index] === best ? blocks[index] : candidates[0];
}
