import {
  httpErrorOf,
  MAX_BODY_BYTES,
  parseJsonBody,
  preferredLanguage,
  RequestInvalid,
} from '@rhythm/operability';
import express, { type NextFunction, type Request, type Response, Router } from 'express';
import type { z } from 'zod';
import { requireConsoleHeader } from '../routing/service-routes';
import { sendError, sendUnauthenticated } from '../routing/gateway-answers';
import { viewOf } from './console-session';
import {
  candidatesQuerySchema,
  type DevelopmentSignInDesk,
  developmentSignInSchema,
  OrganisationUnreachable,
} from './development-sign-in';
import { type OpenIdSignIn, SignInFailed } from './openid-sign-in';
import { SessionRefused, type Sessions } from './sessions';

export type SessionRoutesOptions = Readonly<{
  sessions: Sessions;
  /** Present only where RHYTHM_DEV_SIGN_IN=true. */
  development?: DevelopmentSignInDesk;
  /** Present when OIDC_* are set. */
  openId?: OpenIdSignIn;
}>;

/** A JSON body as the services read theirs (the same parser), checked against `schema`. */
const bodyOf = <Schema extends z.ZodType>(request: Request, schema: Schema): z.infer<Schema> => {
  const raw: unknown = request.body;
  const parsed = parseJsonBody(
    Buffer.isBuffer(raw) ? raw : Buffer.alloc(0),
    request.headers['content-type'],
  );
  return fieldsChecked(schema, parsed);
};

const fieldsChecked = <Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
): z.infer<Schema> => {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new RequestInvalid(
    Object.fromEntries(
      result.error.issues.map((issue) => [
        issue.path.join('.') || 'body',
        issue.code === 'unrecognized_keys'
          ? `unknown field(s): ${issue.keys.join(', ')}`
          : issue.message,
      ]),
    ),
  );
};

const jsonBodies = express.raw({
  type: ['application/json', 'application/*+json'],
  limit: MAX_BODY_BYTES,
});

/** Async route handlers whose failures reach the error handler below. */
const handled =
  (route: (request: Request, response: Response) => Promise<void> | void) =>
  (request: Request, response: Response, next: NextFunction) => {
    Promise.resolve()
      .then(() => route(request, response))
      .catch(next);
  };

/**
 * The session API the console calls (services/console/src/api/session.ts) and the OpenID Connect
 * redirects: who is signed in, which sign-ins exist, the development sign-in, sign-out.
 */
export const sessionRoutes = ({ sessions, development, openId }: SessionRoutesOptions): Router => {
  const router = Router();

  router.get('/api/session', (request, response) => {
    const session = sessions.of(request);
    if (!session) sendUnauthenticated(request, response);
    else response.json(viewOf(session));
  });

  router.get('/api/session/providers', (_request, response) => {
    response.json({ development: development !== undefined, oidc: openId !== undefined });
  });

  router.post('/api/session/sign-out', requireConsoleHeader, (request, response) => {
    sessions.end(request, response);
    response.status(204).end();
  });

  if (development) {
    router.get(
      '/api/session/development/people',
      handled(async (request, response) => {
        const { organisationId } = fieldsChecked(candidatesQuerySchema, request.query);
        response.json(await development.candidates(organisationId));
      }),
    );
    router.post(
      '/api/session/development',
      requireConsoleHeader,
      jsonBodies,
      handled(async (request, response) => {
        const signIn = bodyOf(request, developmentSignInSchema);
        const token = await development.tokenFor(signIn);
        if (!token) {
          sendError(request, response, 404, 'not_found', 'No such person in this organisation.', {
            fields: { personId: 'is not a person of the organisation' },
          });
          return;
        }
        response.json(viewOf(await sessions.start(request, response, token, 'development')));
      }),
    );
  }

  if (openId) {
    router.get(
      '/auth/login',
      handled(async (request, response) => {
        response.redirect(
          302,
          await openId.begin(
            request,
            response,
            typeof request.query.next === 'string' ? request.query.next : '/',
          ),
        );
      }),
    );
    router.get(
      '/auth/callback',
      handled(async (request, response) => {
        const { token, next } = await openId.finish(request, response);
        await sessions.start(request, response, token, 'oidc');
        response.redirect(302, next);
      }),
    );
  }

  router.use((error: unknown, request: Request, response: Response, next: NextFunction) => {
    if (response.headersSent) {
      next(error);
      return;
    }
    if (error instanceof SignInFailed || error instanceof SessionRefused) {
      // A browser lands here from the provider: a page it can read, not JSON.
      response.status(request.path.startsWith('/auth/') ? 400 : 401).type('text/plain');
      response.send(`Sign-in failed: ${error.message}\n\nBack to the console: /`);
      return;
    }
    if (error instanceof OrganisationUnreachable) {
      sendError(request, response, 503, 'service_unavailable', error.message);
      return;
    }
    const { status, type } = error as { status?: unknown; type?: unknown };
    if (status === 413 || type === 'entity.too.large') {
      sendError(request, response, 413, 'payload_too_large', 'The request body is too large.');
      return;
    }
    const { body, headers, serverFault } = httpErrorOf(
      error,
      preferredLanguage(request.headers['accept-language']),
    );
    if (serverFault) {
      next(error);
      return;
    }
    response.set(headers);
    sendError(request, response, body.statusCode, body.error, body.message, {
      ...(body.fields ? { fields: body.fields } : {}),
      ...(body.reason ? { reason: body.reason } : {}),
    });
  });
  return router;
};
