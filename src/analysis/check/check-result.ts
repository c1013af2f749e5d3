import type { PortRange } from '../../net/port-range.js';
import type { Limitation } from '../../paths/context.js';
import type { TracePath, Verdict } from '../../paths/path.js';
import type { BlockedItem } from '../blocked.js';
import type { ProbeProtocol, SourceLocation } from './intent.js';
import type { IntentKind } from './intent-schema.js';

/** Whether an intent holds on the snapshot. */
export type IntentStatus = 'pass' | 'fail';

/** One source × destination trace of a `reachable` or `unreachable` intent. */
export interface PairOutcome {
  readonly from: string;
  readonly to: string;
  readonly verdict: Verdict;
  /** The trace's own summary line. */
  readonly summary: string;
  /** What blocked, when the pair fails a `reachable` intent; empty otherwise. */
  readonly blocked: readonly BlockedItem[];
  /**
   * The paths that make the pair fail the intent: those that do not fully work for
   * `reachable`, those that get through (wholly or for some ports) for `unreachable`.
   */
  readonly evidence: readonly TracePath[];
}

/** A source an exposure intent forbids: an ENI of the snapshot, or a block of addresses. */
export type ExposureSource =
  | { readonly kind: 'eni'; readonly eniId: string; readonly address: string }
  | { readonly kind: 'cidr'; readonly cidr: string };

/** The trace that proves a source gets through. */
export interface ExposureProof {
  readonly from: string;
  readonly to: string;
  readonly port: number | null;
  readonly verdict: Verdict;
  readonly summary: string;
  readonly paths: readonly TracePath[];
}

/** A source outside the allowed space that reaches a destination of an exposure intent. */
export interface Violation {
  readonly source: ExposureSource;
  readonly to: string;
  readonly protocol: ProbeProtocol;
  /** Destination ports that get through; null for icmp (an echo request). */
  readonly ports: readonly PortRange[] | null;
  /** Absent only when the answer came from a symbolic engine without a concrete source. */
  readonly proof?: ExposureProof;
}

/** The outcome of one intent. */
export interface IntentResult {
  readonly name: string;
  readonly kind: IntentKind;
  readonly location: SourceLocation;
  readonly status: IntentStatus;
  /** One line: what held, or why it did not. */
  readonly message: string;
  readonly pairs: readonly PairOutcome[];
  readonly violations: readonly Violation[];
  readonly limitations: readonly Limitation[];
}

/** Every intent of a file, checked against one snapshot. */
export interface CheckResult {
  readonly version: 1;
  readonly file: string;
  readonly total: number;
  readonly passed: number;
  readonly failed: number;
  readonly results: readonly IntentResult[];
}
