import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSnapshot } from '../../src/ingest/load.js';
import { buildNetwork } from '../../src/network/build.js';
import { CONTENT_SECURITY_POLICY } from '../../src/web/security.js';
import { type RunningServer, startServer } from '../../src/web/server.js';
import { runCli } from '../cli/capture-cli.js';

const SNAPSHOT = join(import.meta.dirname, '../../examples/broken/client-nacl-no-return');
const QUESTION = { from: 'i-0732e91f550b85803', to: 'vpce-07a5c64d82c04e64b', port: '443' };

let server: RunningServer;
let assets: string;

/** One raw HTTP exchange, so methods and paths fetch() would refuse or normalise can be sent. */
function send(method: string, path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
    (resolve, reject) => {
      const req = request(
        { host: server.host, port: server.port, method, path, headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
        },
      );
      req.on('error', reject);
      req.end();
    },
  );
}

beforeAll(async () => {
  assets = mkdtempSync(join(tmpdir(), 'vpcreach-assets-'));
  mkdirSync(join(assets, 'assets'));
  writeFileSync(join(assets, 'index.html'), '<!doctype html><title>page</title>');
  writeFileSync(join(assets, 'assets', 'app.js'), 'export {};');
  writeFileSync(join(tmpdir(), 'vpcreach-outside.txt'), 'CONTENT-OUTSIDE-THE-BUNDLE');
  server = await startServer({ network: buildNetwork(loadSnapshot(SNAPSHOT)), assetsDir: assets });
});

afterAll(async () => {
  await server.close();
  rmSync(assets, { recursive: true, force: true });
});

