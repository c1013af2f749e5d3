import type { CheckResult, IntentResult } from '../analysis/check/check.js';
import { renderIntent } from './check-text.js';
import { type JUnitTestCase, renderJUnit } from './junit.js';
import { PLAIN } from './plain-paint.js';

/**
 * The check as JUnit XML: one test case per intent, named after it, failing with the intent's
 * message and, as details, the same text `check` prints (the trace or counter-example).
 */
export function renderCheckJUnit(result: CheckResult, options: { snapshot: string }): string {
  return renderJUnit(
    [
      {
        name: result.file,
        properties: [
          { name: 'snapshot', value: options.snapshot },
          { name: 'intents', value: result.file },
        ],
        cases: result.results.map(testCaseOf),
      },
    ],
    { name: 'vpcreach check' },
  );
}

function testCaseOf(intent: IntentResult): JUnitTestCase {
  const notes = intent.limitations.map((l) => `${l.detail} (${l.code})`).join('\n');
  return {
    name: intent.name,
    classname: `vpcreach.check.${intent.kind}`,
    ...(intent.status === 'fail'
      ? {
          failure: {
            message: intent.message,
            type: intent.kind,
            details: renderIntent(intent, PLAIN).join('\n'),
          },
        }
      : {}),
    ...(notes === '' ? {} : { systemOut: notes }),
  };
}
