import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Network } from '../network/types.js';
import { type ApiContext, handleApi } from './api.js';
import { applySecurityHeaders } from './security.js';
import { DEFAULT_ASSETS_DIR, readStaticFile } from './static-files.js';

/** How to serve one snapshot. */
export interface ServeOptions {
  readonly network: Network;
  /** Interface to bind; loopback unless the user asks otherwise, since the page has no login. */
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** The built page (`vite build` output). */
  readonly assetsDir?: string;
  readonly nlbSubnetAclOnPrivateLink?: boolean;
}

/** A running server: where it listens, and how to stop it. */
export interface RunningServer {
  readonly server: Server;
  readonly url: string;
  readonly host: string;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Builds the request handler: GET /api/… answers JSON from the loaded snapshot, any other GET
 * path is a file of the built page. Nothing else is accepted — the page only reads — and every
 * response carries the security headers.
 */
export function createRequestHandler(
  options: ServeOptions,
  acceptsHost: (host: string | undefined) => boolean = () => true,
) {
  const ctx: ApiContext = {
    network: options.network,
    nlbSubnetAclOnPrivateLink: options.nlbSubnetAclOnPrivateLink === true,
  };
  const assetsDir = options.assetsDir ?? DEFAULT_ASSETS_DIR;
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    applySecurityHeaders(response);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD');
      sendJson(response, 405, { error: `${request.method} is not allowed; the page only reads` });
      return;
    }
    if (!acceptsHost(request.headers.host)) {
      sendJson(response, 421, { error: 'this server answers only to its own address' });
      return;
    }
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
      const answer = handleApi(ctx, url.pathname, url.searchParams);
      sendJson(response, answer.status, answer.body);
      return;
    }
    await sendStatic(response, assetsDir, url.pathname);
  };
}

/** Starts serving and resolves once the socket listens. */
export function startServer(options: ServeOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  let allowed: ReadonlySet<string> = new Set();
  const handler = createRequestHandler(options, (header) =>
    isLoopback(host) ? header !== undefined && allowed.has(header.toLowerCase()) : true,
  );
  const server = createServer((request, response) => {
    handler(request, response).catch(() => {
      if (!response.headersSent) sendJson(response, 500, { error: 'internal error' });
      else response.destroy();
    });
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      allowed = loopbackHosts(formatHost(address.address), address.port);
      resolvePromise({
        server,
        host: address.address,
        port: address.port,
        url: `http://${formatHost(address.address)}:${address.port}/`,
        close: () => closeServer(server),
      });
    });
  });
}

/**
 * A page on loopback can still be read by a web site that rebinds its own name to 127.0.0.1
 * (DNS rebinding); such requests carry the site's name in Host, so only loopback names pass.
 */
function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

function loopbackHosts(bound: string, port: number): ReadonlySet<string> {
  const names = [bound, 'localhost', '127.0.0.1', '[::1]'];
  return new Set(names.map((name) => `${name}:${port}`));
}

function formatHost(address: string): string {
  return address.includes(':') ? `[${address}]` : address;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    server.close((error) => (error ? reject(error) : resolvePromise()));
    server.closeAllConnections();
  });
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  response.end(response.req.method === 'HEAD' ? undefined : text);
}

async function sendStatic(response: ServerResponse, assetsDir: string, path: string) {
  const file = await readStaticFile(assetsDir, path);
  if (file === undefined) {
    const missingPage = path === '/';
    sendJson(response, 404, {
      error: missingPage
        ? 'the page is not built; run `npm run build` in the vpcreach folder'
        : `no file ${path}`,
    });
    return;
  }
  response.writeHead(200, {
    'Content-Type': file.contentType,
    'Cache-Control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  response.end(response.req.method === 'HEAD' ? undefined : file.body);
}
