import { InputError } from '../../errors.js';
import type { IpFamily } from '../../net/address.js';
import type { IacNetwork, Tag } from '../iac/model.js';
import type { PendingAclEntry } from '../iac/place-rules.js';
import { placeholderKey } from '../iac/placeholder-ids.js';
import type { NoteList } from '../iac/read-result.js';
import { canonicalCidr, type ValueSite } from '../iac/rule-values.js';
import type { TemplateEvaluator } from './evaluator.js';
import { isUnresolved } from './functions.js';
import { isRecord } from './parse-template.js';

/** One resource of the template with its properties evaluated. */
export interface CfnResource {
  logicalId: string;
  type: string;
  properties: Record<string, unknown>;
}

/** What every CloudFormation resource translator works with. */
export interface CfnContext {
  file?: string;
  evaluator: TemplateEvaluator;
  network: IacNetwork;
  notes: NoteList;
  pendingAclEntries: PendingAclEntry[];
}

/** Where a property of a resource sits, for InputError (`Properties.<field>`). */
export function siteOf(context: CfnContext, resource: CfnResource, field: string): ValueSite {
  return { file: context.file, resource: resource.logicalId, field: `Properties.${field}` };
}

/** The physical ID `Ref` gives for the resource itself. */
export function ownId(context: CfnContext, resource: CfnResource): string {
  const site = { resource: resource.logicalId, field: '' };
  return String(context.evaluator.ref(resource.logicalId, site));
}

/**
 * An ID-valued property. A value from outside the template (`Fn::ImportValue`) keeps the AWS
 * prefix expected here: `{{ImportValue:SharedVpc}}` → `vpc-import.SharedVpc`.
 */
export function idValue(value: unknown, prefix: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const text = String(value);
  const match = /^\{\{([A-Za-z]+):([^}]*)\}\}$/.exec(text);
  if (match === null) return text;
  const kind = match[1] === 'ImportValue' ? 'import' : match[1]!.toLowerCase();
  return `${prefix}-${kind}.${placeholderKey(match[2]!)}`;
}

/** An ID property the resource cannot do without. */
export function requiredId(
  context: CfnContext,
  resource: CfnResource,
  field: string,
  prefix: string,
): string {
  const id = idValue(fieldValue(resource.properties, field), prefix);
  if (id !== undefined) return id;
  throw new InputError({ ...siteOf(context, resource, field), message: 'is missing' });
}

/** A list of IDs (`SubnetIds`, `SecurityGroupIds`). */
export function idList(value: unknown, prefix: string): string[] {
  const items = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return items.flatMap((item) => idValue(item, prefix) ?? []);
}

/** A CIDR property, canonical; one known only after deployment is bad input here. */
export function cidrValue(
  context: CfnContext,
  resource: CfnResource,
  field: string,
  family: IpFamily,
): string | undefined {
  const value = fieldValue(resource.properties, field);
  if (value === undefined || value === '') return undefined;
  if (isUnresolved(value)) {
    throw new InputError({
      ...siteOf(context, resource, field),
      value,
      message:
        'is known only after deployment or outside this template, so the rule cannot be read',
      hint: 'give the value through the parameters or imports option',
    });
  }
  return canonicalCidr(value, siteOf(context, resource, field), family);
}

/** A value at a dotted path with indexes: `SecurityGroupIngress[0].CidrIp`. */
export function fieldValue(properties: Record<string, unknown>, field: string): unknown {
  let value: unknown = properties;
  for (const step of field
    .split(/\.|\[(\d+)\]/)
    .filter((part) => part !== undefined && part !== '')) {
    value = Array.isArray(value) ? value[Number(step)] : isRecord(value) ? value[step] : undefined;
  }
  return value;
}

/** CloudFormation's `Tags` list, values as strings. */
export function tagsOf(resource: CfnResource): Tag[] {
  const tags = resource.properties.Tags;
  if (!Array.isArray(tags)) return [];
  return tags.filter(isRecord).map((tag) => ({ Key: String(tag.Key), Value: String(tag.Value) }));
}

/** A boolean property (YAML may give it as a string). */
export function booleanValue(value: unknown, fallback: boolean): boolean {
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  return fallback;
}

/** A string property, or the fallback when it is absent or empty. */
export function stringValue(value: unknown, fallback: string): string {
  return value === undefined || value === null || value === '' ? fallback : String(value);
}
