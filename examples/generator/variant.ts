import type { Outcome } from './expectations.js';
import type { AccountSpec, NaclSpec, NetworkSpec, SecurityGroupSpec } from './spec.js';

/** One mistake from the PrivateLink guidance, as a change to the correct network. */
export interface Variant {
  /** Directory name under `examples/broken/`. */
  name: string;
  /** The mistake, in one sentence. */
  mistake: string;
  /** Applies the mistake to a fresh copy of the correct network. */
  patch: (spec: NetworkSpec) => void;
  /** What the model concludes for the patched network. */
  outcome: (spec: NetworkSpec) => Outcome;
}

/** A security group of the account, by key; a missing one is a mistake in a variant. */
export function findGroup(account: AccountSpec, key: string): SecurityGroupSpec {
  const group = account.securityGroups.find((g) => g.key === key);
  if (group === undefined) throw new Error(`example network: no security group ${key}`);
  return group;
}

/** A custom network ACL of the account, by key. */
export function findNacl(account: AccountSpec, key: string): NaclSpec {
  const nacl = account.nacls.find((n) => n.key === key);
  if (nacl === undefined) throw new Error(`example network: no network ACL ${key}`);
  return nacl;
}

/** Marks every registered target as failing its health checks, as AWS would report it. */
export function markTargetsUnhealthy(spec: NetworkSpec): void {
  for (const target of spec.backend.targets) target.health = 'unhealthy';
}
