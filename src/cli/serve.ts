import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from '@commander-js/extra-typings';
import { UsageError } from '../errors.js';
import { startServer } from '../web/server.js';
import { DEFAULT_ASSETS_DIR } from '../web/static-files.js';
import { loadNetwork } from './load.js';
import { parsePort } from './parse.js';

/**
 * `vpcreach serve`: the page that draws a trace. It binds to loopback by default because it has
 * no login and shows a private network's rules; `--host` opens it wider on purpose only.
 */
export function registerServe(program: Command) {
  program
    .command('serve')
    .description('a local page: pick a source and a destination, see every hop and its rules')
    .requiredOption('-s, --snapshot <path>', 'folder of describe-* JSON files, or a snapshot file')
    .option('--port <port>', 'port to listen on (0 picks a free one)', parsePort, 8080)
    .option('--host <host>', 'address to bind (the page has no login: keep it local)', '127.0.0.1')
    .option(
      '--nlb-subnet-acl-on-privatelink',
      "count the NLB subnet's inbound NACL for PrivateLink packets (AWS does not document it)",
    )
    .action(async (options) => {
      const network = loadNetwork(options.snapshot);
      const running = await startServer({
        network,
        host: options.host,
        port: options.port,
        nlbSubnetAclOnPrivateLink: options.nlbSubnetAclOnPrivatelink === true,
      }).catch((error: unknown) => {
        throw listenError(error, options.host, options.port);
      });
      process.stdout.write(`vpcreach serve: ${running.url}  (Ctrl-C stops it)\n`);
      if (!existsSync(join(DEFAULT_ASSETS_DIR, 'index.html')))
        process.stderr.write(
          'vpcreach serve: the page is not built (run `npm run build`); only the JSON API answers\n',
        );
      const stop = () => {
        running.close().finally(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}

/** A socket that cannot listen is a usage problem (port taken, host not ours), not a defect. */
function listenError(error: unknown, host: string, port: number): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'EADDRINUSE')
    return new UsageError(
      `port ${port} on ${host} is in use`,
      'give another --port, or --port 0 for any free port',
    );
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
    return new UsageError(`--host ${host} is not an address of this machine`, 'omit --host');
  if (code === 'EACCES')
    return new UsageError(`port ${port} needs privileges`, 'use a port above 1023');
  return error;
}
