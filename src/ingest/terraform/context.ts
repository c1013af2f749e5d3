import { InputError } from '../../errors.js';
import type { IacNetwork, Tag } from '../iac/model.js';
import type { PendingAclEntry } from '../iac/place-rules.js';
import type { NoteList } from '../iac/read-result.js';
import type { ValueSite } from '../iac/rule-values.js';
import { formatPath, type TerraformLinker, type ValuePath } from './linker.js';
import { isObject, type TfResource } from './plan-json.js';

/** What every Terraform resource translator works with. */
export interface TfContext {
  file?: string;
  linker: TerraformLinker;
  network: IacNetwork;
  notes: NoteList;
  /** `aws_network_acl_rule` entries, placed once every ACL is known. */
  pendingAclEntries: PendingAclEntry[];
}

/** Where a value of a resource sits, for InputError. */
export function siteOf(context: TfContext, resource: TfResource, path: ValuePath): ValueSite {
  return { file: context.file, resource: resource.address, field: formatPath(path) };
}

/** A value of the plan, known or not (unknown reads as undefined). */
export function planValue(context: TfContext, resource: TfResource, path: ValuePath): unknown {
  const { value, unknown } = context.linker.rawValue(resource, path);
  return unknown ? undefined : value;
}

/** A string attribute, or the fallback when it is absent, empty or unknown. */
export function stringOf(
  context: TfContext,
  resource: TfResource,
  path: ValuePath,
  fallback: string,
): string {
  const value = planValue(context, resource, path);
  return typeof value === 'string' && value !== '' ? value : fallback;
}

/** A boolean attribute, or the fallback when it is absent or unknown. */
export function booleanOf(
  context: TfContext,
  resource: TfResource,
  path: ValuePath,
  fallback: boolean,
): boolean {
  const value = planValue(context, resource, path);
  return typeof value === 'boolean' ? value : fallback;
}

/** The nested blocks at `path` (`ingress`, `health_check`), each an object. */
export function blocksOf(context: TfContext, resource: TfResource, path: ValuePath): unknown[] {
  const value = context.linker.rawValue(resource, path).value;
  return Array.isArray(value) ? value.filter(isObject) : [];
}

/** Terraform's `tags` map as AWS's `[{Key, Value}]`. */
export function tagsOf(resource: TfResource): Tag[] {
  const tags = resource.values.tags;
  if (!isObject(tags)) return [];
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value: String(Value) }));
}

/** An ID the translators need; a resource without one cannot be placed, which is bad input. */
export function requiredString(context: TfContext, resource: TfResource, path: ValuePath): string {
  const value = context.linker.string(resource, path);
  if (value !== undefined) return value;
  if (context.linker.rawValue(resource, path).unknown) {
    throw new UnfollowedValue(formatPath(path));
  }
  throw new InputError({ ...siteOf(context, resource, path), message: 'is missing' });
}

/**
 * An ID the plan does not know and whose source the configuration does not name as a resource
 * (`each.value`, a local value, a function of several resources). The resource that needs it
 * is left out with a note rather than guessed.
 */
export class UnfollowedValue extends Error {
  constructor(readonly field: string) {
    super(`${field} is unknown until apply and its source cannot be followed`);
    this.name = 'UnfollowedValue';
  }
}
