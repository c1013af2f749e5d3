import { buildNetwork } from '../../network/build.js';
import type { Network } from '../../network/types.js';
import type { ModelOptions } from '../../paths/context.js';
import type { Snapshot } from '../../snapshot/snapshot.js';
import { type TraceQuestion, type TraceResult, traceFlow } from '../trace.js';
import { type ChangeContext, type FailingHop, failingHops, needsFix } from './failing-hops.js';
import { manualStep } from './manual-steps.js';
import { networkAclChanges, networkAclNeeds } from './network-acl-change.js';
import { patchSnapshot } from './patch-snapshot.js';
import { securityGroupChanges } from './security-group-change.js';
import {
  DEFAULT_FIX_OPTIONS,
  type FixChange,
  type FixOptions,
  type FixResult,
  type ManualStep,
} from './types.js';

/** A fix and the snapshot it leads to. */
export interface FixPlan {
  readonly result: FixResult;
  /** The input snapshot with every change applied, as AWS would describe it. */
  readonly snapshot: Snapshot;
}

/**
 * The least-privilege change that makes a failing trace pass: for every hop that blocks a path
 * or a health check, the narrowest rule that admits exactly the failing packets, applied to the
 * snapshot and traced again until the flow is reachable (a further blocking hop can appear once
 * an earlier one opens), no new change is found, or `maxRounds` is reached. What no rule can fix
 * becomes a manual step. Pure: the input snapshot is not changed.
 */
export function planFix(
  snapshot: Snapshot,
  question: TraceQuestion,
  options: Partial<FixOptions> = {},
  model: Partial<ModelOptions> = {},
): FixPlan {
  const settings = { ...DEFAULT_FIX_OPTIONS, ...options };
  const before = traceFlow(buildNetwork(snapshot), question, model);
  const changes: FixChange[] = [];
  const manual: ManualStep[] = [];
  const notes: string[] = [];
  let current = snapshot;
  let after = before;
  let rounds = 0;
  while (needsFix(after) && rounds < settings.maxRounds) {
    const ctx: ChangeContext = {
      network: buildNetwork(current),
      snapshot: current,
      options: settings,
      question: before.question,
    };
    const round = proposeRound(ctx, after, notes);
    addUnique(manual, round.manual, (step) => `${step.code} ${step.component} ${step.what}`);
    const fresh = round.changes.filter((c) => !changes.some((d) => sameChange(c, d)));
    if (fresh.length === 0) break;
    changes.push(...fresh);
    noteDefaultGroups(ctx, fresh, notes);
    current = patchSnapshot(current, fresh);
    after = traceFlow(buildNetwork(current), question, model);
    rounds += 1;
  }
  if (changes.length > 0) noteQuotas(buildNetwork(current), changes, notes);
  const result: FixResult = {
    version: 1,
    question: before.question,
    before,
    changes,
    manual,
    after,
    rounds,
    notes,
  };
  return { result, snapshot: current };
}

function proposeRound(ctx: ChangeContext, trace: TraceResult, notes: string[]) {
  const changes: FixChange[] = [];
  const manual: ManualStep[] = [];
  const aclNeeds = [];
  for (const failing of failingHops(trace)) {
    const { hop } = failing;
    if (hop.kind === 'security-group') {
      const found = securityGroupChanges(ctx, failing);
      if (found.length === 0) manual.push(unfixable(failing));
      addUnique(changes, found, changeKey);
    } else if (hop.kind === 'network-acl') {
      const found = networkAclNeeds(ctx, failing);
      if (found.length === 0) manual.push(unfixable(failing));
      aclNeeds.push(...found);
    } else {
      manual.push(manualStep(ctx.network, failing));
    }
  }
  changes.push(...networkAclChanges(ctx, aclNeeds, new Map(), notes));
  return { changes, manual };
}

/**
 * A rule added to a VPC's default group opens the flow for everything that carries the group
 * (AWS gives it to endpoints and instances created without one); say so, and how to avoid it.
 */
function noteDefaultGroups(ctx: ChangeContext, changes: readonly FixChange[], notes: string[]) {
  for (const change of changes) {
    if (change.kind !== 'security-group-rule') continue;
    const group = ctx.network.securityGroups.get(change.rule.groupId);
    if (group?.isDefault !== true) continue;
    const eni = ctx.network.enis.get(change.component);
    const endpoint = eni?.vpcEndpointId;
    const better = endpoint
      ? ` (aws ec2 modify-vpc-endpoint --vpc-endpoint-id ${endpoint} --add-security-group-ids NEW_GROUP_ID --remove-security-group-ids ${group.id})`
      : '';
    const note = `${group.id} is the default group of ${group.vpcId ?? 'its VPC'}, which other resources may carry; a group of its own for ${change.component} keeps the rule to it${better}`;
    if (!notes.includes(note)) notes.push(note);
  }
}

/** AWS's default quotas: entries per NACL direction, rules per group direction. */
const QUOTAS = { aclEntries: 20, groupRules: 60 };

/** Says when a changed NACL or group holds more than AWS allows by default. */
function noteQuotas(network: Network, changes: readonly FixChange[], notes: string[]) {
  const seen = new Set<string>();
  for (const change of changes) {
    const id =
      change.kind === 'security-group-rule' ? change.rule.groupId : change.rule.networkAclId;
    const key = `${id} ${change.direction}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const way = change.direction === 'ingress' ? 'inbound' : 'outbound';
    if (change.kind === 'network-acl-entry') {
      const acl = network.networkAcls.get(id);
      const entries = (change.direction === 'ingress' ? acl?.inbound : acl?.outbound) ?? [];
      const count = entries.filter((entry) => entry.ruleNumber <= 32766).length;
      if (count > QUOTAS.aclEntries)
        notes.push(
          `${id} would hold ${count} ${way} entries; AWS allows ${QUOTAS.aclEntries} per direction unless the quota is raised (to 40 at most)`,
        );
    } else {
      const group = network.securityGroups.get(id);
      const count =
        (change.direction === 'ingress' ? group?.inbound : group?.outbound)?.length ?? 0;
      if (count > QUOTAS.groupRules)
        notes.push(
          `${id} would hold ${count} ${way} rules; AWS allows ${QUOTAS.groupRules} per direction unless the quota is raised`,
        );
    }
  }
}

function unfixable(failing: FailingHop): ManualStep {
  const { hop } = failing;
  return {
    code: hop.code ?? 'NO_PATH',
    component: hop.component,
    what: `${hop.detail}; no rule change is proposed for this hop (a protocol other than TCP or UDP, a group outside the snapshot, or a peer as wide as 0.0.0.0/0 without --allow-wide): change it by hand`,
  };
}

function changeKey(change: FixChange): string {
  const { why: _why, path: _path, component: _component, ...rest } = change;
  return JSON.stringify(rest);
}

function sameChange(a: FixChange, b: FixChange): boolean {
  if (a.kind === 'network-acl-entry' && b.kind === 'network-acl-entry') {
    const { ruleNumber: _a, ...x } = a.rule;
    const { ruleNumber: _b, ...y } = b.rule;
    return JSON.stringify(x) === JSON.stringify(y);
  }
  return changeKey(a) === changeKey(b);
}

function addUnique<T>(list: T[], items: readonly T[], key: (item: T) => string): void {
  for (const item of items) {
    if (!list.some((existing) => key(existing) === key(item))) list.push(item);
  }
}
