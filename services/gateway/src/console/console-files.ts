import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { NextFunction, Request, Response } from 'express';
import { encodingFor, type Encoding, isCompressible } from '../routing/response-compression';

/**
 * The console's content policy: scripts, styles, fonts, images and connections from this
 * origin only. Vite's build needs no inline script; inline styles are allowed because the
 * component library writes some at run time (focus and scroll locks), which scripts cannot abuse.
 */
export const CONSOLE_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

type ServedFile = Readonly<{
  contentType: string;
  modified: number;
  plain: Buffer;
  /** Compressed once, at the best level, when first asked for. */
  encoded: Partial<Record<Encoding, Buffer>>;
}>;

/** Paths the console's client-side routes never take: the gateway's own. */
const ownPaths = /^\/(api|auth|health|metrics)(\/|$)/;

/**
 * Serves the built console from `dist`: `/assets/*` (content-hashed names) cached for a year,
 * every other GET that is not the gateway's own path gets index.html, never cached, so a new
 * deployment is picked up on the next load and client-side routes survive a reload. Compressed
 * with Brotli or gzip as the browser accepts.
 */
export class ConsoleFiles {
  private readonly files = new Map<string, ServedFile>();

  constructor(private readonly dist: string) {}

  get built(): boolean {
    return existsSync(join(this.dist, 'index.html'));
  }

  readonly handle = (request: Request, response: Response, next: NextFunction): void => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || ownPaths.test(request.path)) {
      next();
      return;
    }
    if (request.path.startsWith('/assets/')) {
      const file = this.file(request.path);
      if (!file) {
        response.status(404).type('text/plain').send('Not found');
        return;
      }
      this.send(request, response, file, 'public, max-age=31536000, immutable');
      return;
    }
    const index = this.file('/index.html');
    if (!index) {
      response
        .status(503)
        .type('text/plain')
        .send('The console is not built yet: run `npm run console:build` (npm start does it).');
      return;
    }
    this.send(request, response, index, 'no-cache');
  };

  private file(path: string): ServedFile | undefined {
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      return undefined;
    }
    const full = normalize(join(this.dist, decoded));
    // Nothing outside dist, whatever the path says (`/assets/../../secret`).
    if (!full.startsWith(this.dist.endsWith(sep) ? this.dist : this.dist + sep)) return undefined;
    let modified: number;
    try {
      const stat = statSync(full);
      if (!stat.isFile()) return undefined;
      modified = stat.mtimeMs;
    } catch {
      return undefined;
    }
    const cached = this.files.get(full);
    if (cached?.modified === modified) return cached;
    const file: ServedFile = {
      contentType: contentTypes[extname(full)] ?? 'application/octet-stream',
      modified,
      plain: readFileSync(full),
      encoded: {},
    };
    this.files.set(full, file);
    return file;
  }

  private send(request: Request, response: Response, file: ServedFile, cacheControl: string) {
    response.setHeader('Content-Security-Policy', CONSOLE_CONTENT_SECURITY_POLICY);
    response.setHeader('Cache-Control', cacheControl);
    response.setHeader('Content-Type', file.contentType);
    response.vary('Accept-Encoding');
    const encoding = isCompressible(file.contentType)
      ? encodingFor(request.headers['accept-encoding'])
      : undefined;
    let body = file.plain;
    if (encoding) {
      body = file.encoded[encoding] ??= compress(file.plain, encoding);
      response.setHeader('Content-Encoding', encoding);
    }
    response.setHeader('Content-Length', body.length);
    response.status(200);
    response.end(request.method === 'HEAD' ? undefined : body);
  }
}

const compress = (plain: Buffer, encoding: Encoding): Buffer =>
  encoding === 'br'
    ? brotliCompressSync(plain, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_SIZE_HINT]: plain.length,
        },
      })
    : gzipSync(plain, { level: 9 });