describe('vpcreach serve: the server', () => {
  it('binds to 127.0.0.1 and a free port when no host or port is given', () => {
    expect(server.host).toBe('127.0.0.1');
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
  });

  it.each(['/', '/assets/app.js', '/api/summary', '/api/nope', '/missing.js'])(
    'sends the security headers on %s',
    async (path) => {
      const { headers } = await send('GET', path);
      expect(headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['referrer-policy']).toBe('no-referrer');
      expect(headers['x-frame-options']).toBe('DENY');
    },
  );

  it('allows scripts, styles and requests from its own origin only', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe|\*|https?:/);
  });

  it('serves the page at / and its assets', async () => {
    const page = await send('GET', '/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('<title>page</title>');
    const script = await send('GET', '/assets/app.js');
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('answers only to its own loopback names, so a rebound DNS name cannot read it', async () => {
    const rebound = await send('GET', '/api/summary', { Host: `evil.example:${server.port}` });
    expect(rebound.status).toBe(421);
    expect(rebound.body).not.toContain('catalog');
    for (const name of ['localhost', '127.0.0.1', 'LOCALHOST']) {
      const own = await send('GET', '/api/summary', { Host: `${name}:${server.port}` });
      expect(own.status).toBe(200);
    }
  });

  it.each(['POST', 'PUT', 'DELETE', 'PATCH'])('refuses %s with 405 and Allow: GET', async (m) => {
    const response = await send(m, '/api/summary');
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('GET, HEAD');
  });

  it.each([
    '/api/unknown',
    '/nothing-here.js',
    '/../vpcreach-outside.txt',
    '/%2e%2e/vpcreach-outside.txt',
    '/assets/..%2f..%2fvpcreach-outside.txt',
  ])('answers 404 for %s and never leaves the bundle folder', async (path) => {
    const response = await send('GET', path);
    expect(response.status).toBe(404);
    expect(response.body).not.toContain('CONTENT-OUTSIDE-THE-BUNDLE');
  });
});

describe('vpcreach serve: the API', () => {
  it('returns the same trace JSON as `vpcreach trace --json`', async () => {
    const query = new URLSearchParams(QUESTION).toString();
    const api = await send('GET', `/api/trace?${query}`);
    expect(api.status).toBe(200);
    const cli = await runCli([
      'trace',
      '-s',
      SNAPSHOT,
      '--from',
      QUESTION.from,
      '--to',
      QUESTION.to,
      '-p',
      QUESTION.port,
      '--json',
    ]);
    expect(cli.exitCode).toBe(1);
    expect(JSON.parse(api.body)).toEqual(JSON.parse(cli.stdout));
    expect(JSON.parse(api.body).verdict).toBe('unreachable');
  });

  it('lists instances by Name tag and address, and destinations as non-sources', async () => {
    const summary = JSON.parse((await send('GET', '/api/summary')).body);
    expect(summary.counts.vpcEndpoints).toBe(1);
    const client = summary.catalog.find((e: { id: string }) => e.id === QUESTION.from);
    expect(client).toMatchObject({ kind: 'instance', name: 'client', addresses: ['10.0.1.25'] });
    expect(client.source).toBe(true);
    const endpoint = summary.catalog.find((e: { id: string }) => e.id === QUESTION.to);
    expect(endpoint).toMatchObject({ kind: 'vpc-endpoint', source: false });
    const kinds = new Set(summary.catalog.map((e: { kind: string }) => e.kind));
    expect(kinds).toEqual(
      new Set([
        'instance',
        'network-interface',
        'vpc-endpoint',
        'endpoint-service',
        'load-balancer',
      ]),
    );
  });

  it('inspects a network ACL by ID, and answers 404 for an ID not in the snapshot', async () => {
    const acl = await send('GET', '/api/inspect/acl-07adee8b9317c2ef8');
    expect(acl.status).toBe(200);
    expect(JSON.parse(acl.body)).toMatchObject({
      kind: 'network-acl',
      id: 'acl-07adee8b9317c2ef8',
    });
    const missing = await send('GET', '/api/inspect/acl-0000000000000000');
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body).error).toContain('is not in the snapshot');
  });

  it('inspects a load balancer by its ARN, slashes encoded', async () => {
    const summary = JSON.parse((await send('GET', '/api/summary')).body);
    const arn = summary.catalog.find((e: { kind: string }) => e.kind === 'load-balancer').id;
    const response = await send('GET', `/api/inspect/${encodeURIComponent(arn)}`);
    expect(JSON.parse(response.body)).toMatchObject({ kind: 'load-balancer', id: arn });
  });

  it.each([
    ['/api/trace?to=vpce-07a5c64d82c04e64b&port=443', 400, 'from parameter is required'],
    [`/api/trace?from=${QUESTION.from}&to=${QUESTION.to}&port=99999`, 400, 'not a port number'],
    [`/api/trace?from=${QUESTION.from}&to=${QUESTION.to}`, 400, '--port is required'],
    [`/api/trace?from=i-00000000&to=${QUESTION.to}&port=443`, 404, 'matches nothing'],
  ])('answers %s with %i and the reason', async (path, status, message) => {
    const response = await send('GET', path);
    expect(response.status).toBe(status);
    expect(JSON.parse(response.body).error).toContain(message);
  });

  it('proposes the fix `vpcreach fix` proposes, in every format', async () => {
    const query = new URLSearchParams(QUESTION).toString();
    const response = await send('GET', `/api/fix?${query}`);
    expect(response.status).toBe(200);
    const body = JSON.parse(response.body);
    expect(body).toMatchObject({ before: 'unreachable', after: 'reachable' });
    expect(body.changes[0]).toMatchObject({ kind: 'network-acl-entry', path: 'return' });
    expect(body.changes[0].description).toContain('acl-07adee8b9317c2ef8');
    expect(Object.keys(body.formats)).toEqual(['AWS CLI', 'Terraform', 'CloudFormation']);
    expect(body.formats['AWS CLI']).toContain('aws ec2 create-network-acl-entry');
    const cli = await runCli([
      'fix',
      '-s',
      SNAPSHOT,
      '--from',
      QUESTION.from,
      '--to',
      QUESTION.to,
      '-p',
      QUESTION.port,
      '--format',
      'aws-cli',
    ]);
    expect(body.formats['AWS CLI'].trim()).toBe(cli.stdout.trim());
  });

  it('returns the same reach JSON as `vpcreach reach --to … --json`', async () => {
    const api = await send('GET', `/api/reach?to=${QUESTION.to}&port=443&protocol=tcp`);
    expect(api.status).toBe(200);
    const cli = await runCli(['reach', '-s', SNAPSHOT, '--to', QUESTION.to, '-p', '443', '--json']);
    expect(JSON.parse(api.body)).toEqual(JSON.parse(cli.stdout));
    expect(JSON.parse(api.body).admitted[0].cidrs).toEqual(['10.0.1.0/24']);
  });

  it('answers /api/reach without a destination with 400', async () => {
    const response = await send('GET', '/api/reach');
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body).error).toContain('to parameter is required');
  });
});

describe('vpcreach serve: binding', () => {
  it('binds to the host it is given', async () => {
    const other = await startServer({
      network: buildNetwork(loadSnapshot(SNAPSHOT)),
      host: '127.0.0.2',
      port: 0,
      assetsDir: assets,
    });
    expect(other.host).toBe('127.0.0.2');
    await other.close();
  });
});

describe('vpcreach serve: the command', () => {
  it('is listed with its options', async () => {
    const run = await runCli(['serve', '--help']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('--snapshot <path>');
    expect(run.stdout).toContain('--port <port>');
    expect(run.stdout).toContain('--host <host>');
  });

  it('reports a port already in use as a usage error with a hint', async () => {
    const run = await runCli(['serve', '-s', SNAPSHOT, '--port', String(server.port)]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(`port ${server.port} on 127.0.0.1 is in use`);
    expect(run.stderr).toContain('--port 0');
  });
});
