import type { XmlElement } from './xml-tree.js';

// The structure of the JUnit XML schema CI servers validate against (the Jenkins / Ant
// dialect, junit-10.xsd), encoded by hand: which elements may appear where and in what order,
// which attributes each takes, which are required, and their types. It does not evaluate the
// XSD itself, so facets the reports never use (nested suites, `rerunFailure`) are left out.

type AttributeType = 'string' | 'count' | 'decimal';

interface ElementRule {
  readonly attributes: Readonly<Record<string, AttributeType>>;
  readonly required: readonly string[];
  /** Children in the order they must come; `many` allows repeats, `optional` absence. */
  readonly children: readonly { name: string; many: boolean; optional: boolean }[];
  readonly text: boolean;
}

const child = (name: string, many = false, optional = true) => ({ name, many, optional });

const RULES: Readonly<Record<string, ElementRule>> = {
  testsuites: {
    attributes: {
      name: 'string',
      time: 'decimal',
      tests: 'count',
      failures: 'count',
      disabled: 'count',
      errors: 'count',
    },
    required: [],
    children: [child('testsuite', true)],
    text: false,
  },
  testsuite: {
    attributes: {
      name: 'string',
      tests: 'count',
      failures: 'count',
      errors: 'count',
      skipped: 'count',
      disabled: 'count',
      time: 'decimal',
      timestamp: 'string',
      hostname: 'string',
      id: 'string',
      package: 'string',
    },
    required: ['name', 'tests'],
    children: [
      child('properties'),
      child('testcase', true),
      child('system-out'),
      child('system-err'),
    ],
    text: false,
  },
  properties: {
    attributes: {},
    required: [],
    children: [child('property', true, false)],
    text: false,
  },
  property: {
    attributes: { name: 'string', value: 'string' },
    required: ['name', 'value'],
    children: [],
    text: false,
  },
  testcase: {
    attributes: {
      name: 'string',
      classname: 'string',
      assertions: 'count',
      time: 'decimal',
      status: 'string',
    },
    required: ['name'],
    children: [
      child('skipped'),
      child('error', true),
      child('failure', true),
      child('system-out', true),
      child('system-err', true),
    ],
    text: false,
  },
  failure: {
    attributes: { message: 'string', type: 'string' },
    required: [],
    children: [],
    text: true,
  },
  error: {
    attributes: { message: 'string', type: 'string' },
    required: [],
    children: [],
    text: true,
  },
  skipped: { attributes: { message: 'string' }, required: [], children: [], text: true },
  'system-out': { attributes: {}, required: [], children: [], text: true },
  'system-err': { attributes: {}, required: [], children: [], text: true },
};

/** Every way `element` breaks the JUnit structure; empty when it conforms. */
export function junitViolations(root: XmlElement): string[] {
  if (root.name !== 'testsuites' && root.name !== 'testsuite') return [`root is <${root.name}>`];
  return check(root, root.name);
}

function check(element: XmlElement, where: string): string[] {
  const rule = RULES[element.name];
  if (rule === undefined) return [`${where}: unknown element`];
  const problems: string[] = [];
  for (const [name, value] of Object.entries(element.attributes)) {
    const type = rule.attributes[name];
    if (type === undefined) problems.push(`${where}: attribute ${name} is not allowed`);
    else if (type === 'count' && !/^\d+$/.test(value))
      problems.push(`${where}@${name}: not a count`);
    else if (type === 'decimal' && !/^\d+(\.\d+)?$/.test(value))
      problems.push(`${where}@${name}: not a decimal`);
  }
  for (const name of rule.required)
    if (!(name in element.attributes)) problems.push(`${where}: attribute ${name} is required`);
  if (!rule.text && element.text.trim() !== '') problems.push(`${where}: text is not allowed`);
  problems.push(...checkOrder(element, rule, where));
  for (const [i, c] of element.children.entries())
    problems.push(...check(c, `${where}/${c.name}[${i}]`));
  return problems;
}

function checkOrder(element: XmlElement, rule: ElementRule, where: string): string[] {
  let slot = 0;
  let count = 0;
  const problems: string[] = [];
  for (const c of element.children) {
    while (slot < rule.children.length && rule.children[slot]!.name !== c.name) {
      if (!rule.children[slot]!.optional && count === 0)
        problems.push(`${where}: <${rule.children[slot]!.name}> is missing`);
      slot++;
      count = 0;
    }
    const allowed = rule.children[slot];
    if (allowed === undefined) return [...problems, `${where}: <${c.name}> is not allowed here`];
    count++;
    if (count > 1 && !allowed.many) problems.push(`${where}: <${c.name}> repeats`);
  }
  for (const rest of rule.children.slice(slot + (count > 0 ? 1 : 0)))
    if (!rest.optional) problems.push(`${where}: <${rest.name}> is missing`);
  return problems;
}
