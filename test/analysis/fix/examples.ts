import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TraceQuestion } from '../../../src/analysis/trace.js';

/** The bundled broken examples and the question each is asked (examples/expectations.json). */
export const EXAMPLES_ROOT = join(import.meta.dirname, '../../../examples');

const expectations = JSON.parse(readFileSync(join(EXAMPLES_ROOT, 'expectations.json'), 'utf8')) as {
  question: TraceQuestion;
  examples: Array<{ name: string; snapshot: string }>;
};

export const QUESTION: TraceQuestion = expectations.question;

export const BROKEN = expectations.examples
  .filter((example) => example.snapshot.startsWith('broken/'))
  .map((example) => ({ name: example.name, dir: join(EXAMPLES_ROOT, example.snapshot) }));

/** Examples no rule change can fix; their fix is a list of manual steps. */
export const MANUAL_ONLY: Readonly<Record<string, { code: string; command: RegExp }>> = {
  'listener-port-mismatch': {
    code: 'ELBV2_LISTENERS_MISMATCH',
    command:
      /^aws elbv2 create-listener .*--protocol TCP --port 443 .*Type=forward,TargetGroupArn=arn:aws:elasticloadbalancing:/,
  },
  'endpoint-pending-acceptance': {
    code: 'BAD_STATE',
    command:
      /^aws ec2 accept-vpc-endpoint-connections --service-id vpce-svc-0a2feefb9af2299c6 --vpc-endpoint-ids vpce-07a5c64d82c04e64b$/,
  },
  'cross-zone-off-one-zone': {
    code: 'ELBV2_NO_TARGETS_IN_AZ',
    command:
      /^aws elbv2 modify-load-balancer-attributes .*Key=load_balancing\.cross_zone\.enabled,Value=true$/,
  },
};
