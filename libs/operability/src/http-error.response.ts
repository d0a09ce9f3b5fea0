import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { PublicRejectionReason } from '@rhythm/identity';
import type { HttpErrorBody, HttpErrorCode } from './http-error';

/** Every `error` code a response may carry (ADR 0008); the check below keeps it complete. */
export const httpErrorCodes = [
  'validation_failed',
  'not_found',
  'already_exists',
  'rule_violated',
  'forbidden',
  'version_conflict',
  'unauthenticated',
  'bad_request',
  'method_not_allowed',
  'payload_too_large',
  'unsupported_media_type',
  'too_many_requests',
  'service_unavailable',
  'internal_error',
  'http_error',
] as const satisfies readonly HttpErrorCode[];

const rejectionReasons = [
  'missing_token',
  'token_expired',
  'invalid_token',
  'invalid_claims',
] as const satisfies readonly PublicRejectionReason[];

// A code added to the type but not to the lists fails to compile here, not in a client.
type Complete<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : never;
const codesComplete: Complete<HttpErrorCode, (typeof httpErrorCodes)[number]> = true;
const reasonsComplete: Complete<PublicRejectionReason, (typeof rejectionReasons)[number]> = true;
void [codesComplete, reasonsComplete];

/** The body of every error answer, in OpenAPI: the one `HttpError` schema (ADR 0008). */
export class HttpErrorResponse implements HttpErrorBody {
  @ApiProperty({ type: 'integer', minimum: 400, maximum: 599, example: 404 })
  statusCode!: number;

  @ApiProperty({
    enum: httpErrorCodes,
    description: 'What a client branches on; stable across languages',
    example: 'not_found',
  })
  error!: HttpErrorCode;

  @ApiProperty({
    description: 'For people, in the language of Accept-Language (English or Dutch)',
    example: 'Not found.',
  })
  message!: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    description:
      'Each body field (`owner.email`), query parameter or header at fault, or `body` for the ' +
      'whole: on every 400, and on a 404 or 409 that a field of the request named',
    example: { 'owner.email': 'must be an email' },
  })
  fields?: Record<string, string>;

  @ApiPropertyOptional({ enum: rejectionReasons, description: '401 only: why the token failed' })
  reason?: PublicRejectionReason;

  @ApiProperty({
    description: 'Also the x-correlation-id response header, and in every log line',
    example: '0b6f3a52-8d1e-4c47-9d1a-5f2f0c9e7a10',
  })
  correlationId!: string;
}
