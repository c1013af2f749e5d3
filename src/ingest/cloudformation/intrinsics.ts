import { InputError } from '../../errors.js';
import { carveCidrs, NO_VALUE, substitute } from './functions.js';
import { isRecord } from './parse-template.js';

interface Site {
  resource: string;
  field: string;
}

/** What the intrinsic functions need from the evaluator. */
export interface IntrinsicHandlers {
  readonly options: { file?: string };
  evaluate(value: unknown, site: Site): unknown;
  condition(name: string, site: Site): boolean;
  ref(name: string, site: Site): unknown;
  getAtt(name: string, attribute: string, site: Site): unknown;
  importValue(name: string, site: Site): unknown;
  availabilityZones(region: string, site: Site): string[];
  mapping(path: unknown[], site: Site): unknown;
}

type Handler = (handlers: IntrinsicHandlers, argument: unknown, site: Site) => unknown;

function malformed(handlers: IntrinsicHandlers, site: Site, name: string, argument: unknown) {
  return new InputError({
    file: handlers.options.file,
    ...site,
    value: argument,
    message: `is not a valid ${name}`,
  });
}

function list(handlers: IntrinsicHandlers, name: string, argument: unknown, site: Site): unknown[] {
  const value = handlers.evaluate(argument, site);
  if (Array.isArray(value)) return value;
  throw malformed(handlers, site, name, argument);
}

function getAtt(handlers: IntrinsicHandlers, argument: unknown, site: Site): unknown {
  const parts = typeof argument === 'string' ? argument.split(/\.(.*)/s).slice(0, 2) : argument;
  if (!Array.isArray(parts) || parts.length !== 2)
    throw malformed(handlers, site, 'Fn::GetAtt', argument);
  const attribute = handlers.evaluate(parts[1], site);
  return handlers.getAtt(String(parts[0]), String(attribute), site);
}

function sub(handlers: IntrinsicHandlers, argument: unknown, site: Site): unknown {
  const [text, variables] = Array.isArray(argument) ? argument : [argument, {}];
  if (typeof text !== 'string') throw malformed(handlers, site, 'Fn::Sub', argument);
  const bound = isRecord(variables) ? variables : {};
  return substitute(text, (name) => {
    if (name in bound) return handlers.evaluate(bound[name], site);
    const dot = name.indexOf('.');
    if (dot > 0 && !name.startsWith('AWS::')) {
      return handlers.getAtt(name.slice(0, dot), name.slice(dot + 1), site);
    }
    return handlers.ref(name, site);
  });
}

function join(handlers: IntrinsicHandlers, argument: unknown, site: Site): unknown {
  const [delimiter, items] = list(handlers, 'Fn::Join', argument, site);
  if (!Array.isArray(items)) throw malformed(handlers, site, 'Fn::Join', argument);
  return items.map(String).join(String(delimiter ?? ''));
}

function select(handlers: IntrinsicHandlers, argument: unknown, site: Site): unknown {
  const [index, items] = list(handlers, 'Fn::Select', argument, site);
  const position = Number(index);
  if (
    !Array.isArray(items) ||
    !Number.isInteger(position) ||
    position < 0 ||
    position >= items.length
  ) {
    throw malformed(handlers, site, 'Fn::Select (index out of range)', argument);
  }
  return items[position];
}

function cidr(handlers: IntrinsicHandlers, argument: unknown, site: Site): unknown {
  const [block, count, bits] = list(handlers, 'Fn::Cidr', argument, site);
  const blocks = carveCidrs(String(block), Number(count), Number(bits));
  if (blocks === undefined) throw malformed(handlers, site, 'Fn::Cidr', argument);
  return blocks;
}

function ifFunction(handlers: IntrinsicHandlers, argument: unknown, site: Site): unknown {
  if (!Array.isArray(argument) || argument.length !== 3) {
    throw malformed(handlers, site, 'Fn::If', argument);
  }
  const branch = handlers.condition(String(argument[0]), site) ? argument[1] : argument[2];
  return handlers.evaluate(branch, site);
}

function truth(value: unknown): boolean {
  return value === true || value === 'true';
}

const HANDLERS: Record<string, Handler> = {
  Ref: (h, argument, site) => h.ref(String(h.evaluate(argument, site)), site),
  Condition: (h, argument, site) => h.condition(String(argument), site),
  'Fn::GetAtt': getAtt,
  'Fn::Sub': sub,
  'Fn::Join': join,
  'Fn::Select': select,
  'Fn::Cidr': cidr,
  'Fn::If': ifFunction,
  'Fn::Split': (h, argument, site) => {
    const [delimiter, text] = list(h, 'Fn::Split', argument, site);
    return String(text).split(String(delimiter));
  },
  'Fn::ImportValue': (h, argument, site) => h.importValue(String(h.evaluate(argument, site)), site),
  'Fn::GetAZs': (h, argument, site) =>
    h.availabilityZones(String(h.evaluate(argument, site) ?? ''), site),
  'Fn::FindInMap': (h, argument, site) => h.mapping(list(h, 'Fn::FindInMap', argument, site), site),
  'Fn::Base64': (h, argument, site) =>
    Buffer.from(String(h.evaluate(argument, site))).toString('base64'),
  'Fn::Length': (h, argument, site) => list(h, 'Fn::Length', argument, site).length,
  'Fn::ToJsonString': (h, argument, site) => JSON.stringify(h.evaluate(argument, site)),
  'Fn::Equals': (h, argument, site) => {
    const [a, b] = list(h, 'Fn::Equals', argument, site);
    return String(a) === String(b);
  },
  'Fn::And': (h, argument, site) => list(h, 'Fn::And', argument, site).every(truth),
  'Fn::Or': (h, argument, site) => list(h, 'Fn::Or', argument, site).some(truth),
  'Fn::Not': (h, argument, site) => !truth(list(h, 'Fn::Not', argument, site)[0]),
};

/**
 * Applies one intrinsic function. Conditions evaluate to booleans; `AWS::NoValue` comes back as
 * the `NO_VALUE` marker for the caller to drop.
 */
export function evaluateFunction(
  handlers: IntrinsicHandlers,
  name: string,
  argument: unknown,
  site: Site,
): unknown {
  const handler = HANDLERS[name];
  if (handler === undefined) {
    throw new InputError({
      file: handlers.options.file,
      ...site,
      value: name,
      message: 'is an intrinsic function this reader does not evaluate',
      hint: 'expand macros and transforms first (aws cloudformation get-template --template-stage Processed)',
    });
  }
  return handler(handlers, argument, site);
}

export { NO_VALUE };
