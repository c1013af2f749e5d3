import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { chooseRuleNumber, overlaps } from '../../../src/analysis/fix/rule-number.js';
import { cidr } from '../../../src/net/cidr.js';
import type { NetworkAclEntry } from '../../../src/network/types.js';

function entry(ruleNumber: number, block: string, ports?: [number, number]): NetworkAclEntry {
  return {
    ruleNumber,
    action: 'deny',
    egress: false,
    protocol: ports === undefined ? 'all' : 6,
    cidr: cidr(block),
    l4: ports === undefined ? { kind: 'any' } : { kind: 'ports', from: ports[0], to: ports[1] },
    field: `Entries[${ruleNumber}]`,
  };
}

const WANTED = { protocol: 6, ports: { from: 443, to: 443 }, cidr: cidr('10.0.1.0/24') };
const taken = (entries: NetworkAclEntry[]) => new Set(entries.map((e) => e.ruleNumber));

describe('chooseRuleNumber', () => {
  it('puts the entry just below the deny that decided, on a multiple of ten', () => {
    const entries = [entry(50, '0.0.0.0/0', [0, 1023]), entry(100, '10.0.1.0/24', [443, 443])];
    expect(chooseRuleNumber(entries, taken(entries), 50, WANTED)).toBe(40);
  });

  it('stays above an earlier entry that overlaps, so that entry keeps deciding its packets', () => {
    const entries = [entry(45, '10.0.1.66/32'), entry(50, '0.0.0.0/0', [0, 1023])];
    expect(chooseRuleNumber(entries, taken(entries), 50, WANTED)).toBe(49);
  });

  it('may go below earlier entries that share no packet with it', () => {
    const entries = [
      entry(48, '192.168.0.0/16'),
      entry(49, '10.0.1.0/24', [22, 22]),
      entry(50, '0.0.0.0/0'),
    ];
    expect(chooseRuleNumber(entries, taken(entries), 50, WANTED)).toBe(40);
  });

  it('before the final * deny, takes the next multiple of ten after the last entry', () => {
    const entries = [entry(100, '10.0.0.0/8', [22, 22]), entry(110, '10.0.0.0/8', [25, 25])];
    const used = new Set([...taken(entries), 32767]);
    expect(chooseRuleNumber(entries, used, 32767, WANTED)).toBe(120);
    used.add(120);
    expect(chooseRuleNumber(entries, used, 32767, WANTED)).toBe(130);
  });

  it('gives up when no number fits between the overlapping entry and the deny', () => {
    const entries = [entry(9, '10.0.0.0/8'), entry(10, '0.0.0.0/0')];
    expect(chooseRuleNumber(entries, taken(entries), 10, WANTED)).toBeUndefined();
    expect(chooseRuleNumber([entry(1, '0.0.0.0/0')], new Set([1]), 1, WANTED)).toBeUndefined();
  });

  test.prop([
    fc.uniqueArray(fc.integer({ min: 1, max: 400 }), { maxLength: 30 }),
    fc.integer({ min: 2, max: 400 }),
    fc.array(fc.constantFrom('0.0.0.0/0', '10.0.0.0/8', '192.168.0.0/16', '10.0.1.7/32')),
  ])(
    'any number it gives is free, below the deny and above every overlapping entry',
    (numbers, deciding, blocks) => {
      const entries = numbers.map((n, i) =>
        entry(n, blocks[i % Math.max(1, blocks.length)] ?? '0.0.0.0/0'),
      );
      const used = taken(entries);
      const chosen = chooseRuleNumber(entries, used, deciding, WANTED);
      if (chosen === undefined) return;
      expect(used.has(chosen)).toBe(false);
      expect(chosen).toBeLessThan(deciding);
      expect(chosen).toBeGreaterThanOrEqual(1);
      for (const e of entries) {
        if (e.ruleNumber < deciding && overlaps(e, WANTED))
          expect(chosen).toBeGreaterThan(e.ruleNumber);
      }
    },
  );
});
