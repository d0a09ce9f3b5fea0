import { applyDecorators, type Type } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
} from '@nestjs/swagger';
import { CommandAccepted } from './command-accepted.response';

// The error answers' body (the one error schema) and the edge's own answers (400, 401, 403,
// 413, 415, 429, 503) are added to every operation by @rhythm/operability's OpenAPI setup.

const etag = {
  ETag: {
    description: 'The revision after the command, e.g. "3": send it back as If-Match',
    required: true,
    schema: { type: 'string', pattern: '^"\\d+"$' },
  },
};
const location = {
  Location: {
    description: 'Where the new organisation, person or unit can be read, when it has a page',
    schema: { type: 'string' },
  },
};

/** The answers every org command can give, documented once. */
export const OrgCommandResponses = (created = false) =>
  applyDecorators(
    ApiBearerAuth(),
    created
      ? ApiCreatedResponse({
          type: CommandAccepted,
          description: 'Created',
          headers: { ...etag, ...location },
        })
      : ApiOkResponse({
          type: CommandAccepted,
          description: 'Done (or nothing to change)',
          headers: etag,
        }),
    ApiForbiddenResponse({
      description:
        'The caller may not do this (docs/security.md, the table of powers), or is no person ' +
        'of the organisation',
    }),
    ApiNotFoundResponse({ description: 'A person or unit named does not exist' }),
    ApiConflictResponse({
      description:
        'A rule forbids it in the current state, it already exists, or If-Match is out of date',
    }),
    ...(created
      ? []
      : [
          ApiHeader({
            name: 'If-Match',
            required: false,
            description: 'The revision the change is based on, e.g. "3" (the ETag of an answer)',
            schema: { type: 'string', pattern: '^(W/)?"\\d+"$', example: '"3"' },
          }),
        ]),
  );

/** What every org query documents: its summary, its 200 shape, and 404 when it names a thing. */
export const OrgQuery = (
  summary: string,
  type: Type<unknown> | [Type<unknown>],
  { description, notFound = true }: Readonly<{ description?: string; notFound?: boolean }> = {},
) =>
  applyDecorators(
    ApiBearerAuth(),
    ApiOperation({ summary, ...(description === undefined ? {} : { description }) }),
    ApiOkResponse({ type }),
    ...(notFound ? [ApiNotFoundResponse({ description: 'No such person or unit' })] : []),
  );

/**
 * On a controller: these path parameters are UUIDs (ParseUUIDPipe answers 400 otherwise). Its
 * operations whose path lacks one do not list it (the OpenAPI setup drops it).
 */
export const UuidPathParams = (...names: readonly string[]) =>
  applyDecorators(...names.map((name) => ApiParam({ name, type: String, format: 'uuid' })));
