import { planFix } from '../analysis/fix/plan.js';
import { DEFAULT_FIX_OPTIONS } from '../analysis/fix/types.js';
import type { TraceQuestion } from '../analysis/trace.js';
import type { Network } from '../network/types.js';
import type { ModelOptions } from '../paths/context.js';
import { renderFixAwsCli } from '../report/fix-aws-cli.js';
import { renderFixCloudFormation } from '../report/fix-cloudformation.js';
import { renderFixTerraform } from '../report/fix-terraform.js';

/**
 * `/api/fix`: what `vpcreach fix` proposes for the question, with its default choices (peers
 * as wide as a subnet, never 0.0.0.0/0), as the page shows it: one sentence per change, the
 * steps no rule can make, and every change at once in each format, ready to copy.
 */
export function fixAnswer(network: Network, question: TraceQuestion, model: Partial<ModelOptions>) {
  const { result } = planFix(network.snapshot, question, DEFAULT_FIX_OPTIONS, model);
  return {
    version: 1 as const,
    before: result.before.verdict,
    after: result.after.verdict,
    changes: result.changes.map((change) => ({
      description: change.why,
      kind: change.kind,
      component: change.component,
      direction: change.direction,
      path: change.path,
    })),
    manual: result.manual.map((step) => ({ what: step.what, command: step.command ?? null })),
    notes: result.notes,
    formats:
      result.changes.length === 0
        ? {}
        : {
            'AWS CLI': renderFixAwsCli(result),
            Terraform: renderFixTerraform(result),
            CloudFormation: renderFixCloudFormation(result),
          },
  };
}
