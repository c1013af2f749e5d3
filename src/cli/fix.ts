import { EC2Client } from '@aws-sdk/client-ec2';
import { type Command, Option } from '@commander-js/extra-typings';
import { callOf, type Ec2Call, inverseOf } from '../analysis/fix/ec2-calls.js';
import { patchFiles } from '../analysis/fix/patch-snapshot.js';
import { planFix } from '../analysis/fix/plan.js';
import type { FixChange, FixResult, FixScope } from '../analysis/fix/types.js';
import { applyCalls } from '../apply/apply-calls.js';
import { readUndoFile, writeUndoFile } from '../apply/undo-file.js';
import { UsageError } from '../errors.js';
import { writeSnapshotTree } from '../ingest/aws-cli/write-tree.js';
import { loadSnapshot } from '../ingest/load.js';
import { renderFixAwsCli } from '../report/fix-aws-cli.js';
import { renderFixCloudFormation } from '../report/fix-cloudformation.js';
import { fixJson } from '../report/fix-json.js';
import { renderFixTerraform } from '../report/fix-terraform.js';
import { renderFixText } from '../report/fix-text.js';
import { snapshotFiles } from '../snapshot/files.js';
import { colorsFor, writeJson, writeOut } from './output.js';
import { parsePort, parseRange } from './parse.js';

const FORMATS = ['text', 'aws-cli', 'terraform', 'cloudformation', 'json'] as const;
type Format = (typeof FORMATS)[number];

/** `vpcreach fix`: plan, print, and optionally write the patched snapshot or apply in AWS. */
export function registerFix(program: Command) {
  program
    .command('fix')
    .description(
      'the least-privilege change that makes a failing trace pass, proven by tracing again',
    )
    .option('-s, --snapshot <path>', 'folder of describe-* JSON files, or a snapshot file')
    .option('--from <source>', 'instance ID, ENI ID or private IP')
    .option('--to <destination>', 'instance, ENI, IP, interface endpoint, endpoint service, NLB')
    .option('-p, --port <port>', 'destination port', parsePort)
    .addOption(new Option('--protocol <protocol>', 'tcp or udp').choices(['tcp', 'udp'] as const))
    .option('--source-ports <range>', "the client's source ports (default 1024-65535)", parseRange)
    .addOption(
      new Option('--scope <scope>', 'how wide a new rule names its peer')
        .choices(['address', 'subnet', 'vpc'] as const)
        .default('subnet' as const),
    )
    .addOption(new Option('--format <format>', 'output').choices(FORMATS).default('text' as const))
    .option('--allow-wide', 'allow rules for 0.0.0.0/0 or ::/0 when that is what it takes')
    .option(
      '--nlb-subnet-acl-on-privatelink',
      "count the NLB subnet's inbound NACL for PrivateLink packets (AWS does not document it)",
    )
    .option(
      '--fail-open-across-zones',
      'when every target is unhealthy with cross-zone off, fail open to every zone (AWS does not document it)',
    )
    .option('--write-snapshot <dir>', 'write the patched snapshot there, in the same layout')
    .option('--apply', 'make the changes in AWS (a dry run unless --yes)')
    .option('--yes', 'with --apply or --undo: make the calls for real after the dry run')
    .option('--account <id>', 'with --apply: only the changes of this account')
    .option('--undo-file <path>', 'with --apply: where to write the undo file')
    .option('--undo <file>', 'replay an undo file written by --apply (a dry run unless --yes)')
    .action(async (options) => {
      if (options.undo !== undefined) {
        await runUndo(options.undo, options.yes === true);
        return;
      }
      const { snapshot: path, from, to } = options;
      if (path === undefined || from === undefined || to === undefined) {
        throw new UsageError(
          'fix needs --snapshot, --from and --to (or --undo FILE)',
          'for example: vpcreach fix -s ./snapshot --from i-0abc --to vpce-0def --port 443',
        );
      }
      const snapshot = loadSnapshot(path);
      const question = {
        from,
        to,
        protocol: options.protocol ?? 'tcp',
        port: options.port,
        sourcePorts: options.sourcePorts,
      };
      const { result } = planFix(
        snapshot,
        question,
        { scope: options.scope as FixScope, allowWide: options.allowWide === true },
        {
          nlbSubnetAclOnPrivateLink: options.nlbSubnetAclOnPrivatelink === true,
          failOpenAcrossZones: options.failOpenAcrossZones === true,
        },
      );
      render(result, options.format);
      if (options.writeSnapshot !== undefined) {
        const patched = patchFiles(snapshotFiles(snapshot), result.changes);
        const written = writeSnapshotTree({ source: path, ...patched }, options.writeSnapshot);
        process.stderr.write(
          `wrote the patched snapshot to ${options.writeSnapshot} (${written.length} file(s) changed)\n`,
        );
      }
      let applied = true;
      if (options.apply === true) {
        applied = await runApply(result.changes, {
          real: options.yes === true,
          account: options.account,
          undoFile: options.undoFile,
        });
      }
      process.exitCode = result.after.verdict === 'reachable' && applied ? 0 : 1;
    });
}

