/** A failed test case: the one-line message and the details CI shows when it is opened. */
export interface JUnitFailure {
  readonly message: string;
  readonly type: string;
  readonly details: string;
}

/** One test case; it passed unless it carries a failure. */
export interface JUnitTestCase {
  readonly name: string;
  readonly classname: string;
  /** Seconds; omitted when not measured. */
  readonly time?: number;
  readonly failure?: JUnitFailure;
  readonly systemOut?: string;
}

/** A suite of test cases with optional properties (key/value pairs CI servers show). */
export interface JUnitTestSuite {
  readonly name: string;
  readonly properties?: readonly { readonly name: string; readonly value: string }[];
  readonly cases: readonly JUnitTestCase[];
}

/**
 * JUnit XML as CI systems read it (the Ant / Jenkins / GitLab dialect): `<testsuites>` with one
 * `<testsuite>` per suite, a `<testcase>` per case and a `<failure>` when it failed. Written by
 * hand to avoid a dependency; every attribute and text is escaped.
 */
export function renderJUnit(suites: readonly JUnitTestSuite[], options: { name: string }): string {
  const totals = countCases(suites.flatMap((suite) => suite.cases));
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attributes({ name: options.name, ...totals, errors: 0 })}>`,
    ...suites.flatMap(renderSuite),
    '</testsuites>',
  ];
  return `${lines.join('\n')}\n`;
}

function renderSuite(suite: JUnitTestSuite): string[] {
  const totals = countCases(suite.cases);
  const head = `  <testsuite${attributes({ name: suite.name, ...totals, errors: 0, skipped: 0 })}>`;
  const properties =
    suite.properties === undefined || suite.properties.length === 0
      ? []
      : [
          '    <properties>',
          ...suite.properties.map((p) => `      <property${attributes(p)}/>`),
          '    </properties>',
        ];
  return [head, ...properties, ...suite.cases.flatMap(renderCase), '  </testsuite>'];
}

function renderCase(testCase: JUnitTestCase): string[] {
  const attrs = attributes({
    name: testCase.name,
    classname: testCase.classname,
    ...(testCase.time === undefined ? {} : { time: testCase.time }),
  });
  const body: string[] = [];
  if (testCase.failure !== undefined) {
    const { message, type, details } = testCase.failure;
    body.push(`      <failure${attributes({ message, type })}>${escapeXml(details)}</failure>`);
  }
  if (testCase.systemOut !== undefined)
    body.push(`      <system-out>${escapeXml(testCase.systemOut)}</system-out>`);
  if (body.length === 0) return [`    <testcase${attrs}/>`];
  return [`    <testcase${attrs}>`, ...body, '    </testcase>'];
}

function countCases(cases: readonly JUnitTestCase[]) {
  return { tests: cases.length, failures: cases.filter((c) => c.failure !== undefined).length };
}

function attributes(values: Readonly<Record<string, string | number>>): string {
  return Object.entries(values)
    .map(([key, value]) => ` ${key}="${escapeXml(String(value), { attribute: true })}"`)
    .join('');
}

/**
 * Escapes text for XML 1.0. Characters XML 1.0 cannot carry at all (most C0 controls, lone
 * surrogates, U+FFFE/U+FFFF) become U+FFFD; in attributes, tabs and newlines are written as
 * character references so that attribute-value normalisation keeps them.
 */
export function escapeXml(text: string, options: { attribute?: boolean } = {}): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '&') out += '&amp;';
    else if (ch === '<') out += '&lt;';
    else if (ch === '>') out += '&gt;';
    else if (ch === '"') out += '&quot;';
    else if (ch === "'") out += '&apos;';
    else if (ch === '\r' || (options.attribute === true && (ch === '\n' || ch === '\t')))
      out += `&#${code};`;
    else out += isXmlChar(code) ? ch : '\uFFFD';
  }
  return out;
}

function isXmlChar(code: number): boolean {
  if (code === 0x9 || code === 0xa || code === 0xd) return true;
  if (code < 0x20) return false;
  if (code >= 0xd800 && code <= 0xdfff) return false;
  return code !== 0xfffe && code !== 0xffff;
}
