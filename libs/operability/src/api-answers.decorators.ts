import { applyDecorators, type Type } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProperty,
} from '@nestjs/swagger';

/** What every command answers (ADR 0008): what it was about and its stream's revision. */
export class CommandAccepted {
  @ApiProperty({ description: 'Id of what the command was about' })
  id!: string;

  @ApiProperty({ description: "Its stream's revision after the command (the ETag)", example: 3 })
  revision!: number;
}

const etag = {
  ETag: {
    description: 'The stream\'s revision after the command, e.g. "3"',
    required: true,
    schema: { type: 'string', pattern: '^"\\d+"$' },
  },
};

/**
 * The answers a command can give, documented once: 201 or 200 with the revision as ETag, 400
 * naming the fields, 403, 404 (`unknown`: what is unknown — or hidden, the same answer), 409, and
 * If-Match for a change to something that exists.
 */
export const CommandAnswers = (
  options: Readonly<{ created?: boolean; unknown: string; answer?: Type<CommandAccepted> }>,
) => {
  const answer = options.answer ?? CommandAccepted;
  return applyDecorators(
    ApiBearerAuth(),
    options.created
      ? ApiCreatedResponse({ type: answer, description: 'Created', headers: etag })
      : ApiOkResponse({ type: answer, description: 'Done (or nothing to change)', headers: etag }),
    ApiBadRequestResponse({ description: 'Invalid input: `fields` names each field at fault' }),
    ApiForbiddenResponse({ description: 'The caller may not do this (docs/security.md)' }),
    ApiNotFoundResponse({ description: `${options.unknown} — or one the caller may not see` }),
    ApiConflictResponse({
      description:
        'A rule forbids it in the current state, it already exists, or If-Match is out of date',
    }),
    ...(options.created
      ? []
      : [
          ApiHeader({
            name: 'If-Match',
            required: false,
            description: 'The revision the change is based on, e.g. "3"',
            schema: { type: 'string', pattern: '^(W/)?"\\d+"$' },
          }),
        ]),
  );
};

/** The answers a query can give: 200 with its document, 404 for unknown and hidden alike. */
export const QueryAnswers = (type: Type<unknown> | [Type<unknown>], unknown: string) =>
  applyDecorators(
    ApiBearerAuth(),
    ApiOkResponse({ type: Array.isArray(type) ? [type[0]] : type }),
    ApiNotFoundResponse({
      description: `${unknown} — or one the caller may not see (the same answer)`,
    }),
  );
