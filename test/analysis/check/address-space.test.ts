import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { subtractCidrs } from '../../../src/analysis/check/address-space.js';
import { bigIntToIp, ipToBigInt } from '../../../src/net/address.js';
import { type Cidr, cidr, cidrContains, formatCidr } from '../../../src/net/cidr.js';

const v4Block = fc
  .tuple(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 32 }))
  .map(([word, length]) => blockAround(word, length));

/** The block of the given length that holds the address. */
function blockAround(word: number, length: number): Cidr {
  const mask = length === 0 ? 0 : (0xffffffff << (32 - length)) >>> 0;
  return cidr(`${ipText((word & mask) >>> 0)}/${length}`);
}

function ipText(word: number): string {
  return [24, 16, 8, 0].map((shift) => (word >>> shift) & 0xff).join('.');
}

const covered = (blocks: readonly Cidr[], word: number) =>
  blocks.some((block) => cidrContains(block, bigIntToIp(4, BigInt(word))));

describe('subtractCidrs', () => {
  it('leaves the public space around 10.0.0.0/8 as the fewest blocks', () => {
    const rest = subtractCidrs(cidr('0.0.0.0/0'), [cidr('10.0.0.0/8')]).map(formatCidr);
    expect(rest).toEqual([
      '0.0.0.0/5',
      '8.0.0.0/7',
      '11.0.0.0/8',
      '12.0.0.0/6',
      '16.0.0.0/4',
      '32.0.0.0/3',
      '64.0.0.0/2',
      '128.0.0.0/1',
    ]);
  });

  it('is empty when the removed blocks cover the block', () => {
    expect(subtractCidrs(cidr('10.0.1.0/24'), [cidr('10.0.0.0/8')])).toEqual([]);
  });

  it('ignores removed blocks of the other family', () => {
    expect(subtractCidrs(cidr('10.0.1.0/24'), [cidr('::/0')]).map(formatCidr)).toEqual([
      '10.0.1.0/24',
    ]);
  });

  test.prop([
    v4Block,
    fc.array(v4Block, { maxLength: 4 }),
    fc.integer({ min: 0, max: 0xffffffff }),
  ])(
    'an address is in the difference exactly when it is in the block and in no removed block',
    (block, removed, offset) => {
      const rest = subtractCidrs(block, removed);
      const size = 2 ** (32 - block.prefixLength);
      const network = Number(ipToBigInt(block.network));
      // One address inside the block, one anywhere: both sides of the equivalence get tested.
      for (const word of [network + (offset % size), offset]) {
        expect(covered(rest, word)).toBe(covered([block], word) && !covered(removed, word));
      }
    },
  );
});
