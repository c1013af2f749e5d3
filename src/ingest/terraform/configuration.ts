import { isObject, type JsonObject } from './plan-json.js';

/** One module of `configuration`: its resources' expressions, calls and outputs. */
export interface ConfigModule {
  resources: Map<string, JsonObject>;
  calls: Map<string, { expressions: JsonObject; module: ConfigModule }>;
  outputs: Map<string, JsonObject>;
}

function emptyModule(): ConfigModule {
  return { resources: new Map(), calls: new Map(), outputs: new Map() };
}

function readModule(json: unknown): ConfigModule {
  const module = emptyModule();
  if (!isObject(json)) return module;
  for (const resource of Array.isArray(json.resources) ? json.resources : []) {
    if (!isObject(resource) || typeof resource.address !== 'string') continue;
    module.resources.set(
      resource.address,
      isObject(resource.expressions) ? resource.expressions : {},
    );
  }
  for (const [name, call] of Object.entries(isObject(json.module_calls) ? json.module_calls : {})) {
    if (!isObject(call)) continue;
    module.calls.set(name, {
      expressions: isObject(call.expressions) ? call.expressions : {},
      module: readModule(call.module),
    });
  }
  for (const [name, output] of Object.entries(isObject(json.outputs) ? json.outputs : {})) {
    if (isObject(output) && isObject(output.expression))
      module.outputs.set(name, output.expression);
  }
  return module;
}

/** The plan's `configuration.root_module`, where references of unknown values are found. */
export function readConfiguration(plan: unknown): ConfigModule {
  if (!isObject(plan) || !isObject(plan.configuration)) return emptyModule();
  return readModule(plan.configuration.root_module);
}

/** The module reached by following call names from the root (`['net']` → module "net"). */
export function moduleAt(root: ConfigModule, calls: string[]): ConfigModule | undefined {
  let module: ConfigModule | undefined = root;
  for (const call of calls) module = module?.calls.get(call)?.module;
  return module;
}

/** The constant the configuration gives a provider's `region`, if it is a constant. */
export function providerRegion(plan: unknown): string | undefined {
  if (!isObject(plan) || !isObject(plan.configuration)) return undefined;
  const providers = plan.configuration.provider_config;
  const aws = isObject(providers) ? providers.aws : undefined;
  if (!isObject(aws) || !isObject(aws.expressions)) return undefined;
  const region = aws.expressions.region;
  if (!isObject(region)) return undefined;
  if (typeof region.constant_value === 'string') return region.constant_value;
  // `region = var.region`: the root module's variable values are in the plan.
  const reference = Array.isArray(region.references) ? region.references[0] : undefined;
  const name = typeof reference === 'string' ? /^var\.(\w+)$/.exec(reference)?.[1] : undefined;
  const variables = isObject(plan.variables) ? plan.variables : {};
  const variable = name === undefined ? undefined : variables[name];
  return isObject(variable) && typeof variable.value === 'string' ? variable.value : undefined;
}

/** A parsed reference string: `aws_subnet.a[0].id`, `var.vpc_id`, `module.net.vpc_id`. */
export type Reference =
  | { kind: 'resource'; base: string; index?: string; attribute?: string }
  | { kind: 'variable'; name: string }
  | { kind: 'module-output'; call: string; output: string };

const RESOURCE = /^((?:data\.)?[A-Za-z][\w-]*\.[A-Za-z_][\w-]*)(\[[^\]]+\])?(?:\.([A-Za-z_]\w*))?/;

/** Reads one reference; undefined for `count.index`, `each.key`, `local.x`, `path.module`. */
export function parseReference(text: string): Reference | undefined {
  const variable = /^var\.([A-Za-z_][\w-]*)/.exec(text);
  if (variable !== null) return { kind: 'variable', name: variable[1]! };
  const output = /^module\.([A-Za-z_][\w-]*)(?:\[[^\]]+\])?\.([A-Za-z_][\w-]*)/.exec(text);
  if (output !== null) return { kind: 'module-output', call: output[1]!, output: output[2]! };
  if (/^(count|each|local|path|terraform|self|module)\./.test(text)) return undefined;
  const resource = RESOURCE.exec(text);
  if (resource === null) return undefined;
  const index = resource[2]?.slice(1, -1);
  return { kind: 'resource', base: resource[1]!, index, attribute: resource[3] };
}

/**
 * The distinct things an expression refers to, most specific form of each: Terraform lists
 * `aws_subnet.a[0].id`, `aws_subnet.a[0]` and `aws_subnet.a` for one use; this keeps the first.
 */
export function expressionReferences(expression: unknown): Reference[] {
  if (!isObject(expression) || !Array.isArray(expression.references)) return [];
  const chosen = new Map<string, Reference>();
  for (const text of expression.references) {
    if (typeof text !== 'string') continue;
    const reference = parseReference(text);
    if (reference === undefined) continue;
    const key = referenceKey(reference);
    const known = chosen.get(key);
    if (known === undefined || specificity(reference) > specificity(known)) {
      chosen.set(key, reference);
    }
  }
  const indexedBases = new Set(
    [...chosen.values()].flatMap((reference) =>
      reference.kind === 'resource' && reference.index !== undefined ? [reference.base] : [],
    ),
  );
  return [...chosen.values()].filter(
    (reference) =>
      reference.kind !== 'resource' ||
      reference.index !== undefined ||
      !indexedBases.has(reference.base),
  );
}

function referenceKey(reference: Reference): string {
  if (reference.kind === 'variable') return `var.${reference.name}`;
  if (reference.kind === 'module-output') return `module.${reference.call}.${reference.output}`;
  return reference.index === undefined ? reference.base : `${reference.base}[${reference.index}]`;
}

function specificity(reference: Reference): number {
  return reference.kind === 'resource' && reference.attribute !== undefined ? 1 : 0;
}

/** True when an expression uses `count.index` or `each.*` (the referrer's own instance key). */
export function usesInstanceKey(expression: unknown): boolean {
  if (!isObject(expression) || !Array.isArray(expression.references)) return false;
  return expression.references.some(
    (text) => typeof text === 'string' && /^(count\.index|each\.)/.test(text),
  );
}
