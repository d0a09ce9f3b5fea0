import type { Transform } from 'node:stream';
import { constants, createBrotliCompress, createGzip } from 'node:zlib';
import type { IncomingHttpHeaders } from 'node:http';

export type Encoding = 'br' | 'gzip';

const compressible = /^(text\/|application\/(json|javascript|.*\+json)|image\/svg\+xml)/;

/** Brotli where the browser takes it (smaller), else gzip, else none. */
export const encodingFor = (acceptEncoding: string | undefined): Encoding | undefined => {
  const accepted = (acceptEncoding ?? '')
    .split(',')
    .map((part) => part.trim().split(';'))
    .filter(([, quality]) => quality?.trim() !== 'q=0')
    .map(([name]) => name.trim().toLowerCase());
  if (accepted.includes('br')) return 'br';
  if (accepted.includes('gzip') || accepted.includes('*')) return 'gzip';
  return undefined;
};

export const isCompressible = (contentType: string | undefined): boolean =>
  contentType !== undefined && compressible.test(contentType);

/**
 * A compressing stream for an answer written as it comes (a service's JSON): a fast Brotli
 * level, since it runs per request; static files are compressed once at their best level.
 */
export const streamingCompressor = (encoding: Encoding): Transform =>
  encoding === 'br'
    ? createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 4 } })
    : createGzip({ level: 6 });

/** Whether a service's answer should be compressed on its way to the browser. */
export const shouldCompress = (headers: IncomingHttpHeaders, status: number): boolean =>
  status !== 204 &&
  status !== 304 &&
  headers['content-encoding'] === undefined &&
  isCompressible(headers['content-type']) &&
  !String(headers['content-type']).startsWith('text/event-stream');
