import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from '@commander-js/extra-typings';
import { traceFlow } from '../analysis/trace.js';
import { renderTrace } from '../report/trace-text.js';
import { loadNetwork } from './load.js';
import { colorsFor, writeOut } from './output.js';

const QUESTION = { from: 'i-0732e91f550b85803', to: 'vpce-07a5c64d82c04e64b', port: 443 };

/** The bundled examples, beside src/ or dist/ in a checkout or an installed package. */
export function examplesDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return join(here, '..', '..', 'examples');
}

/**
 * `npm start`: traces the bundled PrivateLink network as it should be, then a variant whose
 * client subnet returns only Linux's ephemeral ports — the "works sometimes" failure.
 */
export function registerDemo(program: Command) {
  program
    .command('demo')
    .description('trace the bundled example network, correct and broken')
    .action(() => {
      const root = examplesDir();
      if (!existsSync(join(root, 'privatelink'))) {
        throw new Error(`the bundled examples are missing from ${root}`);
      }
      const paint = colorsFor(process.stdout);
      for (const [title, dir] of [
        ['The bundled network, configured as AWS advises', 'privatelink'],
        [
          'The same network, but the client subnet NACL returns only ports 32768-65535',
          'broken/client-nacl-narrow-return',
        ],
      ] as const) {
        const path = join(root, dir);
        writeOut(paint.bold(`# ${title}`));
        writeOut(
          paint.dim(
            `$ vpcreach trace --snapshot examples/${dir} --from ${QUESTION.from} --to ${QUESTION.to} --port ${QUESTION.port}\n`,
          ),
        );
        writeOut(renderTrace(traceFlow(loadNetwork(path), QUESTION), paint));
      }
    });
}
