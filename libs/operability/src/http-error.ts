import { HttpException, HttpStatus } from '@nestjs/common';
import {
  assertNever,
  DomainError,
  type DomainErrorCode,
  StreamUnreadable,
  ValidationFailed,
} from '@rhythm/event-sourcing';
import { AccessTokenRejected, type PublicRejectionReason } from '@rhythm/identity';
import { errorMessages, type Language, tokenMessages } from './http-error.catalog';
import { RequestThrottled } from './rate-limits';
import { isServerUnavailable } from './server-unavailable';

/** The `error` field of every error response: what a client branches on. */
export type HttpErrorCode =
  | DomainErrorCode
  | 'unauthenticated'
  | 'bad_request'
  | 'method_not_allowed'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'too_many_requests'
  | 'service_unavailable'
  | 'internal_error'
  | 'http_error';

/** The body of every error response. */
export type HttpErrorBody = Readonly<{
  statusCode: number;
  error: HttpErrorCode;
  message: string;
  /** Field path → what is wrong with it (`owner.email`, `members.0.role`). */
  fields?: Readonly<Record<string, string>>;
  /** 401 only: missing_token, token_expired, invalid_token or invalid_claims. */
  reason?: PublicRejectionReason;
  correlationId: string;
}>;

export type HttpError = Readonly<{
  body: Omit<HttpErrorBody, 'correlationId'>;
  headers: Readonly<Record<string, string>>;
  /** Server faults are logged with their stack; client faults are not news. */
  serverFault: boolean;
}>;

/** A request DTO failed class-validator: a generic (translated) message plus the fields. */
export class RequestInvalid extends ValidationFailed {
  constructor(fields: Readonly<Record<string, string>>) {
    super(errorMessages.validation_failed.en, fields);
  }
}

/**
 * HTTP status per domain error code. rule_violated is 409: a rule is broken by the current state
 * of the aggregate, which a client resolves by changing that state, not the request (ADR 0008).
 */
export const statusOfDomainError = (code: DomainErrorCode): number => {
  switch (code) {
    case 'validation_failed':
      return HttpStatus.BAD_REQUEST;
    case 'not_found':
      return HttpStatus.NOT_FOUND;
    case 'already_exists':
      return HttpStatus.CONFLICT;
    case 'rule_violated':
      return HttpStatus.CONFLICT;
    case 'forbidden':
      return HttpStatus.FORBIDDEN;
    case 'version_conflict':
      return HttpStatus.CONFLICT;
    default:
      return assertNever(code);
  }
};

const codeOfStatus = (status: number): HttpErrorCode => {
  if (status >= 500) return status === 503 ? 'service_unavailable' : 'internal_error';
  const byStatus: Partial<Record<number, HttpErrorCode>> = {
    400: 'bad_request',
    401: 'unauthenticated',
    403: 'forbidden',
    404: 'not_found',
    405: 'method_not_allowed',
    413: 'payload_too_large',
    415: 'unsupported_media_type',
    429: 'too_many_requests',
  };
  return byStatus[status] ?? 'http_error';
};

/**
 * Express's body parser fails with http-errors (413 too large, 415 bad charset or encoding, 400
 * aborted) that Nest passes on unmapped: a client fault with its own status, not a 500.
 */
const clientStatusOfBodyParserError = (error: unknown): number | undefined => {
  if (!(error instanceof Error)) return undefined;
  const { status, expose } = error as Error & { status?: unknown; expose?: unknown };
  return expose === true && typeof status === 'number' && status >= 400 && status < 500
    ? status
    : undefined;
};

/** What a 503 for a store or broker that is unavailable tells the client to wait. */
export const retryAfterSeconds = 5;

const hasFields = (fields: Readonly<Record<string, string>>) => Object.keys(fields).length > 0;

/** Any thrown value as the HTTP response a client gets. Pure: the filter adds the correlation id. */
export const httpErrorOf = (error: unknown, language: Language): HttpError => {
  if (error instanceof DomainError) {
    const generic = error instanceof RequestInvalid || error.code === 'version_conflict';
    return {
      body: {
        statusCode: statusOfDomainError(error.code),
        error: error.code,
        // A version conflict's own message names streams and revisions: internals.
        message: generic ? errorMessages[error.code][language] : error.message,
        ...(error.code === 'validation_failed' || hasFields(error.fields)
          ? { fields: error.fields }
          : {}),
      },
      headers: {},
      serverFault: false,
    };
  }
  if (error instanceof AccessTokenRejected) {
    return {
      body: {
        statusCode: 401,
        error: 'unauthenticated',
        message: tokenMessages[error.reason][language],
        reason: error.reason,
      },
      // RFC 6750 §3.1: no error code when the request carried no token at all.
      headers: {
        'WWW-Authenticate':
          error.reason === 'missing_token' ? 'Bearer' : `Bearer error="invalid_token"`,
      },
      serverFault: false,
    };
  }
  if (error instanceof RequestThrottled) {
    return {
      body: {
        statusCode: 429,
        error: 'too_many_requests',
        message: errorMessages.too_many_requests[language],
      },
      headers: { 'Retry-After': String(error.retryAfterSeconds) },
      serverFault: false,
    };
  }
  const status =
    error instanceof HttpException ? error.getStatus() : clientStatusOfBodyParserError(error);
  if (status !== undefined) {
    const code = codeOfStatus(status);
    return {
      body: { statusCode: status, error: code, message: errorMessages[code][language] },
      // Every 503 says when to come back, as the document promises (ADR 0008).
      headers: status === 503 ? { 'Retry-After': String(retryAfterSeconds) } : {},
      serverFault: status >= 500,
    };
  }
  // A store under the service that cannot be reached, or an aggregate whose history holds an
  // event it cannot fold (ADR 0066): the server's fault, and nothing the client can change.
  if (isServerUnavailable(error) || error instanceof StreamUnreadable) {
    return {
      body: {
        statusCode: 503,
        error: 'service_unavailable',
        message: errorMessages.service_unavailable[language],
      },
      headers: { 'Retry-After': String(retryAfterSeconds) },
      // Logged with its stack: an outage under the service is news for whoever runs it.
      serverFault: true,
    };
  }
  return {
    body: {
      statusCode: 500,
      error: 'internal_error',
      message: errorMessages.internal_error[language],
    },
    headers: {},
    serverFault: true,
  };
};
