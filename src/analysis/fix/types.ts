import type { Direction } from '../../network/types.js';
import type { PathSide } from '../../paths/hop.js';
import type { TraceResult } from '../trace.js';

/**
 * How wide the peer of a new rule is: the one address that needs it, its subnet, or its VPC.
 * NLB node addresses are always named one by one (/32), as AWS advises for targets.
 */
export type FixScope = 'address' | 'subnet' | 'vpc';

/** Choices the fix makes on the caller's behalf. */
export interface FixOptions {
  /** @default 'subnet' */
  readonly scope: FixScope;
  /** Allow a peer of `0.0.0.0/0` or `::/0`; without it such a rule is never proposed. */
  readonly allowWide: boolean;
  /** Re-trace at most this many times. @default 5 */
  readonly maxRounds: number;
}

/** Subnet scope, nothing wide, at most five re-traces. */
export const DEFAULT_FIX_OPTIONS: FixOptions = { scope: 'subnet', allowWide: false, maxRounds: 5 };

/** The other end of a security group rule: a CIDR block or a referenced group. */
export type RulePeer =
  | { readonly kind: 'cidr'; readonly cidr: string }
  | { readonly kind: 'security-group'; readonly groupId: string; readonly userId?: string };

/** One security group rule to authorize, in the terms of `IpPermissions`. */
export interface SecurityGroupRuleSpec {
  readonly groupId: string;
  readonly ipProtocol: 'tcp' | 'udp';
  readonly fromPort: number;
  readonly toPort: number;
  readonly peer: RulePeer;
  /** Stored with the rule (AWS allows letters, digits, spaces and `._-:/()#,@[]+=&;{}!$*`). */
  readonly description: string;
}

/** One network ACL entry to create, or (when no free number exists) to replace. */
export interface NetworkAclEntrySpec {
  readonly networkAclId: string;
  readonly operation: 'create' | 'replace';
  readonly ruleNumber: number;
  readonly egress: boolean;
  /** Protocol number, as `CreateNetworkAclEntry` takes it. */
  readonly protocol: '6' | '17';
  readonly fromPort: number;
  readonly toPort: number;
  readonly cidr: string;
  readonly action: 'allow';
  /** For a replace: the entry as it was, so that it can be put back. */
  readonly previous?: Readonly<Record<string, unknown>>;
}

interface ChangeBase {
  /** The ENI whose groups decided, or the NACL. */
  readonly component: string;
  readonly direction: Direction;
  readonly path: PathSide;
  /** The hop it repairs and the rule it works around, in one sentence. */
  readonly why: string;
  /** The account and Region that own the resource, when the snapshot layout says. */
  readonly account?: string;
  readonly region?: string;
}

/** A rule change that opens exactly the failing flow at one hop. */
export type FixChange =
  | (ChangeBase & { readonly kind: 'security-group-rule'; readonly rule: SecurityGroupRuleSpec })
  | (ChangeBase & { readonly kind: 'network-acl-entry'; readonly rule: NetworkAclEntrySpec });

/** Something no rule can repair, said in words, with the command that does it when one exists. */
export interface ManualStep {
  /** The Reachability Analyzer code of the hop that blocked. */
  readonly code: string;
  readonly component: string;
  readonly what: string;
  readonly command?: string;
}

/** The fix for one trace question: the changes, the manual steps, and the re-trace. */
export interface FixResult {
  readonly version: 1;
  readonly question: TraceResult['question'];
  readonly before: TraceResult;
  readonly changes: readonly FixChange[];
  readonly manual: readonly ManualStep[];
  /** The trace of the question with every change applied: the proof. */
  readonly after: TraceResult;
  /** How many times the flow was re-traced. */
  readonly rounds: number;
  /** Remarks on the changes (a replace that widens, an entry count past the quota). */
  readonly notes: readonly string[];
}
