import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { cidrContains, formatAddress, parseAddress, parseCidr } from './ip.js';

describe('oracle address parser', () => {
  it('reads dotted quads and colon-hex addresses as numbers', () => {
    expect(parseAddress('10.0.0.1')).toEqual({ family: 4, value: 0x0a000001n });
    expect(parseAddress('255.255.255.255').value).toBe(0xffffffffn);
    expect(parseAddress('::')).toEqual({ family: 6, value: 0n });
    expect(parseAddress('::1').value).toBe(1n);
    expect(parseAddress('2001:db8::').value).toBe(0x20010db8n << 96n);
    expect(parseAddress('::ffff:10.0.0.1').value).toBe((0xffffn << 32n) + 0x0a000001n);
    expect(parseAddress('fe80:0:0:0:0:0:0:1').value).toBe((0xfe80n << 112n) + 1n);
  });

  it('rejects what is not an address', () => {
    for (const bad of [
      '10.0.0',
      '10.0.0.256',
      '1.2.3.4.5',
      'a.b.c.d',
      '1::2::3',
      '1:2:3:4:5:6:7:8:9',
      '12345::',
      '',
    ]) {
      expect(() => parseAddress(bad), bad).toThrow();
    }
  });

  it('turns a CIDR into the inclusive range it covers, ignoring host bits', () => {
    expect(parseCidr('10.0.0.0/8')).toEqual({ family: 4, lo: 0x0a000000n, hi: 0x0affffffn });
    expect(parseCidr('100.68.0.18/18')).toEqual(parseCidr('100.68.0.0/18'));
    expect(parseCidr('0.0.0.0/0')).toEqual({ family: 4, lo: 0n, hi: 0xffffffffn });
    expect(parseCidr('10.1.2.3/32')).toEqual({ family: 4, lo: 0x0a010203n, hi: 0x0a010203n });
    expect(parseCidr('::/0').hi).toBe((1n << 128n) - 1n);
    expect(parseCidr('2600:1f18::/32').lo).toBe(0x26001f18n << 96n);
    expect(() => parseCidr('10.0.0.0/33')).toThrow();
    expect(() => parseCidr('10.0.0.0')).toThrow();
  });

  it('never lets a CIDR of one family contain an address of the other', () => {
    expect(cidrContains(parseCidr('0.0.0.0/0'), parseAddress('::1'))).toBe(false);
    expect(cidrContains(parseCidr('::/0'), parseAddress('10.0.0.1'))).toBe(false);
  });

  test.prop([fc.ipV4()])('formats an IPv4 address back to its text', (text) => {
    expect(formatAddress(parseAddress(text))).toBe(text);
  });

  test.prop([fc.ipV6()])('round-trips any IPv6 address through its number', (text) => {
    const parsed = parseAddress(text);
    expect(parseAddress(formatAddress(parsed))).toEqual(parsed);
  });

  test.prop([fc.ipV4(), fc.integer({ min: 0, max: 32 })])(
    'puts an address inside every CIDR built from it and the range has 2^(32-n) addresses',
    (text, length) => {
      const range = parseCidr(`${text}/${length}`);
      expect(cidrContains(range, parseAddress(text))).toBe(true);
      expect(range.hi - range.lo + 1n).toBe(1n << BigInt(32 - length));
    },
  );
});
