import { InputError } from '../../errors.js';
import type { NoteList } from '../iac/read-result.js';
import { attributeOf } from './attributes.js';
import { NO_VALUE, unresolved } from './functions.js';
import { evaluateFunction, type IntrinsicHandlers } from './intrinsics.js';
import { type CfnTemplate, isRecord } from './parse-template.js';
import { placeholderRef, type StackScope, vpcDefaultIds } from './resource-ids.js';

/** Where a value sits: the logical ID that holds it and the path inside it. */
export interface TemplateSite {
  resource: string;
  field: string;
}

/** The stack the template is evaluated for, and the values given from outside it. */
export interface EvaluatorOptions extends StackScope {
  file?: string;
  parameters: Record<string, unknown>;
  imports: Record<string, string>;
  notes: NoteList;
}

/**
 * Evaluates intrinsic functions against one template: parameters (defaults, overridable),
 * pseudo parameters, conditions, `Ref` and `Fn::GetAtt` to resources (placeholders for IDs the
 * stack creates), mappings and the string functions.
 */
export class TemplateEvaluator implements IntrinsicHandlers {
  private readonly conditions = new Map<string, boolean>();
  private readonly properties = new Map<string, Record<string, unknown>>();
  private readonly evaluating = new Set<string>();

  constructor(
    readonly template: CfnTemplate,
    readonly options: EvaluatorOptions,
  ) {}

  get scope(): StackScope {
    return this.options;
  }

  /** The value with every intrinsic function applied; `AWS::NoValue` entries removed. */
  evaluate(value: unknown, site: TemplateSite): unknown {
    if (Array.isArray(value)) {
      return value
        .map((item, i) => this.evaluate(item, { ...site, field: `${site.field}[${i}]` }))
        .filter((item) => item !== NO_VALUE);
    }
    if (!isRecord(value)) return value;
    const keys = Object.keys(value);
    if (
      keys.length === 1 &&
      (keys[0] === 'Ref' || keys[0]!.startsWith('Fn::') || keys[0] === 'Condition')
    ) {
      return evaluateFunction(this, keys[0]!, value[keys[0]!], site);
    }
    const result: Record<string, unknown> = {};
    for (const key of keys) {
      const item = this.evaluate(value[key], { ...site, field: joinField(site.field, key) });
      if (item !== NO_VALUE) result[key] = item;
    }
    return result;
  }

  /** Whether a named condition holds. */
  condition(name: string, site: TemplateSite): boolean {
    const known = this.conditions.get(name);
    if (known !== undefined) return known;
    const definition = this.template.Conditions?.[name];
    if (definition === undefined) {
      throw this.dangling(site, name, 'refers to a condition that is not in the template');
    }
    const value = this.evaluate(definition, { resource: name, field: 'Conditions' });
    const holds = value === true || value === 'true';
    this.conditions.set(name, holds);
    return holds;
  }

  /** `Ref`: a parameter's value, a pseudo parameter, or a resource's physical ID. */
  ref(name: string, site: TemplateSite): unknown {
    if (name.startsWith('AWS::')) return this.pseudoParameter(name, site);
    const parameters = this.template.Parameters ?? {};
    if (name in parameters) return this.parameter(name, parameters[name], site);
    const resource = this.resourceOf(name, site);
    if (resource.Type === 'AWS::ElasticLoadBalancingV2::Listener') return this.listenerArn(name);
    const ref = placeholderRef(this.scope, name, String(resource.Type), this.nameOf(name));
    return ref ?? unresolved('Ref', name);
  }

  /** `Fn::GetAtt`: what the reader can know of a resource's attribute before deployment. */
  getAtt(name: string, attribute: string, site: TemplateSite): unknown {
    const resource = this.resourceOf(name, site);
    const value = attributeOf(this, { logicalId: name, type: String(resource.Type), attribute });
    return value === undefined ? unresolved('GetAtt', `${name}.${attribute}`) : value;
  }

  /** A resource's properties, evaluated once. */
  propertiesOf(logicalId: string): Record<string, unknown> {
    const known = this.properties.get(logicalId);
    if (known !== undefined) return known;
    if (this.evaluating.has(logicalId)) {
      throw new InputError({
        file: this.options.file,
        resource: logicalId,
        field: 'Properties',
        message: 'refers back to itself through other resources (a circular dependency)',
      });
    }
    this.evaluating.add(logicalId);
    const resource = this.resourceOf(logicalId, { resource: logicalId, field: '' });
    const evaluated = this.evaluate(resource.Properties ?? {}, {
      resource: logicalId,
      field: 'Properties',
    });
    this.evaluating.delete(logicalId);
    const result = isRecord(evaluated) ? evaluated : {};
    this.properties.set(logicalId, result);
    return result;
  }

