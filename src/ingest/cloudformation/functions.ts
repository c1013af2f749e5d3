import { bigIntToIp, formatIp, ipToBigInt } from '../../net/address.js';
import { familyBits, parseCidr } from '../../net/cidr.js';

/** Stands for `AWS::NoValue`: the property it is given to is removed. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

/** A value known only after deployment or outside the template: `{{ImportValue:SharedVpc}}`. */
export function unresolved(kind: string, name: string): string {
  return `{{${kind}:${name}}}`;
}

/** True when a string holds a value the reader could not resolve. */
export function isUnresolved(value: unknown): value is string {
  return typeof value === 'string' && /\{\{[A-Za-z]+:[^}]*\}\}/.test(value);
}

/** `Fn::Sub` with its variables resolved by `lookup` (`${Name}`, `${Name.Attr}`, `${!Literal}`). */
export function substitute(text: string, lookup: (name: string) => unknown): string {
  return text.replace(/\$\{([^}]*)\}/g, (_match, name: string) => {
    if (name.startsWith('!')) return `\${${name.slice(1)}}`;
    return String(lookup(name.trim()));
  });
}

/**
 * `Fn::Cidr`: `count` blocks of `cidrBits` host bits each, carved in order from the start of
 * `block`, as CloudFormation computes them.
 */
export function carveCidrs(block: string, count: number, cidrBits: number): string[] | undefined {
  const parsed = parseCidr(block);
  if (!parsed.ok) return undefined;
  const family = parsed.value.network.family;
  const prefixLength = familyBits(family) - cidrBits;
  if (prefixLength < parsed.value.prefixLength || count < 1) return undefined;
  const start = ipToBigInt(parsed.value.network);
  const size = 1n << BigInt(cidrBits);
  return Array.from(
    { length: count },
    (_, i) => `${formatIp(bigIntToIp(family, start + BigInt(i) * size))}/${prefixLength}`,
  );
}
