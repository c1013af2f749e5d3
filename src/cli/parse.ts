import { InvalidArgumentError } from '@commander-js/extra-typings';
import { type PortRange, parsePortRange } from '../net/port-range.js';

export function parsePort(text: string): number {
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) {
    throw new InvalidArgumentError('expected a port number 0-65535');
  }
  return Number(text);
}

export function parseRange(text: string): PortRange {
  const range = parsePortRange(text);
  if (range === undefined)
    throw new InvalidArgumentError('expected a port range such as 1024-65535');
  return range;
}

export function parseSmallInt(text: string): number {
  if (!/^\d{1,3}$/.test(text) || Number(text) > 255)
    throw new InvalidArgumentError('expected a number 0-255');
  return Number(text);
}
