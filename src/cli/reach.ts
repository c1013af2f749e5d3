import type { Command } from '@commander-js/extra-typings';
import { reachMatrix } from '../analysis/reach/matrix.js';
import { reachTo } from '../analysis/reach/reach.js';
import { reachFrom } from '../analysis/reach/reach-from.js';
import { UsageError } from '../errors.js';
import { renderMatrix, renderReachFrom, renderReachTo } from '../report/reach-text.js';
import { loadNetwork } from './load.js';
import { colorsFor, writeJson, writeOut } from './output.js';
import { parsePort, parseRange } from './parse.js';
import { startProgress } from './progress.js';

export function registerReach(program: Command) {
  program
    .command('reach')
    .description(
      'who can reach a destination, what a source reaches, or the whole matrix — exactly, not sampled',
    )
    .requiredOption('-s, --snapshot <path>', 'folder of describe-* JSON files, or a snapshot file')
    .option(
      '--to <destination>',
      'ENI, instance, IP, interface endpoint (vpce-…) or endpoint service (vpce-svc-…)',
    )
    .option('--from <source>', 'instance ID, ENI ID or private IP')
    .option('--matrix', 'every class of ENIs × every ENI and endpoint of its VPC')
    .option('-p, --port <port>', 'one destination port', parsePort)
    .option('--ports <range>', 'a range of destination ports (default: all)', parseRange)
    .option('--protocol <protocol>', 'tcp, udp, all, or a protocol number without ports', 'tcp')
    .option('--source-ports <range>', "the clients' source ports (default 1024-65535)", parseRange)
    .option(
      '--nlb-subnet-acl-on-privatelink',
      "count the NLB subnet's inbound NACL for PrivateLink packets",
    )
    .option(
      '--fail-open-across-zones',
      'when every target is unhealthy with cross-zone off, fail open to every zone (AWS does not document it)',
    )
    .option('--json', 'print JSON (documented in the README)')
    .action((options) => {
      const forms = [options.to, options.from, options.matrix].filter(
        (v) => v !== undefined,
      ).length;
      if (forms !== 1)
        throw new UsageError(
          'give exactly one of --to, --from and --matrix',
          'for example: vpcreach reach --snapshot DIR --to vpce-0abc --port 443',
        );
      if (options.port !== undefined && options.ports !== undefined)
        throw new UsageError('give --port or --ports, not both');
      const network = loadNetwork(options.snapshot);
      const ports =
        options.port === undefined ? options.ports : { from: options.port, to: options.port };
      const question = { protocol: options.protocol, ports, sourcePorts: options.sourcePorts };
      const model = {
        nlbSubnetAclOnPrivateLink: options.nlbSubnetAclOnPrivatelink === true,
        failOpenAcrossZones: options.failOpenAcrossZones === true,
      };
      const paint = colorsFor(process.stdout);
      if (options.to !== undefined) {
        const result = reachTo(network, { ...question, to: options.to }, model);
        if (options.json) writeJson(result);
        else writeOut(renderReachTo(result, paint));
      } else if (options.from !== undefined) {
        const result = reachFrom(network, { ...question, from: options.from }, model);
        if (options.json) writeJson(result);
        else writeOut(renderReachFrom(result, paint));
      } else {
        const progress = startProgress('matrix: source classes');
        const result = reachMatrix(network, question, model, progress.update);
        progress.stop();
        if (options.json) writeJson(result);
        else writeOut(renderMatrix(result, paint));
      }
    });
}
