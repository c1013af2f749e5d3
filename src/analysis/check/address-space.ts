import { type Cidr, cidrBounds, rangeToCidrs } from '../../net/cidr.js';

interface Span {
  readonly lo: bigint;
  readonly hi: bigint;
}

/**
 * The addresses of `block` that none of `removed` covers, as the fewest CIDR blocks. Blocks of
 * the other IP family remove nothing.
 */
export function subtractCidrs(block: Cidr, removed: readonly Cidr[]): Cidr[] {
  const family = block.network.family;
  let spans: Span[] = [cidrBounds(block)];
  for (const cut of removed) {
    if (cut.network.family !== family) continue;
    const bounds = cidrBounds(cut);
    spans = spans.flatMap((span) => cutSpan(span, bounds));
  }
  return spans.flatMap((span) => rangeToCidrs(family, span.lo, span.hi));
}

function cutSpan(span: Span, cut: Span): Span[] {
  if (cut.hi < span.lo || cut.lo > span.hi) return [span];
  const left = cut.lo > span.lo ? [{ lo: span.lo, hi: cut.lo - 1n }] : [];
  const right = cut.hi < span.hi ? [{ lo: cut.hi + 1n, hi: span.hi }] : [];
  return [...left, ...right];
}
