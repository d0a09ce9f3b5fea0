import { type NextFunction, type Request, type Response } from 'express';
import { OPENAPI_UI_PATH } from './open-api';

/** JSON answers load nothing, and nothing may frame or embed them. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/**
 * Swagger UI at /docs: its own scripts, styles (some inline), icons as data: URLs, and calls to
 * this API ("Try it out"). No other origin.
 */
export const DOCS_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const docsPath = new RegExp(`^/${OPENAPI_UI_PATH}(/|$)`);

export type SecurityHeadersOptions = Readonly<{
  /** Strict-Transport-Security max-age; 0 sends none (the service itself speaks plain HTTP). */
  hstsMaxAgeSeconds: number;
}>;

/**
 * The headers every answer carries, errors included (set before anything else runs): no MIME
 * sniffing, no referrer, no framing, no cross-origin embedding, no caching of what may be
 * private, a content policy that lets a JSON answer load nothing. HSTS only when configured: it
 * is right only where every answer reaches the browser over TLS.
 */
export const securityHeaders = ({ hstsMaxAgeSeconds }: SecurityHeadersOptions) => {
  const fixed: [string, string][] = [
    ['X-Content-Type-Options', 'nosniff'],
    ['Referrer-Policy', 'no-referrer'],
    ['X-Frame-Options', 'DENY'],
    ['Cross-Origin-Resource-Policy', 'same-origin'],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
    ['X-Permitted-Cross-Domain-Policies', 'none'],
  ];
  if (hstsMaxAgeSeconds > 0) {
    fixed.push(['Strict-Transport-Security', `max-age=${hstsMaxAgeSeconds}; includeSubDomains`]);
  }
  return (request: Request, response: Response, next: NextFunction) => {
    for (const [name, value] of fixed) response.setHeader(name, value);
    if (docsPath.test(request.path)) {
      response.setHeader('Content-Security-Policy', DOCS_CONTENT_SECURITY_POLICY);
    } else {
      response.setHeader('Content-Security-Policy', API_CONTENT_SECURITY_POLICY);
      // Answers may hold private objectives: no shared or browser cache keeps them.
      response.setHeader('Cache-Control', 'no-store');
    }
    next();
  };
};
