/**
 * Writes vpcreach's bundled example network and its broken variants: one snapshot directory
 * per example (`accounts/<account-id>/us-east-1/<Key>.json`), `expectations.json` with what
 * tracing each must conclude, and `README.md`. Run it with `npx tsx examples/build.ts`;
 * the output is deterministic, and a test checks the committed files equal it.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildExamples, type Example } from './generator/examples.js';
import { traceQuestion } from './generator/expectations.js';
import { renderReadme } from './generator/readme.js';
import { renderNetwork } from './generator/render-network.js';

/** The directory this file lives in: `examples/`. */
export const EXAMPLES_DIR = dirname(fileURLToPath(import.meta.url));

/** Directories under `examples/` the generator owns: it deletes and rewrites them. */
export const GENERATED_DIRECTORIES = ['privatelink', 'broken'];

/** Pretty JSON with a 2-space indent and a final newline, as every generated file is written. */
export function toJsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function renderExpectations(examples: Example[]): unknown {
  const first = examples[0];
  if (first === undefined) throw new Error('example network: no examples');
  return {
    about:
      'Expected outcome of `vpcreach trace --snapshot examples/<snapshot> --from <question.from> --to <question.to> --port 443` for each example, under the trace model of vpcreach (defaults). See examples/README.md for the conventions.',
    question: traceQuestion(first.spec),
    examples: examples.map((example) => ({
      name: example.name,
      snapshot: example.directory,
      mistake: example.mistake,
      ...example.outcome,
    })),
  };
}

/** Every generated file, keyed by its path relative to `examples/`, as the text to write. */
export function renderExampleFiles(): Map<string, string> {
  const examples = buildExamples();
  const files = new Map<string, string>();
  for (const example of examples) {
    for (const [path, doc] of renderNetwork(example.spec)) {
      files.set(`${example.directory}/${path}`, toJsonText(doc));
    }
  }
  files.set('expectations.json', toJsonText(renderExpectations(examples)));
  files.set('README.md', renderReadme(examples));
  return files;
}

function writeExampleFiles(): void {
  const files = renderExampleFiles();
  for (const directory of GENERATED_DIRECTORIES) {
    rmSync(join(EXAMPLES_DIR, directory), { recursive: true, force: true });
  }
  for (const [path, text] of files) {
    const target = join(EXAMPLES_DIR, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
  process.stdout.write(`wrote ${files.size} files under ${EXAMPLES_DIR}\n`);
}

const invokedPath = process.argv[1];
if (invokedPath !== undefined && import.meta.url === pathToFileURL(invokedPath).href) {
  writeExampleFiles();
}
