import { readFileSync, statSync } from 'node:fs';
import { looksLikeCloudFormation } from '../ingest/cloudformation/parse-template.js';
import { loadSnapshot } from '../ingest/load.js';
import { parseJsonText } from '../ingest/parse-json.js';
import { looksLikeTerraformPlan } from '../ingest/terraform/plan-json.js';
import { buildNetwork } from '../network/build.js';
import type { Network } from '../network/types.js';

/**
 * The network after the change. A Terraform plan or a CloudFormation template describes only
 * the resources it manages, so it is laid over --before (an item with the same ID replaced, new
 * ones added); a folder or a snapshot file is the whole network after the change.
 */
export function loadAfter(before: string, after: string): { network: Network; overlaid: boolean } {
  if (!isPlanOrTemplate(after))
    return { network: buildNetwork(loadSnapshot(after)), overlaid: false };
  return { network: buildNetwork(loadSnapshot(before, { plan: after })), overlaid: true };
}

function isPlanOrTemplate(path: string): boolean {
  try {
    if (statSync(path).isDirectory()) return false;
  } catch {
    // A missing file is reported by loadSnapshot, with the file named.
    return false;
  }
  if (/\.ya?ml$/i.test(path)) return true;
  const json = parseJsonText(readFileSync(path, 'utf8'), path);
  return looksLikeTerraformPlan(json) || looksLikeCloudFormation(json);
}
