import { describe, expect, it } from 'vitest';
import { formatIp, parseIp, parseIpv4 } from '../../src/net/address.js';
import { cidrContains, formatCidr, parseCidr, rangeToCidrs } from '../../src/net/cidr.js';

describe('addresses', () => {
  it('refuses octal-looking IPv4 and octets above 255', () => {
    expect(parseIpv4('010.1.1.1')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('leading zero'),
    });
    expect(parseIpv4('10.1.1.256').ok).toBe(false);
    expect(parseIpv4('10.1.1').ok).toBe(false);
  });

  it('round-trips IPv4 and IPv6 text', () => {
    for (const text of [
      '0.0.0.0',
      '10.0.1.10',
      '255.255.255.255',
      '::',
      '2001:db8::1',
      'fd00:ec2::254',
    ]) {
      const parsed = parseIp(text);
      expect(parsed.ok && formatIp(parsed.value)).toBe(text);
    }
  });
});

describe('CIDR blocks', () => {
  it('rejects /33, /129, a missing prefix and a bad address, saying why', () => {
    expect(parseCidr('10.0.2.0/33')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('0 to 32'),
    });
    expect(parseCidr('2001:db8::/129')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('0 to 128'),
    });
    expect(parseCidr('10.20.0.0')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('prefix length is missing'),
    });
    expect(parseCidr('010.1.1.0/24').ok).toBe(false);
  });

  it('canonicalises host bits as AWS stores them', () => {
    const parsed = parseCidr('100.68.0.18/18');
    expect(parsed.ok && formatCidr(parsed.value)).toBe('100.68.0.0/18');
    expect(parsed.hostBitsCleared).toBe(true);
  });

  it('matches addresses of its own family only, across IPv6 word boundaries', () => {
    const block = (text: string) => {
      const parsed = parseCidr(text);
      if (!parsed.ok) throw new Error(parsed.reason);
      return parsed.value;
    };
    const addr = (text: string) => {
      const parsed = parseIp(text);
      if (!parsed.ok) throw new Error(parsed.reason);
      return parsed.value;
    };
    expect(cidrContains(block('0.0.0.0/0'), addr('2001:db8::1'))).toBe(false);
    expect(cidrContains(block('::/0'), addr('10.0.0.1'))).toBe(false);
    expect(cidrContains(block('2001:db8::/33'), addr('2001:db8:7fff::1'))).toBe(true);
    expect(cidrContains(block('2001:db8::/33'), addr('2001:db8:8000::1'))).toBe(false);
    expect(cidrContains(block('2001:db8::/64'), addr('2001:db8::ffff:ffff:ffff:ffff'))).toBe(true);
    expect(cidrContains(block('2001:db8::/65'), addr('2001:db8::8000:0:0:0'))).toBe(false);
    expect(cidrContains(block('10.0.0.0/31'), addr('10.0.0.1'))).toBe(true);
    expect(cidrContains(block('10.0.0.0/31'), addr('10.0.0.2'))).toBe(false);
  });

  it('splits a range into the fewest blocks', () => {
    const blocks = rangeToCidrs(4, 0x0a000001n, 0x0a0000ffn).map(formatCidr);
    expect(blocks).toEqual([
      '10.0.0.1/32',
      '10.0.0.2/31',
      '10.0.0.4/30',
      '10.0.0.8/29',
      '10.0.0.16/28',
      '10.0.0.32/27',
      '10.0.0.64/26',
      '10.0.0.128/25',
    ]);
    expect(rangeToCidrs(6, 0n, (1n << 128n) - 1n).map(formatCidr)).toEqual(['::/0']);
  });
});
