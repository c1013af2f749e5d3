import { inspectResource } from '../analysis/inspect.js';
import { reachTo } from '../analysis/reach/reach.js';
import { type TraceQuestion, traceFlow } from '../analysis/trace.js';
import { InputError, UsageError } from '../errors.js';
import type { Network } from '../network/types.js';
import { buildCatalogSummary } from './catalog.js';
import { fixAnswer } from './fix-answer.js';

/** What every API route needs: the loaded network and the model options of the command line. */
export interface ApiContext {
  readonly network: Network;
  readonly nlbSubnetAclOnPrivateLink: boolean;
}

/** A JSON answer; the server adds the headers. */
export interface ApiResponse {
  readonly status: number;
  readonly body: unknown;
}

type Route = (ctx: ApiContext, rest: string, query: URLSearchParams) => ApiResponse;

const ROUTES: ReadonlyArray<readonly [string, Route]> = [
  ['/api/summary', (ctx) => ({ status: 200, body: buildCatalogSummary(ctx.network) })],
  ['/api/trace', (ctx, _rest, query) => ({ status: 200, body: traceFromQuery(ctx, query) })],
  ['/api/inspect/', (ctx, rest) => ({ status: 200, body: inspectFromPath(ctx, rest) })],
  ['/api/fix', (ctx, _rest, query) => ({ status: 200, body: fixFromQuery(ctx, query) })],
  ['/api/reach', (ctx, _rest, query) => ({ status: 200, body: reachFromQuery(ctx, query) })],
];

/**
 * Answers one GET under /api/. Bad questions (unknown IDs, missing port) are the user's to fix,
 * so they come back as 400/404 with the CLI's message and hint; anything else is a 500 that
 * names no internals.
 */
export function handleApi(ctx: ApiContext, pathname: string, query: URLSearchParams): ApiResponse {
  const match = ROUTES.find(([prefix]) =>
    prefix.endsWith('/') ? pathname.startsWith(prefix) : pathname === prefix,
  );
  if (match === undefined) return { status: 404, body: { error: `no API route ${pathname}` } };
  const [prefix, route] = match;
  try {
    return route(ctx, pathname.slice(prefix.length), query);
  } catch (error) {
    return failure(error);
  }
}

function questionFromQuery(query: URLSearchParams): TraceQuestion {
  const port = query.get('port');
  const protocol = query.get('protocol');
  return {
    from: requireParam(query, 'from'),
    to: requireParam(query, 'to'),
    protocol: protocol === null || protocol === '' ? 'tcp' : protocol,
    port: port === null || port === '' ? undefined : parsePortParam(port),
  };
}

function traceFromQuery(ctx: ApiContext, query: URLSearchParams) {
  return traceFlow(ctx.network, questionFromQuery(query), {
    nlbSubnetAclOnPrivateLink: ctx.nlbSubnetAclOnPrivateLink,
  });
}

function fixFromQuery(ctx: ApiContext, query: URLSearchParams) {
  return fixAnswer(ctx.network, questionFromQuery(query), {
    nlbSubnetAclOnPrivateLink: ctx.nlbSubnetAclOnPrivateLink,
  });
}

/** `vpcreach reach --to … --json`: who can reach the destination, on one port or all. */
function reachFromQuery(ctx: ApiContext, query: URLSearchParams) {
  const to = requireParam(query, 'to');
  const port = query.get('port');
  const protocol = query.get('protocol');
  const single = port === null || port === '' ? undefined : parsePortParam(port);
  return reachTo(
    ctx.network,
    {
      to,
      protocol: protocol === null || protocol === '' ? 'tcp' : protocol,
      ports: single === undefined ? undefined : { from: single, to: single },
    },
    { nlbSubnetAclOnPrivateLink: ctx.nlbSubnetAclOnPrivateLink },
  );
}

function inspectFromPath(ctx: ApiContext, rest: string) {
  let id: string;
  try {
    id = decodeURIComponent(rest);
  } catch {
    throw new UsageError(`${rest} is not a valid resource ID`);
  }
  if (id === '') throw new UsageError('give a resource ID after /api/inspect/');
  return inspectResource(ctx.network, id);
}

function requireParam(query: URLSearchParams, name: string): string {
  const value = query.get(name)?.trim();
  if (value === undefined || value === '')
    throw new UsageError(`the ${name} parameter is required`, 'for example ?from=i-…&to=vpce-…');
  return value;
}

function parsePortParam(text: string): number {
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65535)
    throw new UsageError(`port ${text} is not a port number`, 'expected a port number 0-65535');
  return Number(text);
}

function failure(error: unknown): ApiResponse {
  if (error instanceof UsageError) {
    const status = / (is not in|matches nothing in) the snapshot$/.test(error.message) ? 404 : 400;
    return { status, body: { error: error.message, hint: error.hint ?? null } };
  }
  if (error instanceof InputError)
    return { status: 400, body: { error: error.message, hint: error.details.hint ?? null } };
  // The page is told nothing of internals; the person running the server sees the defect.
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`vpcreach serve: internal error: ${detail}\n`);
  return { status: 500, body: { error: 'internal error; run the same trace with the CLI' } };
}
