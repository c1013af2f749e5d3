import { InputError } from '../../errors.js';

/** A JSON object as `terraform show -json` writes it. */
export type JsonObject = Record<string, unknown>;

/** One resource instance of the plan or state, with the values Terraform knows. */
export interface TfResource {
  /** Full address: `module.net.aws_subnet.private[0]`. */
  address: string;
  mode: 'managed' | 'data';
  type: string;
  name: string;
  index?: string | number;
  /** `module.net` (instance keys kept), empty for the root module. */
  modulePath: string;
  /** Module call names from the root, without instance keys: `['net']`. */
  moduleCalls: string[];
  values: JsonObject;
  /** `after_unknown` of the resource's change: true (or a tree with true) where unknown. */
  unknown: JsonObject;
}

/** True for a JSON object (not an array, not null). */
export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * True for the output of `terraform show -json` on a plan or a state (format_version 0.x or 1.x,
 * with planned values, values or resource changes).
 */
export function looksLikeTerraformPlan(json: unknown): boolean {
  if (!isObject(json) || typeof json.format_version !== 'string') return false;
  if (!/^[01]\./.test(json.format_version)) return false;
  return 'planned_values' in json || 'values' in json || 'resource_changes' in json;
}

function moduleCallNames(modulePath: string): string[] {
  return [...modulePath.matchAll(/module\.([A-Za-z0-9_-]+)/g)].map((match) => match[1]!);
}

function collectModule(module: unknown, unknowns: Map<string, JsonObject>, into: TfResource[]) {
  if (!isObject(module)) return;
  const modulePath = typeof module.address === 'string' ? module.address : '';
  for (const resource of Array.isArray(module.resources) ? module.resources : []) {
    if (!isObject(resource) || typeof resource.address !== 'string') continue;
    into.push({
      address: resource.address,
      mode: resource.mode === 'data' ? 'data' : 'managed',
      type: String(resource.type),
      name: String(resource.name),
      index: resource.index as string | number | undefined,
      modulePath,
      moduleCalls: moduleCallNames(modulePath),
      values: isObject(resource.values) ? { ...resource.values } : {},
      unknown: { ...(unknowns.get(resource.address) ?? {}) },
    });
  }
  for (const child of Array.isArray(module.child_modules) ? module.child_modules : []) {
    collectModule(child, unknowns, into);
  }
}

function unknownValues(json: JsonObject): Map<string, JsonObject> {
  const unknowns = new Map<string, JsonObject>();
  const changes = Array.isArray(json.resource_changes) ? json.resource_changes : [];
  for (const change of changes) {
    if (!isObject(change) || typeof change.address !== 'string' || !isObject(change.change)) {
      continue;
    }
    const afterUnknown = change.change.after_unknown;
    if (isObject(afterUnknown)) unknowns.set(change.address, afterUnknown);
  }
  return unknowns;
}

/**
 * Every resource instance the plan will leave (planned values, or a state's values), with the
 * plan's unknown flags beside each. Resources the plan deletes are not in planned values.
 */
export function listResources(json: unknown, file?: string): TfResource[] {
  if (!isObject(json)) {
    throw new InputError({ file, message: 'is not a Terraform plan: expected a JSON object' });
  }
  const planned = isObject(json.planned_values) ? json.planned_values : json.values;
  if (!isObject(planned) || !isObject(planned.root_module)) {
    throw new InputError({
      file,
      message: 'has no planned_values.root_module (plan) or values.root_module (state)',
      hint: 'give the output of `terraform show -json plan.out` or `terraform show -json`',
    });
  }
  const resources: TfResource[] = [];
  collectModule(planned.root_module, unknownValues(json), resources);
  // Data sources read during planning are in the prior state, not in the planned values.
  const prior = isObject(json.prior_state) ? json.prior_state.values : undefined;
  if (isObject(prior)) {
    const known = new Set(resources.map((resource) => resource.address));
    const priorResources: TfResource[] = [];
    collectModule(prior.root_module, new Map(), priorResources);
    for (const resource of priorResources) {
      if (resource.mode === 'data' && !known.has(resource.address)) resources.push(resource);
    }
  }
  return resources;
}

/** True when `after_unknown` marks the value (or anything inside it) as unknown. */
export function containsUnknown(flag: unknown): boolean {
  if (flag === true) return true;
  if (Array.isArray(flag)) return flag.some(containsUnknown);
  if (isObject(flag)) return Object.values(flag).some(containsUnknown);
  return false;
}
