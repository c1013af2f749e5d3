import { parse, type Tags, YAMLParseError } from 'yaml';
import { InputError } from '../../errors.js';

/** A template's top level, as far as the reader uses it. */
export interface CfnTemplate {
  Parameters?: Record<string, unknown>;
  Mappings?: Record<string, unknown>;
  Conditions?: Record<string, unknown>;
  Resources: Record<string, unknown>;
}

const FUNCTIONS = [
  'Base64',
  'Cidr',
  'FindInMap',
  'GetAZs',
  'ImportValue',
  'Join',
  'Select',
  'Split',
  'Sub',
  'Transform',
  'And',
  'Equals',
  'If',
  'Not',
  'Or',
  'Length',
  'ToJsonString',
];

interface JsonLike {
  toJSON(): unknown;
}

function plain(value: unknown): unknown {
  const node = value as Partial<JsonLike> | null;
  return typeof node === 'object' && node !== null && typeof node.toJSON === 'function'
    ? node.toJSON()
    : value;
}

/** One short-form tag (`!Sub`) for each node kind it may be written on: scalar, sequence, map. */
function shortForm(name: string, key: string, transform: (value: unknown) => unknown = (v) => v) {
  return ([undefined, 'seq', 'map'] as const).map((collection) => ({
    tag: `!${name}`,
    ...(collection === undefined ? {} : { collection }),
    resolve: (value: unknown) => ({ [key]: transform(plain(value)) }),
  }));
}

/** `!GetAtt A.B` is the string form of `Fn::GetAtt: [A, B]`. */
function splitGetAtt(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const dot = value.indexOf('.');
  return dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)];
}

/** The YAML short forms of CloudFormation's intrinsic functions, as full-form objects. */
export const CLOUDFORMATION_TAGS = [
  ...shortForm('Ref', 'Ref'),
  ...shortForm('GetAtt', 'Fn::GetAtt', splitGetAtt),
  ...shortForm('Condition', 'Condition'),
  ...FUNCTIONS.flatMap((name) => shortForm(name, `Fn::${name}`)),
] as unknown as Tags;

/**
 * Parses a template written in JSON or YAML (short-form tags included). A syntax error becomes an
 * InputError that gives the line and column the parser stopped at.
 */
export function parseTemplateText(text: string, file?: string): unknown {
  try {
    return parse(text, { customTags: CLOUDFORMATION_TAGS, uniqueKeys: true, merge: false });
  } catch (error) {
    if (!(error instanceof YAMLParseError)) throw error;
    const position = error.linePos?.[0];
    const where = position === undefined ? '' : ` at line ${position.line}, column ${position.col}`;
    const reason = error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '');
    throw new InputError({
      file,
      message: `is not a valid template${where}: ${reason}`,
      hint: 'check the indentation and quoting around that line',
    });
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * True for a CloudFormation template (CDK's `cdk.out/*.template.json` included): an object
 * whose `Resources` hold `AWS::` types, or one that names its template format version.
 */
export function looksLikeCloudFormation(json: unknown): boolean {
  if (!isRecord(json)) return false;
  if ('AWSTemplateFormatVersion' in json) return true;
  if (!isRecord(json.Resources)) return false;
  return Object.values(json.Resources).some(
    (resource) =>
      isRecord(resource) && typeof resource.Type === 'string' && resource.Type.startsWith('AWS::'),
  );
}

/** Checks the parsed text is a template with a `Resources` map. */
export function asTemplate(json: unknown, file?: string): CfnTemplate {
  if (isRecord(json) && isRecord(json.Resources)) return json as unknown as CfnTemplate;
  throw new InputError({
    file,
    field: 'Resources',
    message: 'is missing: a CloudFormation template needs a Resources section',
  });
}

export { isRecord };
