import { UnsupportedMediaTypeException } from '@nestjs/common';
import { type NestExpressApplication } from '@nestjs/platform-express';
import { type NextFunction, type Request, type Response } from 'express';
import { RequestInvalid } from './http-error';
import { MAX_JSON_DEPTH, problemInJsonText } from './json-text.checks';

/** The largest request body read, after decompression (Express's own default): more is a 413. */
export const MAX_BODY_BYTES = 100 * 1024;

const jsonMediaTypes = ['application/json', 'application/*+json'];
const charsetParameter = /;\s*charset\s*=\s*"?([^";\s]*)"?/i;
const utf8 = new TextDecoder('utf-8', { fatal: true });

const refused = (path: string, problem: string) =>
  new RequestInvalid({ [path || 'body']: problem });

/**
 * A request body as the JSON object it must be, or a 400 naming what is wrong (`fields`, the path
 * of the value at fault, `body` for the whole): not UTF-8, a problem of `problemInJsonText`, not
 * JSON, not an object. A charset other than UTF-8 is a 415 (RFC 8259 §8.1). Empty means `{}`.
 */
export const parseJsonBody = (
  body: Buffer,
  contentType: string | undefined,
  maxDepth: number = MAX_JSON_DEPTH,
): Record<string, unknown> => {
  const charset = charsetParameter.exec(contentType ?? '')?.[1]?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw new UnsupportedMediaTypeException();
  }
  if (body.length === 0) return {};
  let text: string;
  try {
    // Fatal: a raw surrogate (ED A0 80) or a broken sequence must not become U+FFFD unnoticed.
    text = utf8.decode(body);
  } catch {
    throw refused('', 'is not valid UTF-8');
  }
  const problem = problemInJsonText(text, maxDepth);
  if (problem) throw refused(problem.path, problem.problem);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw refused('', 'is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw refused('', 'must be a JSON object');
  }
  return value as Record<string, unknown>;
};

const hasBody = (request: Request) =>
  request.headers['transfer-encoding'] !== undefined ||
  Number(request.headers['content-length'] ?? 0) > 0;

/** After Express's raw reader: the bytes of a JSON body become the object, or the refusal. */
const jsonBodyOfBytes = (request: Request, _response: Response, next: NextFunction) => {
  const body: unknown = request.body;
  if (!Buffer.isBuffer(body)) {
    return next(hasBody(request) ? new UnsupportedMediaTypeException() : undefined);
  }
  try {
    request.body = parseJsonBody(body, request.headers['content-type']);
    next();
  } catch (refusal) {
    next(refusal);
  }
};

/**
 * The services' one body parser, in place of Nest's JSON and urlencoded ones (create the app
 * with `bodyParser: false`): Express reads the bytes (size limit, gzip and deflate, aborted
 * requests), parseJsonBody decides the rest. A body of any other media type is a 415: every
 * operation takes JSON.
 */
export const useJsonBodies = (app: NestExpressApplication) => {
  app.useBodyParser('raw', { type: jsonMediaTypes, limit: MAX_BODY_BYTES });
  app.use(jsonBodyOfBytes);
};