function render(result: FixResult, format: Format): void {
  const renderers: Record<Format, () => void> = {
    json: () => writeJson(fixJson(result)),
    'aws-cli': () => writeOut(renderFixAwsCli(result)),
    terraform: () => writeOut(renderFixTerraform(result)),
    cloudformation: () => writeOut(renderFixCloudFormation(result)),
    text: () => writeOut(renderFixText(result, colorsFor(process.stdout))),
  };
  renderers[format]();
}

function clients(): (region: string | undefined) => EC2Client {
  const made = new Map<string, EC2Client>();
  return (region) => {
    const key = region ?? '';
    let client = made.get(key);
    if (client === undefined) {
      // The SDK retries throttled calls itself; applyCalls adds a few slower retries on top.
      client = new EC2Client({ maxAttempts: 5, ...(region ? { region } : {}) });
      made.set(key, client);
    }
    return client;
  };
}

const log = (line: string) => process.stderr.write(`${line}\n`);

async function runApply(
  changes: readonly FixChange[],
  options: { real: boolean; account: string | undefined; undoFile: string | undefined },
): Promise<boolean> {
  const chosen = changes.filter(
    (c) => options.account === undefined || c.account === options.account,
  );
  if (chosen.length === 0) {
    log('nothing to apply');
    return true;
  }
  const accounts = new Set(chosen.map((c) => c.account ?? 'unknown'));
  if (accounts.size > 1) {
    log(
      `the changes span accounts ${[...accounts].join(', ')}; apply each with --account ID and that account's credentials`,
    );
    return false;
  }
  const pairs = new Map<Ec2Call, FixChange>(chosen.map((change) => [callOf(change), change]));
  const report = await applyCalls([...pairs.keys()], {
    clientFor: clients(),
    real: options.real,
    log,
  });
  if (!options.real && report.dryRunPassed) log('nothing changed: run again with --yes to apply');
  if (report.done.length > 0) {
    const path =
      options.undoFile ?? `vpcreach-undo-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
    writeUndoFile(
      path,
      report.done.map((call) => inverseOf(pairs.get(call)!)),
    );
    log(`undo file: ${path} (vpcreach fix --undo ${path} --yes takes the changes back)`);
  }
  return report.dryRunPassed && report.failed === undefined;
}

async function runUndo(file: string, real: boolean): Promise<void> {
  const calls = readUndoFile(file);
  const report = await applyCalls(calls, { clientFor: clients(), real, log });
  if (!real && report.dryRunPassed) log('nothing changed: run again with --yes to undo');
  process.exitCode = report.dryRunPassed && report.failed === undefined ? 0 : 1;
}
