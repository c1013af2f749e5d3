import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Command, Option } from '@commander-js/extra-typings';
import { type DiffResult, diffNetworks } from '../analysis/diff/diff.js';
import { UsageError } from '../errors.js';
import { renderDiffSarif } from '../report/diff-sarif.js';
import { renderDiff } from '../report/diff-text.js';
import type { Snapshot } from '../snapshot/snapshot.js';
import { loadAfter } from './diff-load.js';
import { loadNetwork } from './load.js';
import { colorsFor, writeJson, writeOut } from './output.js';
import { parsePort, parseRange } from './parse.js';

type FailOn = 'opened' | 'closed' | 'any';

export function registerDiff(program: Command) {
  program
    .command('diff')
    .description(
      'what a change opens and closes: flows before and after, and the rules that did it',
    )
    .requiredOption('--before <path>', 'the snapshot before the change (folder or file)')
    .requiredOption(
      '--after <path>',
      'the snapshot after the change, or a Terraform plan / CloudFormation template laid over --before',
    )
    .option(
      '--to <destination>',
      'compare only this destination (ENI, instance, IP, vpce-…, vpce-svc-…); repeatable',
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option('-p, --port <port>', 'one destination port', parsePort)
    .option('--ports <range>', 'a range of destination ports (default: all)', parseRange)
    .option('--protocol <protocol>', 'all, tcp, udp, or a protocol number without ports', 'all')
    .option('--source-ports <range>', "the clients' source ports (default 1024-65535)", parseRange)
    .option(
      '--nlb-subnet-acl-on-privatelink',
      "count the NLB subnet's inbound NACL for PrivateLink packets",
    )
    .option(
      '--fail-open-across-zones',
      'when every target is unhealthy with cross-zone off, fail open to every zone (AWS does not document it)',
    )
    .option('--json', 'print JSON (documented in docs/diff.md)')
    .option('--sarif <file>', 'also write SARIF 2.1.0 to FILE (`-` for standard output)')
    .addOption(
      new Option('--fail-on <what>', 'exit 1 when a flow of this kind is found').choices([
        'opened',
        'closed',
        'any',
      ] as const),
    )
    .action((options) => {
      if (options.port !== undefined && options.ports !== undefined)
        throw new UsageError('give --port or --ports, not both');
      if (options.json && options.sarif !== undefined)
        throw new UsageError('give --json or --sarif, not both');
      const before = loadNetwork(options.before);
      const after = loadAfter(options.before, options.after).network;
      const ports =
        options.port === undefined ? options.ports : { from: options.port, to: options.port };
      const result = diffNetworks(
        before,
        after,
        {
          ...(options.to === undefined ? {} : { to: options.to }),
          protocol: options.protocol,
          ...(ports === undefined ? {} : { ports }),
          ...(options.sourcePorts === undefined ? {} : { sourcePorts: options.sourcePorts }),
        },
        {
          nlbSubnetAclOnPrivateLink: options.nlbSubnetAclOnPrivatelink === true,
          failOpenAcrossZones: options.failOpenAcrossZones === true,
        },
      );
      const failing = failingKinds(options.failOn);
      if (options.sarif !== undefined) {
        const log = renderDiffSarif(result, {
          failing,
          locate: locator([after.snapshot, before.snapshot], [options.after, options.before]),
          version: program.version() ?? '0.0.0',
        });
        const text = `${JSON.stringify(log, null, 2)}\n`;
        if (options.sarif === '-') process.stdout.write(text);
        else writeFileSync(options.sarif, text);
      }
      if (options.json) writeJson(result);
      else if (options.sarif !== '-') writeOut(renderDiff(result, colorsFor(process.stdout)));
      process.exitCode = fails(result, failing) ? 1 : 0;
    });
}

function failingKinds(failOn: FailOn | undefined): Set<'opened' | 'closed'> {
  if (failOn === undefined) return new Set();
  return new Set(failOn === 'any' ? ['opened', 'closed'] : [failOn]);
}

function fails(result: DiffResult, failing: ReadonlySet<'opened' | 'closed'>): boolean {
  return result.destinations.some((d) => d.flows.some((f) => failing.has(f.change)));
}

/**
 * The file (as the user can open it) that holds a resource, from the snapshots' origins: a path
 * as the reader gave it, or relative to the --after or --before folder.
 */
function locator(snapshots: readonly Snapshot[], roots: readonly string[]) {
  return (id: string): string | undefined => {
    for (const snapshot of snapshots) {
      const item = findItem(snapshot, id);
      const file = item === undefined ? undefined : snapshot.origin.get(item)?.file;
      if (file === undefined) continue;
      const found = [file, ...roots.filter(isDirectory).map((root) => join(root, file))].find(
        (path) => existsSync(path) && !isDirectory(path),
      );
      if (found !== undefined) return found;
    }
    return undefined;
  };
}

const ID_FIELDS: [keyof Snapshot, string][] = [
  ['SecurityGroups', 'GroupId'],
  ['NetworkAcls', 'NetworkAclId'],
  ['NetworkInterfaces', 'NetworkInterfaceId'],
  ['Subnets', 'SubnetId'],
  ['VpcEndpoints', 'VpcEndpointId'],
  ['LoadBalancers', 'LoadBalancerArn'],
  ['TargetGroups', 'TargetGroupArn'],
  ['ServiceConfigurations', 'ServiceId'],
];

function findItem(snapshot: Snapshot, id: string): object | undefined {
  for (const [key, field] of ID_FIELDS) {
    const list = snapshot[key] as readonly Record<string, unknown>[];
    const found = list.find((item) => item[field] === id);
    if (found !== undefined) return found;
  }
  return undefined;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
