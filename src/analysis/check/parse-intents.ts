import { type Document, isMap, isNode, isPair, isScalar, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { InputError } from '../../errors.js';
import { ALL_PORTS, type PortRange, parsePortRange } from '../../net/port-range.js';
import type { Intent, SelectorField, SourceLocation } from './intent.js';
import { INTENT_KINDS, type IntentEntryData, intentsFileSchema } from './intent-schema.js';
import { parsedCidrs } from './selectors.js';

type PathKey = string | number;

/**
 * Reads an intents file (YAML, or JSON, which YAML 1.2 reads as it is). Every error names the
 * file, line and column, the field path and the bad value, on one line.
 */
export function parseIntents(text: string, file: string): Intent[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const syntax = doc.errors[0];
  if (syntax !== undefined) {
    const at = lineCounter.linePos(syntax.pos[0]);
    throw new InputError({
      file: `${file}:${at.line}:${at.col}`,
      message: `is not valid YAML: ${firstLine(syntax.message)}`,
      hint: 'check the indentation and the quoting around that line',
    });
  }
  const parsed = intentsFileSchema.safeParse(doc.toJS() ?? null);
  if (!parsed.success) throw issueError(parsed.error.issues, doc, lineCounter, file);
  const locate = (path: readonly PathKey[]) => locationOf(doc, lineCounter, file, path);
  return parsed.data.intents.map((entry, index) => toIntent(entry, index, locate));
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

function toIntent(
  entry: IntentEntryData,
  index: number,
  locate: (path: readonly PathKey[]) => SourceLocation,
): Intent {
  const kind = INTENT_KINDS.find((k) => entry[k] !== undefined)!;
  const base = { name: entry.name, kind, index, location: locate(['intents', index]) };
  const field = (key: string, selectors: string | readonly string[]): SelectorField => ({
    selectors: typeof selectors === 'string' ? [selectors] : selectors,
    field: fieldPath(['intents', index, kind, key]),
    location: locate(['intents', index, kind, key]),
  });
  if (entry.reachable !== undefined || entry.unreachable !== undefined) {
    const flow = (entry.reachable ?? entry.unreachable)!;
    return {
      ...base,
      kind: kind as 'reachable' | 'unreachable',
      from: field('from', flow.from),
      to: field('to', flow.to),
      protocol: flow.protocol,
      port: flow.protocol === 'icmp' ? undefined : flow.port,
    };
  }
  const exposure = (entry.only ?? entry['not-exposed'])!;
  const allowed = entry.only !== undefined ? entry.only.sources : entry['not-exposed']!.outside;
  return {
    ...base,
    kind: kind as 'only' | 'not-exposed',
    to: field('to', exposure.to),
    protocols: exposure.protocol === 'all' ? ['tcp', 'udp', 'icmp'] : [exposure.protocol],
    ports: exposurePorts(exposure.port, exposure.ports),
    allowed: parsedCidrs(allowed),
  };
}

function exposurePorts(port: number | undefined, ports: string | number | undefined): PortRange {
  if (port !== undefined) return { from: port, to: port };
  if (ports === undefined) return ALL_PORTS;
  return parsePortRange(String(ports)) ?? ALL_PORTS;
}

function issueError(
  issues: readonly z.core.$ZodIssue[],
  doc: Document,
  lineCounter: LineCounter,
  file: string,
): InputError {
  const issue = issues[0]!;
  const path = issue.path.filter((key): key is PathKey => typeof key !== 'symbol');
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!;
    const where = locationOf(doc, lineCounter, file, path, key);
    const atIntent = path.length === 2 && path[0] === 'intents';
    return new InputError({
      file: `${where.file}:${where.line}:${where.column}`,
      field: fieldPath([...path, key]),
      message: atIntent
        ? `is not an intent kind: use one of ${INTENT_KINDS.join(', ')}`
        : 'is not a field vpcreach knows here',
      hint: atIntent ? 'see docs/check.md for the intent kinds' : 'check the spelling',
    });
  }
  const where = locationOf(doc, lineCounter, file, path);
  const value = valueAt(doc, path);
  return new InputError({
    file: `${where.file}:${where.line}:${where.column}`,
    field: path.length === 0 ? undefined : fieldPath(path),
    value: value === undefined || typeof value === 'object' ? undefined : value,
    message: value === undefined && issue.code === 'invalid_type' ? 'is missing' : issue.message,
    ...(typeof value === 'string' && issue.message.includes('prefix length is missing')
      ? { hint: `write ${value}/${value.includes(':') ? 128 : 32} for one address` }
      : {}),
  });
}

function valueAt(doc: Document, path: readonly PathKey[]): unknown {
  const node = path.length === 0 ? doc.contents : doc.getIn(path, true);
  return isScalar(node) ? node.value : isNode(node) ? node.toJSON() : node;
}

/** The line and column of the node at `path`, or of its key when `key` is given. */
function locationOf(
  doc: Document,
  lineCounter: LineCounter,
  file: string,
  path: readonly PathKey[],
  key?: string,
): SourceLocation {
  let node: unknown = path.length === 0 ? doc.contents : doc.getIn(path, true);
  // A missing field has no node: point at the mapping that lacks it.
  for (let depth = path.length - 1; !isNode(node) && depth >= 0; depth--)
    node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
  if (key !== undefined && isMap(node)) {
    const pair = node.items.find(
      (item) => isPair(item) && isScalar(item.key) && item.key.value === key,
    );
    if (pair !== undefined && isNode(pair.key)) node = pair.key;
  }
  const offset = isNode(node) && node.range ? node.range[0] : 0;
  const at = lineCounter.linePos(offset);
  return { file, line: at.line, column: at.col };
}

/** `intents[2].reachable.port`, the way the messages name a field. */
export function fieldPath(path: readonly PathKey[]): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? key : `.${key}`))
    .join('');
}
