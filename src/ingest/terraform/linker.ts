import { InputError } from '../../errors.js';
import { elbArn, placeholderId, placeholderKey } from '../iac/placeholder-ids.js';
import type { NoteList } from '../iac/read-result.js';
import { matchConfigBlock } from './config-blocks.js';
import {
  type ConfigModule,
  expressionReferences,
  moduleAt,
  type Reference,
  usesInstanceKey,
} from './configuration.js';
import { containsUnknown, isObject, type JsonObject, type TfResource } from './plan-json.js';

const ID_PREFIX: Record<string, string> = {
  aws_vpc: 'vpc',
  aws_subnet: 'subnet',
  aws_network_acl: 'acl',
  aws_security_group: 'sg',
  aws_instance: 'i',
  aws_network_interface: 'eni',
  aws_vpc_endpoint: 'vpce',
  aws_vpc_endpoint_service: 'vpce-svc',
};

const ELB_KIND: Record<string, 'loadbalancer' | 'targetgroup'> = {
  aws_lb: 'loadbalancer',
  aws_alb: 'loadbalancer',
  aws_lb_target_group: 'targetgroup',
  aws_alb_target_group: 'targetgroup',
};

/** A step into a resource's values: an attribute name or a block's position. */
export type ValuePath = Array<string | number>;

interface Scope {
  calls: string[];
  modulePath: string;
  referrer: TfResource;
  field: string;
}

/**
 * Finds the value behind an attribute of a planned resource. A value Terraform knows is used as
 * it is; an unknown one (the ID of a resource not created yet) is found through the
 * configuration's references and replaced by the referenced resource's ID, or the placeholder
 * that stands for it.
 */
export class TerraformLinker {
  private readonly byBase = new Map<string, TfResource[]>();

