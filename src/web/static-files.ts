import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where `vite build` writes the page. The same relative path works from src/web (tests run the
 * sources) and from dist/web (the installed CLI), because both sit two levels under the root.
 */
export const DEFAULT_ASSETS_DIR = resolve(
  fileURLToPath(new URL('.', import.meta.url)),
  '../../dist/web/app',
);

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** A file to send, or nothing when the path is outside the bundle or not a file. */
export interface StaticFile {
  readonly body: Buffer;
  readonly contentType: string;
  /** Hashed asset names never change content, so browsers may keep them. */
  readonly immutable: boolean;
}

/**
 * Reads one file of the bundle. `/` is the page itself; any path that normalises outside the
 * bundle folder (`..`, encoded or not) is refused rather than resolved.
 */
export async function readStaticFile(
  assetsDir: string,
  urlPath: string,
): Promise<StaticFile | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const relative = decoded === '/' ? 'index.html' : normalize(decoded).replace(/^[/\\]+/, '');
  const root = resolve(assetsDir);
  const file = resolve(join(root, relative));
  if (file !== root && !file.startsWith(root + sep)) return undefined;
  const info = await stat(file).catch(() => undefined);
  if (info === undefined || !info.isFile()) return undefined;
  return {
    body: await readFile(file),
    contentType: CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    immutable: relative.startsWith(`assets${sep}`) || relative.startsWith('assets/'),
  };
}
