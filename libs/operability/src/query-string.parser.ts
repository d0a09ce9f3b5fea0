import { type NextFunction, type Request, type Response } from 'express';
import { RequestInvalid } from './http-error';
import { reservedKeys } from './json-text.checks';

/** The most parameters a query string may have; the operations here take a handful. */
export const MAX_QUERY_PARAMETERS = 50;

/** Name → value, or values when the name repeats; no prototype, as Express's own. */
export type QueryParameters = Record<string, string | string[]>;

const decoded = (component: string): string | undefined => {
  try {
    return decodeURIComponent(component.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
};

/**
 * A query string (without `?`) as parameters, or a 400 naming each parameter at fault. Stricter
 * than Express's parser, which turns bad percent-encoding (`%ED%A0%80`, a lone surrogate's UTF-8
 * form) into U+FFFD unnoticed and takes `constructor` or `toString` as names.
 */
export const parseQueryString = (text: string): QueryParameters => {
  const parameters: QueryParameters = Object.create(null) as QueryParameters;
  // A Map: `problems['__proto__'] = ...` on an object would set its prototype, not a field.
  const problems = new Map<string, string>();
  const pairs = text.split('&').filter(Boolean);
  if (pairs.length > MAX_QUERY_PARAMETERS) {
    throw new RequestInvalid({ query: `has more than ${MAX_QUERY_PARAMETERS} parameters` });
  }
  for (const pair of pairs) {
    const separator = pair.indexOf('=');
    const rawName = separator < 0 ? pair : pair.slice(0, separator);
    const name = decoded(rawName);
    const value = decoded(separator < 0 ? '' : pair.slice(separator + 1));
    if (name === undefined) problems.set(rawName, 'is not valid percent-encoded UTF-8');
    else if (value === undefined) problems.set(name, 'is not valid percent-encoded UTF-8');
    else if (reservedKeys.has(name)) problems.set(name, 'is a reserved name');
    else {
      const before = parameters[name];
      parameters[name] =
        before === undefined ? value : [...(Array.isArray(before) ? before : [before]), value];
    }
  }
  if (problems.size > 0) throw new RequestInvalid(Object.fromEntries(problems));
  return parameters;
};

/**
 * Parses the query string once, before routing, so that a bad one is refused on every route (a
 * 400 from the error filter) and handlers read the strict parse as `request.query`.
 */
export const strictQueryString = (request: Request, _response: Response, next: NextFunction) => {
  const separator = request.url.indexOf('?');
  if (separator < 0) return next();
  try {
    const query = parseQueryString(request.url.slice(separator + 1));
    // Express 5 computes request.query in a getter on each read: an own property shadows it.
    Object.defineProperty(request, 'query', { value: query, enumerable: true, writable: true });
    next();
  } catch (refusal) {
    next(refusal);
  }
};
