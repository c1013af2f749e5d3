/** An inclusive range of port numbers, 0–65535. */
export interface PortRange {
  readonly from: number;
  readonly to: number;
}

export const ALL_PORTS: PortRange = { from: 0, to: 65535 };

/** AWS's advice for return traffic through a network ACL: every client's ephemeral range. */
export const EPHEMERAL_PORTS: PortRange = { from: 1024, to: 65535 };

export function formatPortRange(range: PortRange): string {
  if (range.from === 0 && range.to === 65535) return 'all ports';
  return range.from === range.to ? String(range.from) : `${range.from}-${range.to}`;
}

/** Reads `443` or `1024-65535`; undefined when the text is neither. */
export function parsePortRange(text: string): PortRange | undefined {
  const match = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(text.trim());
  if (match === null) return undefined;
  const from = Number(match[1]);
  const to = match[2] === undefined ? from : Number(match[2]);
  if (from > 65535 || to > 65535 || from > to) return undefined;
  return { from, to };
}

export function portCount(range: PortRange): number {
  return range.to - range.from + 1;
}

/** Sorted, merged union of ranges. */
export function mergePortRanges(ranges: readonly PortRange[]): PortRange[] {
  const sorted = [...ranges].sort((a, b) => a.from - b.from);
  const merged: PortRange[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && range.from <= last.to + 1) {
      merged[merged.length - 1] = { from: last.from, to: Math.max(last.to, range.to) };
    } else {
      merged.push(range);
    }
  }
  return merged;
}
