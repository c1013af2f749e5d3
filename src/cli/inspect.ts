import type { Command } from '@commander-js/extra-typings';
import { inspectResource, inspectSummary } from '../analysis/inspect.js';
import { renderInspectResource, renderInspectSummary } from '../report/inspect-text.js';
import { loadNetwork } from './load.js';
import { colorsFor, writeJson, writeOut } from './output.js';

export function registerInspect(program: Command) {
  program
    .command('inspect')
    .description('what was loaded, or everything that applies to one resource')
    .argument(
      '[id]',
      'an endpoint, service, ENI, instance, IP, subnet, security group, NACL, load balancer or target group',
    )
    .requiredOption('-s, --snapshot <path>', 'folder of describe-* JSON files, or a snapshot file')
    .option('--json', 'print JSON (documented in the README)')
    .action((id, options) => {
      const network = loadNetwork(options.snapshot);
      const result = id === undefined ? inspectSummary(network) : inspectResource(network, id);
      if (options.json) writeJson(result);
      else if (id === undefined)
        writeOut(renderInspectSummary(inspectSummary(network), colorsFor(process.stdout)));
      else writeOut(renderInspectResource(result));
    });
}