  /** The IDs of the default ACL and group of a VPC declared in this template. */
  vpcDefaults(logicalId: string) {
    return vpcDefaultIds(this.scope, logicalId);
  }

  importValue(name: string, site: TemplateSite): unknown {
    const imported = this.options.imports[name];
    if (imported !== undefined) return imported;
    this.options.notes.add(
      'IMPORT_VALUE_UNRESOLVED',
      site.resource,
      `${site.field} uses Fn::ImportValue ${name}, another stack's export; pass it with the imports option to resolve it`,
    );
    return unresolved('ImportValue', name);
  }

  availabilityZones(region: string, site: TemplateSite): string[] {
    const name = region === '' ? this.scope.region : region;
    this.options.notes.add(
      'AVAILABILITY_ZONES_ASSUMED',
      site.resource,
      `Fn::GetAZs is read as ${name}a, ${name}b, ${name}c; the account's zones are not known offline`,
    );
    return ['a', 'b', 'c'].map((letter) => `${name}${letter}`);
  }

  mapping(path: unknown[], site: TemplateSite): unknown {
    let value: unknown = this.template.Mappings;
    for (const key of path) value = isRecord(value) ? value[String(key)] : undefined;
    if (value !== undefined) return value;
    throw new InputError({
      file: this.options.file,
      ...site,
      value: path,
      message: 'names a mapping entry that is not in the template',
    });
  }

  dangling(site: TemplateSite, name: string, message: string): InputError {
    return new InputError({ file: this.options.file, ...site, value: name, message });
  }

  private resourceOf(name: string, site: TemplateSite): Record<string, unknown> {
    const resource = this.template.Resources[name];
    if (isRecord(resource)) return resource;
    throw this.dangling(
      site,
      name,
      'refers to a resource or parameter that is not in the template',
    );
  }

  private nameOf(logicalId: string): string | undefined {
    const raw = (this.template.Resources[logicalId] as Record<string, unknown>).Properties;
    if (!isRecord(raw) || raw.Name === undefined) return undefined;
    const name = this.propertiesOf(logicalId).Name;
    return typeof name === 'string' ? name : undefined;
  }

  private listenerArn(logicalId: string): string {
    const lbArn = this.propertiesOf(logicalId).LoadBalancerArn;
    const base = typeof lbArn === 'string' ? lbArn.replace(':loadbalancer/', ':listener/') : '';
    return `${base}/${this.scope.stackName}.${logicalId}`;
  }

  private parameter(name: string, definition: unknown, site: TemplateSite): unknown {
    const given = this.options.parameters[name];
    const fallback = isRecord(definition) ? definition.Default : undefined;
    const value = given ?? fallback;
    if (value === undefined) {
      throw new InputError({
        file: this.options.file,
        ...site,
        value: name,
        message: 'uses a parameter that has no Default and was given no value',
        hint: `pass it with the parameters option: { ${name}: "…" }`,
      });
    }
    this.checkAllowed(name, definition, value);
    const type = isRecord(definition) ? String(definition.Type ?? '') : '';
    const isList = type.startsWith('List<') || type === 'CommaDelimitedList';
    return isList && typeof value === 'string'
      ? value.split(',').map((item) => item.trim())
      : value;
  }

  /** CloudFormation refuses a parameter value outside `AllowedValues`; so does the reader. */
  private checkAllowed(name: string, definition: unknown, value: unknown): void {
    const allowed = isRecord(definition) ? definition.AllowedValues : undefined;
    if (!Array.isArray(allowed) || allowed.map(String).includes(String(value))) return;
    throw new InputError({
      file: this.options.file,
      resource: name,
      field: 'Parameters',
      value,
      message: `is not one of the parameter's AllowedValues (${allowed.join(', ')})`,
    });
  }

  private pseudoParameter(name: string, site: TemplateSite): unknown {
    const { region, accountId, stackName } = this.scope;
    const stackId = `arn:aws:cloudformation:${region}:${accountId}:stack/${stackName}/placeholder`;
    const values: Record<string, unknown> = {
      'AWS::Region': region,
      'AWS::AccountId': accountId,
      'AWS::StackName': stackName,
      'AWS::StackId': stackId,
      'AWS::Partition': 'aws',
      'AWS::URLSuffix': 'amazonaws.com',
      'AWS::NotificationARNs': [],
      'AWS::NoValue': NO_VALUE,
    };
    if (name in values) return values[name];
    throw this.dangling(site, name, 'is not a pseudo parameter CloudFormation defines');
  }
}

function joinField(field: string, key: string): string {
  return field === '' ? key : `${field}.${key}`;
}
