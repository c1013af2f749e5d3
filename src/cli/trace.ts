import { type Command, Option } from '@commander-js/extra-typings';
import { traceFlow } from '../analysis/trace.js';
import { UsageError } from '../errors.js';
import { renderTraceDot } from '../report/trace-dot.js';
import { renderTraceSvg } from '../report/trace-svg.js';
import { renderTrace } from '../report/trace-text.js';
import { loadNetwork } from './load.js';
import { colorsFor, writeJson, writeOut } from './output.js';
import { parsePort, parseRange, parseSmallInt } from './parse.js';

const FORMATS = ['text', 'json', 'dot', 'svg'] as const;
type TraceFormat = (typeof FORMATS)[number];

function chooseFormat(format: TraceFormat | undefined, json: boolean): TraceFormat {
  if (json && format !== undefined && format !== 'json')
    throw new UsageError(`--json and --format ${format} ask for different outputs`, 'give one');
  return json ? 'json' : (format ?? 'text');
}

export function registerTrace(program: Command) {
  program
    .command('trace')
    .description(
      'can this client reach that destination? every hop, both directions, and the rule that decided',
    )
    .requiredOption('-s, --snapshot <path>', 'folder of describe-* JSON files, or a snapshot file')
    .requiredOption('--from <source>', 'instance ID, ENI ID or private IP')
    .requiredOption(
      '--to <destination>',
      'instance, ENI, IP, interface endpoint (vpce-…), endpoint service (vpce-svc-…), or NLB ARN/name',
    )
    .option('-p, --port <port>', 'destination port (tcp, udp)', parsePort)
    .option(
      '--protocol <protocol>',
      'tcp, udp, icmp (ICMPv6 between IPv6 addresses), icmpv6 or a protocol number',
      'tcp',
    )
    .option('--icmp-type <type>', 'ICMP type (default: echo request)', parseSmallInt)
    .option('--icmp-code <code>', 'ICMP code', parseSmallInt)
    .option('--source-ports <range>', "the client's source ports (default 1024-65535)", parseRange)
    .addOption(
      new Option('--ip-version <version>', 'IP family of the flow').choices(['4', '6'] as const),
    )
    .option(
      '--nlb-subnet-acl-on-privatelink',
      "count the NLB subnet's inbound NACL for PrivateLink packets (AWS does not document it)",
    )
    .option(
      '--fail-open-across-zones',
      'when every target is unhealthy with cross-zone off, fail open to every zone (AWS does not document it)',
    )
    .addOption(
      new Option('--format <format>', 'text, json, dot (Graphviz) or svg').choices(FORMATS),
    )
    .option('--json', 'print JSON (documented in the README); the same as --format json')
    .action(async (options) => {
      const format = chooseFormat(options.format, options.json === true);
      const network = loadNetwork(options.snapshot);
      const result = traceFlow(
        network,
        {
          from: options.from,
          to: options.to,
          protocol: options.protocol,
          port: options.port,
          icmpType: options.icmpType,
          icmpCode: options.icmpCode,
          sourcePorts: options.sourcePorts,
          ipVersion:
            options.ipVersion === undefined ? undefined : (Number(options.ipVersion) as 4 | 6),
        },
        {
          nlbSubnetAclOnPrivateLink: options.nlbSubnetAclOnPrivatelink === true,
          failOpenAcrossZones: options.failOpenAcrossZones === true,
        },
      );
      if (format === 'json') writeJson(result);
      else if (format === 'dot') writeOut(renderTraceDot(result));
      else if (format === 'svg') writeOut(await renderTraceSvg(result));
      else writeOut(renderTrace(result, colorsFor(process.stdout)));
      process.exitCode = result.verdict === 'reachable' ? 0 : 1;
    });
}
