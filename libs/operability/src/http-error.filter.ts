import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import { AccessTokenRejected } from '@rhythm/identity';
import { type Request, type Response } from 'express';
import { type Logger } from 'pino';
import { type HttpErrorBody, httpErrorOf } from './http-error';
import { preferredLanguage } from './http-error.catalog';
import { correlationIdFrom, currentCorrelationId } from './request-context';

/** The one place where exceptions become HTTP responses (global). */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    // Microservice (Kafka) handlers have their own error path.
    if (host.getType() !== 'http') throw exception;
    const request = host.switchToHttp().getRequest<Request & { correlationId?: string }>();
    const response = host.switchToHttp().getResponse<Response>();
    const language = preferredLanguage(request.headers['accept-language']);
    const correlationId =
      request.correlationId ?? currentCorrelationId() ?? correlationIdFrom(undefined);
    const { body, headers, serverFault } = httpErrorOf(exception, language);

    if (serverFault) {
      this.logger.error(
        { err: exception, correlationId, method: request.method, path: request.path },
        'request failed',
      );
    } else {
      this.logger.debug(
        {
          correlationId,
          error: body.error,
          detail: exception instanceof Error ? exception.message : undefined,
          // The precise token problem (wrong audience, unknown key, ...) is for operators only.
          ...(exception instanceof AccessTokenRejected ? { rejection: exception.rejection } : {}),
        },
        'request refused',
      );
    }
    if (response.headersSent) return;
    const payload: HttpErrorBody = { ...body, correlationId };
    response.status(body.statusCode).set(headers).set('Content-Language', language).json(payload);
  }
}
