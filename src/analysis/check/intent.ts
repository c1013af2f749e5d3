import type { Cidr } from '../../net/cidr.js';
import type { PortRange } from '../../net/port-range.js';
import type { IntentKind } from './intent-schema.js';

/** A place in the intents file, 1-based, as editors and SARIF count. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** A selector as written, where it was written, and its field path for messages. */
export interface SelectorField {
  readonly selectors: readonly string[];
  /** `intents[2].reachable.from` */
  readonly field: string;
  readonly location: SourceLocation;
}

/** The protocols an intent probes: tcp and udp carry ports, icmp an echo request. */
export type ProbeProtocol = 'tcp' | 'udp' | 'icmp';

interface IntentBase {
  readonly name: string;
  readonly kind: IntentKind;
  /** Index in the file's `intents` list. */
  readonly index: number;
  /** Where the intent starts, for reports and SARIF. */
  readonly location: SourceLocation;
}

/**
 * `reachable`: every source reaches every destination on the port. `unreachable`: no source
 * reaches any destination, not even on part of the client's source ports.
 */
export interface FlowIntent extends IntentBase {
  readonly kind: 'reachable' | 'unreachable';
  readonly from: SelectorField;
  readonly to: SelectorField;
  readonly protocol: ProbeProtocol;
  /** Absent for icmp. */
  readonly port: number | undefined;
}

/**
 * `only`: no source outside `sources` reaches the destinations on the ports. `not-exposed`: no
 * source outside `outside` does. Both bound who gets in; neither asserts that anyone does.
 */
export interface ExposureIntent extends IntentBase {
  readonly kind: 'only' | 'not-exposed';
  readonly to: SelectorField;
  readonly protocols: readonly ProbeProtocol[];
  readonly ports: PortRange;
  /** The address space sources may come from (`sources` or `outside`). */
  readonly allowed: readonly Cidr[];
}

export type Intent = FlowIntent | ExposureIntent;
