import type { HttpErrorCode } from '@rhythm/operability';
import type { Request, Response } from 'express';

/**
 * An error answer of the gateway's own, in the services' shape (ADR 0008), so that the console
 * reads one kind of error whoever refused.
 */
export const sendError = (
  request: Request,
  response: Response,
  statusCode: number,
  error: HttpErrorCode,
  message: string,
  extra: Readonly<Record<string, unknown>> = {},
): void => {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  response.status(statusCode).json({
    statusCode,
    error,
    message,
    ...extra,
    correlationId: (request as { correlationId?: string }).correlationId ?? '',
  });
};

/** A missing or ended session: the console shows its sign-in page. */
export const sendUnauthenticated = (request: Request, response: Response): void =>
  sendError(request, response, 401, 'unauthenticated', 'Sign in to continue.', {
    reason: 'missing_token',
  });
