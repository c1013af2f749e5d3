import { describe, expect, it } from 'vitest';
import { renderCheckJUnit } from '../../src/report/check-junit.js';
import { escapeXml, renderJUnit } from '../../src/report/junit.js';
import { checkExample, EX } from '../analysis/check/helpers.js';
import { junitViolations } from './junit-schema.js';
import { parseXml, type XmlElement } from './xml-tree.js';

const NASTY = `a "quoted" <tag> & 'apos' ✓ \u{1F680}\u0001\uD800 end`;
const CLEANED = `a "quoted" <tag> & 'apos' ✓ \u{1F680}\uFFFD\uFFFD end`;

function all(root: XmlElement, name: string): XmlElement[] {
  return [...(root.name === name ? [root] : []), ...root.children.flatMap((c) => all(c, name))];
}

describe('escapeXml', () => {
  it('escapes the five markup characters', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;',
    );
  });

  it('replaces characters XML 1.0 cannot carry and keeps line breaks in attributes', () => {
    expect(escapeXml('a\u0000b\uFFFEc\u001Bd')).toBe('a\uFFFDb\uFFFDc\uFFFDd');
    expect(escapeXml('one\ntwo\tthree\r', { attribute: true })).toBe('one&#10;two&#9;three&#13;');
    expect(escapeXml('one\ntwo')).toBe('one\ntwo');
  });
});

describe('renderJUnit', () => {
  const xml = renderJUnit(
    [
      {
        name: NASTY,
        properties: [{ name: 'snapshot', value: 'a&b' }],
        cases: [
          { name: NASTY, classname: 'k.passing', systemOut: 'note <1>' },
          {
            name: 'second',
            classname: 'k.failing',
            failure: { message: `line one\n${NASTY}`, type: 'reachable', details: `]]> ${NASTY}` },
          },
        ],
      },
    ],
    { name: 'vpcreach check' },
  );

  it('writes well-formed XML that round-trips every name, message and detail', () => {
    const root = parseXml(xml);
    expect(all(root, 'testcase').map((c) => c.attributes.name)).toEqual([CLEANED, 'second']);
    const [failure] = all(root, 'failure');
    expect(failure!.attributes.message).toBe(`line one\n${CLEANED}`);
    expect(failure!.text).toBe(`]]> ${CLEANED}`);
    expect(all(root, 'property')[0]!.attributes.value).toBe('a&b');
  });

  it('conforms to the JUnit structure, with totals that match the cases', () => {
    const root = parseXml(xml);
    expect(junitViolations(root)).toEqual([]);
    expect(root.attributes).toMatchObject({ tests: '2', failures: '1', errors: '0' });
    expect(all(root, 'testsuite')[0]!.attributes).toMatchObject({ tests: '2', failures: '1' });
  });
});

describe('the JUnit structure check', () => {
  it('rejects what the schema forbids', () => {
    const bad = parseXml(
      '<testsuites tests="x"><testsuite name="s" tests="1"><failure/><testcase time="1s"><property name="a" value="b"/></testcase></testsuite></testsuites>',
    );
    expect(junitViolations(bad)).toEqual([
      'testsuites@tests: not a count',
      'testsuites/testsuite[0]: attribute failures is required',
      'testsuites/testsuite[0]: attribute errors is required',
      'testsuites/testsuite[0]/failure[0]: not allowed in <testsuite>',
      'testsuites/testsuite[0]/testcase[1]@time: not a time',
      'testsuites/testsuite[0]/testcase[1]: attribute name is required',
      'testsuites/testsuite[0]/testcase[1]/property[0]: not allowed in <testcase>',
    ]);
  });

  it('rejects XML that is not well formed', () => {
    expect(() => parseXml('<a><b></a></b>')).toThrow(/mismatched/);
    expect(() => parseXml('<a x="1 & 2"/>')).toThrow(/bare &/);
    expect(() => parseXml('<a>\u0001</a>')).toThrow(/not allowed/);
    expect(() => parseXml('<a x="1" x="2"/>')).toThrow(/duplicate/);
  });
});

describe('renderCheckJUnit', () => {
  it('writes one test case per intent, failing with the intent message and the trace as details', () => {
    const result = checkExample(
      'broken/endpoint-sg-wrong-port',
      [
        'intents:',
        '  - name: client reaches the service',
        `    reachable: { from: ${EX.client}, to: ${EX.endpoint}, port: 443 }`,
        '  - name: ssh stays closed',
        `    unreachable: { from: ${EX.client}, to: ${EX.endpoint}, port: 22 }`,
        '',
      ].join('\n'),
    );
    const root = parseXml(renderCheckJUnit(result, { snapshot: 'examples/broken/x' }));
    expect(junitViolations(root)).toEqual([]);
    const cases = all(root, 'testcase');
    expect(cases.map((c) => [c.attributes.name, c.attributes.classname])).toEqual([
      ['client reaches the service', 'vpcreach.check.reachable'],
      ['ssh stays closed', 'vpcreach.check.unreachable'],
    ]);
    const failure = cases[0]!.children.find((c) => c.name === 'failure')!;
    expect(failure.attributes.message).toBe(result.results[0]!.message);
    expect(failure.text).toContain(`security-group ${EX.endpointEni1} ingress forward`);
    expect(cases[1]!.children.some((c) => c.name === 'failure')).toBe(false);
  });
});
