import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { InputError } from '../errors.js';
import type { Warning } from '../network/types.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import { buildSnapshot, type SourceDocument } from '../snapshot/validate.js';
import { readSnapshotTree } from './aws-cli/read-tree.js';
import { looksLikeCloudFormation } from './cloudformation/parse-template.js';
import { readCloudFormationTemplate } from './cloudformation/read-cloudformation-template.js';
import { overlay } from './overlay.js';
import { parseJsonText } from './parse-json.js';
import { looksLikeTerraformPlan } from './terraform/plan-json.js';
import { readTerraformPlan } from './terraform/read-terraform-plan.js';

export interface LoadOptions {
  /** A Terraform plan or CloudFormation template laid over the snapshot: the change to check. */
  readonly plan?: string;
  /** Zone name → zone ID, for plans and templates that name zones only. */
  readonly availabilityZoneIds?: Readonly<Record<string, string>>;
}

interface Sources {
  readonly documents: SourceDocument[];
  readonly notes: Warning[];
}

/**
 * Loads a snapshot from a path: a directory tree of AWS CLI `describe-*` JSON files (with
 * optional `accounts/<id>/<region>/` subtrees); one JSON file holding several of those top-level
 * keys (vpcreach's own one-file format); a Terraform plan or state (`terraform show -json`); or
 * a CloudFormation template in JSON or YAML, CDK's `cdk.out/*.template.json` included.
 */
export function loadSnapshot(path: string, options: LoadOptions = {}): Snapshot {
  const base = readSources(path, options);
  if (options.plan === undefined) return buildSnapshot(base.documents, base.notes);
  const change = readSources(options.plan, options);
  return buildSnapshot(overlay(base.documents, change.documents), [...base.notes, ...change.notes]);
}

/**
 * Loads several sources into one snapshot — the stacks of one CDK app, or a consumer's and a
 * provider's templates — as if they were one account's files.
 */
export function loadSnapshots(paths: readonly string[], options: LoadOptions = {}): Snapshot {
  const all = paths.map((path) => readSources(path, options));
  return buildSnapshot(
    all.flatMap((s) => s.documents),
    all.flatMap((s) => s.notes),
  );
}

function readSources(path: string, options: LoadOptions): Sources {
  if (!existsSync(path)) {
    throw new InputError({
      file: path,
      message: 'does not exist',
      hint: 'give --snapshot a folder of describe-* JSON files, a snapshot .json file, a Terraform plan or a CloudFormation template',
    });
  }
  if (statSync(path).isDirectory()) return { documents: readSnapshotTree(path), notes: [] };
  const text = readFileSync(path, 'utf8');
  const origin = { file: path };
  if (/\.ya?ml$/i.test(path)) return fromTemplate(text, path, options);
  const json = parseJsonText(text, path);
  if (looksLikeTerraformPlan(json)) {
    const read = readTerraformPlan(json, { file: path, ...zones(options) });
    return {
      documents: read.documents.map((document) => ({ document, origin })),
      notes: read.notes,
    };
  }
  if (looksLikeCloudFormation(json)) return fromTemplate(json as object, path, options);
  return { documents: [{ document: json, origin }], notes: [] };
}

function fromTemplate(template: string | object, path: string, options: LoadOptions): Sources {
  const stackName = basename(path).replace(/\.template\.(json|ya?ml)$|\.(json|ya?ml)$/i, '');
  const read = readCloudFormationTemplate(template, { file: path, stackName, ...zones(options) });
  return {
    documents: read.documents.map((document) => ({ document, origin: { file: path } })),
    notes: read.notes,
  };
}

function zones(options: LoadOptions) {
  return options.availabilityZoneIds === undefined
    ? {}
    : { availabilityZoneIds: options.availabilityZoneIds };
}
