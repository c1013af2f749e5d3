import type { XmlElement } from './xml-tree.js';

// The JUnit XML schema that Jenkins validates reports against (xunit-plugin junit-10.xsd),
// encoded by hand: for each element, the attributes it declares (all xs:string except `time`,
// whose SUREFIRE_TIME pattern is copied), which are required, which child elements it allows
// (every content model there is an unbounded choice or a sequence of one repeated element, so
// a set of names is exact), and whether it holds text (mixed or xs:string content). On top of
// the XSD, `tests`, `failures`, `errors` and `skipped` must be counts, which CI servers assume.

interface ElementRule {
  readonly attributes: readonly string[];
  readonly required: readonly string[];
  readonly children: readonly string[];
  readonly text: boolean;
}

const SUREFIRE_TIME = /^(([0-9]{0,3},)*[0-9]{3}|[0-9]{0,3})*(\.[0-9]*)?$/;
const COUNTS = new Set(['tests', 'failures', 'errors', 'skipped']);

const leaf = (attributes: string[]): ElementRule => ({
  attributes,
  required: [],
  children: [],
  text: true,
});
const rerun: ElementRule = {
  attributes: ['message', 'type'],
  required: ['type'],
  children: ['stackTrace', 'system-out', 'system-err'],
  text: true,
};

const RULES: Readonly<Record<string, ElementRule>> = {
  testsuites: {
    attributes: ['name', 'time', 'tests', 'failures', 'errors'],
    required: [],
    children: ['testsuite'],
    text: false,
  },
  testsuite: {
    attributes: [
      'name',
      'tests',
      'failures',
      'errors',
      'group',
      'time',
      'skipped',
      'timestamp',
      'hostname',
      'id',
      'package',
      'file',
      'log',
      'url',
    ],
    required: ['name', 'tests', 'failures', 'errors'],
    children: ['testsuite', 'properties', 'testcase', 'system-out', 'system-err'],
    text: false,
  },
  properties: { attributes: [], required: [], children: ['property'], text: false },
  property: {
    attributes: ['name', 'value'],
    required: ['name', 'value'],
    children: [],
    text: false,
  },
  testcase: {
    attributes: ['name', 'time', 'classname', 'group'],
    required: ['name'],
    children: [
      'skipped',
      'error',
      'failure',
      'rerunFailure',
      'rerunError',
      'flakyFailure',
      'flakyError',
      'system-out',
      'system-err',
    ],
    text: false,
  },
  failure: leaf(['type', 'message']),
  error: leaf(['type', 'message']),
  skipped: leaf(['type', 'message']),
  'system-out': leaf([]),
  'system-err': leaf([]),
  stackTrace: leaf([]),
  rerunFailure: rerun,
  rerunError: rerun,
  flakyFailure: rerun,
  flakyError: rerun,
};

/** Every way the document breaks junit-10.xsd (plus counts); empty when it conforms. */
export function junitViolations(root: XmlElement): string[] {
  if (root.name !== 'testsuites' && root.name !== 'testsuite') return [`root is <${root.name}>`];
  return check(root, root.name);
}

function check(element: XmlElement, where: string): string[] {
  const rule = RULES[element.name]!;
  const problems: string[] = [];
  for (const [name, value] of Object.entries(element.attributes)) {
    if (!rule.attributes.includes(name))
      problems.push(`${where}: attribute ${name} is not allowed`);
    else if (name === 'time' && !SUREFIRE_TIME.test(value))
      problems.push(`${where}@time: not a time`);
    else if (COUNTS.has(name) && !/^\d+$/.test(value))
      problems.push(`${where}@${name}: not a count`);
  }
  for (const name of rule.required)
    if (!(name in element.attributes)) problems.push(`${where}: attribute ${name} is required`);
  if (!rule.text && element.text.trim() !== '') problems.push(`${where}: text is not allowed`);
  for (const [i, child] of element.children.entries()) {
    const path = `${where}/${child.name}[${i}]`;
    if (rule.children.includes(child.name)) problems.push(...check(child, path));
    else problems.push(`${path}: not allowed in <${element.name}>`);
  }
  return problems;
}