  constructor(
    readonly resources: TfResource[],
    private readonly config: ConfigModule,
    readonly options: { file?: string; region: string; accountId: string; notes: NoteList },
  ) {
    for (const resource of resources) {
      this.fillUnknownBlocks(resource);
      const base = resource.address.replace(/\[[^\]]*\]$/, '');
      this.byBase.set(base, [...(this.byBase.get(base) ?? []), resource]);
    }
  }

  private expressionsOf(resource: TfResource): JsonObject | undefined {
    const local = `${resource.mode === 'data' ? 'data.' : ''}${resource.type}.${resource.name}`;
    return moduleAt(this.config, resource.moduleCalls)?.resources.get(local);
  }

  /**
   * A plan may hide a whole block set (`ingress`) when one of its values is unknown. The
   * configured blocks then stand in: their constants as values, their references as unknown.
   */
  private fillUnknownBlocks(resource: TfResource): void {
    for (const [name, expression] of Object.entries(this.expressionsOf(resource) ?? {})) {
      if (!Array.isArray(expression)) continue;
      if (Array.isArray(resource.values[name]) && resource.unknown[name] !== true) continue;
      const blocks = expression.filter(isObject);
      resource.values[name] = blocks.map((block) =>
        Object.fromEntries(
          Object.entries(block).map(([key, value]) => [
            key,
            isObject(value) ? value.constant_value : undefined,
          ]),
        ),
      );
      resource.unknown[name] = blocks.map((block) =>
        Object.fromEntries(
          Object.entries(block).map(([key, value]) => [
            key,
            isObject(value) && 'references' in value,
          ]),
        ),
      );
    }
  }

  /** The value at `path`, known or unknown, as the plan has it. */
  rawValue(resource: TfResource, path: ValuePath): { value: unknown; unknown: boolean } {
    let value: unknown = resource.values;
    let flag: unknown = resource.unknown;
    for (const step of path) {
      value = stepInto(value, step);
      flag = stepInto(flag, step);
    }
    return { value, unknown: containsUnknown(flag) };
  }

  /** Every ID-like string an attribute holds or refers to (for `subnet_ids`, `security_groups`). */
  strings(resource: TfResource, path: ValuePath): string[] {
    return this.linkedStrings(resource, path, { list: true });
  }

  /**
   * One ID-like string, known or linked; undefined when the attribute is absent. A reference to
   * a resource with `count` or `for_each` picks the instance with the referrer's own key when
   * the expression uses `count.index` or `each`.
   */
  string(resource: TfResource, path: ValuePath): string | undefined {
    return this.linkedStrings(resource, path, { list: false })[0];
  }

  private linkedStrings(resource: TfResource, path: ValuePath, options: { list: boolean }) {
    const { value, unknown } = this.rawValue(resource, path);
    const known = (Array.isArray(value) ? value : [value]).filter(
      (item): item is string => typeof item === 'string' && item !== '',
    );
    if (!unknown) return known;
    const linked = this.followExpression(resource, path, options);
    return [...new Set([...known, ...linked.filter((item) => typeof item === 'string')])];
  }

  /** The attribute of a resource: its known value, else the placeholder that stands for it. */
  attribute(resource: TfResource, attribute: string): unknown {
    const { value, unknown } = this.rawValue(resource, [attribute]);
    if (!unknown && value !== undefined && value !== null && value !== '') return value;
    return this.placeholderAttribute(resource, attribute);
  }

  private placeholderAttribute(resource: TfResource, attribute: string): unknown {
    const { type, address } = resource;
    if (type === 'aws_vpc' && attribute === 'default_security_group_id') {
      return `${placeholderId('sg', address)}.default`;
    }
    if (type === 'aws_vpc' && attribute === 'default_network_acl_id') {
      return `${placeholderId('acl', address)}.default`;
    }
    if (type === 'aws_vpc_endpoint_service' && attribute === 'service_name') {
      return `com.amazonaws.vpce.${this.options.region}.${this.attribute(resource, 'id')}`;
    }
    if (type === 'aws_instance' && attribute === 'primary_network_interface_id') {
      return placeholderId('eni', address);
    }
    if (attribute === 'id' || attribute === 'arn') return this.placeholderIdentity(resource);
    return undefined;
  }

  private placeholderIdentity(resource: TfResource): string | undefined {
    const prefix = ID_PREFIX[resource.type];
    if (prefix !== undefined) return placeholderId(prefix, resource.address);
    const kind = ELB_KIND[resource.type];
    if (kind !== undefined) {
      const name = this.elbName(resource);
      const { region, accountId } = this.options;
      return elbArn({ kind, region, accountId, name, key: resource.address });
    }
    if (resource.type === 'aws_lb_listener' || resource.type === 'aws_alb_listener') {
      const lbArn = this.string(resource, ['load_balancer_arn']) ?? '';
      return `${lbArn.replace(':loadbalancer/', ':listener/')}/${placeholderKey(resource.address)}`;
    }
    if (resource.type === 'aws_default_security_group') return this.defaultOfVpc(resource, 'sg');
    if (resource.type === 'aws_default_network_acl') {
      return this.string(resource, ['default_network_acl_id']);
    }
    return undefined;
  }

  /** The name AWS would show: the configured name, else one made from the resource name. */
  elbName(resource: TfResource): string {
    const { value } = this.rawValue(resource, ['name']);
    if (typeof value === 'string' && value !== '') return value;
    return resource.name.replace(/_/g, '-');
  }

  private defaultOfVpc(resource: TfResource, kind: 'sg' | 'acl'): string | undefined {
    const vpcId = this.string(resource, ['vpc_id']);
    const vpc = this.resources.find(
      (candidate) => candidate.type === 'aws_vpc' && this.attribute(candidate, 'id') === vpcId,
    );
    const attribute = kind === 'sg' ? 'default_security_group_id' : 'default_network_acl_id';
    if (vpc !== undefined) return this.attribute(vpc, attribute) as string;
    return vpcId === undefined ? undefined : `${kind}-${vpcId.replace(/^vpc-/, '')}.default`;
  }

  private followExpression(
    resource: TfResource,
    path: ValuePath,
    options: { list: boolean },
  ): unknown[] {
    const expressions = this.expressionsOf(resource);
    const expression = expressions && this.expressionAt(resource, expressions, path);
    const scope: Scope = {
      calls: resource.moduleCalls,
      modulePath: resource.modulePath,
      referrer: resource,
      field: formatPath(path),
    };
    if (expression === undefined) return [];
    return this.resolveExpression(expression, scope, options);
  }

  private expressionAt(resource: TfResource, expressions: JsonObject, path: ValuePath): unknown {
    let expression: unknown = expressions;
    for (let i = 0; i < path.length; i++) {
      const step = path[i]!;
      if (typeof step === 'string') {
        expression = isObject(expression) ? expression[step] : undefined;
        continue;
      }
      if (!Array.isArray(expression)) return expression;
      const planned = this.rawValue(resource, path.slice(0, i + 1)).value;
      expression = matchConfigBlock(expression, planned, step);
    }
    return expression;
  }

  private resolveExpression(
    expression: unknown,
    scope: Scope,
    options: { list: boolean; instanceKey?: boolean },
  ) {
    const instanceKey = options.instanceKey === true || usesInstanceKey(expression);
    return expressionReferences(expression).flatMap((reference) =>
      this.resolveReference(reference, scope, { ...options, instanceKey }),
    );
  }

  private resolveReference(
    reference: Reference,
    scope: Scope,
    options: { list: boolean; instanceKey: boolean },
  ): unknown[] {
    if (reference.kind === 'variable') return this.resolveVariable(reference.name, scope, options);
    if (reference.kind === 'module-output') return this.resolveOutput(reference, scope, options);
    const targets = this.referencedResources(reference, scope, options);
    return targets.map((target) => this.attribute(target, reference.attribute ?? 'id'));
  }

  private referencedResources(
    reference: Extract<Reference, { kind: 'resource' }>,
    scope: Scope,
    options: { list: boolean; instanceKey: boolean },
  ): TfResource[] {
    const prefix = scope.modulePath === '' ? '' : `${scope.modulePath}.`;
    const base = `${prefix}${reference.base}`;
    const candidates = this.byBase.get(base) ?? [];
    const exact =
      reference.index === undefined
        ? candidates
        : candidates.filter((candidate) => candidate.address === `${base}[${reference.index}]`);
    if (exact.length === 0) this.throwDangling(scope, base, reference);
    if (exact.length === 1 || options.list) return exact;
    const own = scope.referrer.index;
    const same = exact.find((candidate) => options.instanceKey && candidate.index === own);
    if (same !== undefined) return [same];
    this.options.notes.add(
      'REFERENCE_AMBIGUOUS',
      scope.referrer.address,
      `${scope.field} refers to ${base}, which has ${exact.length} instances; the first, ${exact[0]!.address}, is used`,
    );
    return [exact[0]!];
  }

  private throwDangling(scope: Scope, base: string, reference: Reference): never {
    throw new InputError({
      file: this.options.file,
      resource: scope.referrer.address,
      field: scope.field,
      value: reference.kind === 'resource' ? base : undefined,
      message: 'refers to a resource that is not in the plan',
      hint: 'plan the whole configuration (no -target), or give the ID of an existing resource',
    });
  }

  private resolveVariable(name: string, scope: Scope, options: { list: boolean }): unknown[] {
    if (scope.calls.length === 0) return [];
    const parentCalls = scope.calls.slice(0, -1);
    const call = moduleAt(this.config, parentCalls)?.calls.get(scope.calls.at(-1)!);
    const expression = call?.expressions[name];
    const parentPath = scope.modulePath.replace(/\.?module\.[^.[]+(\[[^\]]*\])?$/, '');
    return this.resolveExpression(
      expression,
      { ...scope, calls: parentCalls, modulePath: parentPath },
      options,
    );
  }

  private resolveOutput(
    reference: Extract<Reference, { kind: 'module-output' }>,
    scope: Scope,
    options: { list: boolean },
  ): unknown[] {
    const calls = [...scope.calls, reference.call];
    const expression = moduleAt(this.config, calls)?.outputs.get(reference.output);
    const parent = scope.modulePath === '' ? '' : `${scope.modulePath}.`;
    const prefix = `${parent}module.${reference.call}`;
    const instance = this.resources.find(
      (resource) => resource.modulePath === prefix || resource.modulePath.startsWith(`${prefix}[`),
    );
    const modulePath = instance?.modulePath ?? prefix;
    return this.resolveExpression(expression, { ...scope, calls, modulePath }, options);
  }
}

function stepInto(value: unknown, step: string | number): unknown {
  if (typeof step === 'number') return Array.isArray(value) ? value[step] : undefined;
  return isObject(value) ? value[step] : undefined;
}

/** `['ingress', 0, 'security_groups']` → `ingress[0].security_groups`. */
export function formatPath(path: ValuePath): string {
  return path
    .map((step, i) => (typeof step === 'number' ? `[${step}]` : i === 0 ? step : `.${step}`))
    .join('');
}
