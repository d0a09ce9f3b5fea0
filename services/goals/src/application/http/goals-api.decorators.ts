import { applyDecorators, type Type } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiParam,
} from '@nestjs/swagger';
import { CommandAccepted } from './command-accepted.response';
import { cycleIdPattern, orgIdPattern } from './goals-ids';

// The error answers' body (the one error schema) and the edge's own answers (400, 401, 403,
// 413, 415, 429, 503) are added to every operation by @rhythm/operability's OpenAPI setup.

const etag = {
  ETag: {
    description: 'The stream\'s revision after the command, e.g. "3": send it back as If-Match',
    required: true,
    schema: { type: 'string', pattern: '^"\\d+"$' },
  },
};
const location = {
  Location: {
    description: 'Where the new cycle, objective, key result, proposal or ambition lives',
    schema: { type: 'string' },
  },
};

/**
 * The answers every goals command can give, documented once. `answer`: the body, when the
 * command also names what it made inside the stream (a key result, a note, a comment).
 */
export const GoalsCommandResponses = (
  created = false,
  answer: Type<CommandAccepted> = CommandAccepted,
) =>
  applyDecorators(
    ApiBearerAuth(),
    created
      ? ApiCreatedResponse({
          type: answer,
          description: 'Created',
          headers: { ...etag, ...location },
        })
      : ApiOkResponse({ type: answer, description: 'Done (or nothing to change)', headers: etag }),
    ApiBadRequestResponse({
      description:
        'Invalid input: `fields` names each field at fault (e.g. `reason` when lowering a target)',
    }),
    ApiForbiddenResponse({
      description:
        'The caller may not do this (docs/security.md, the table of powers), or is no person ' +
        'of the organisation',
    }),
    ApiNotFoundResponse({
      description:
        'The cycle, objective, proposal, or an owner, person or guild named is unknown — or one ' +
        'the caller may not see',
    }),
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

const pathParamSchemas = {
  uuid: { format: 'uuid' },
  cycleId: { pattern: cycleIdPattern.source },
  orgId: { pattern: orgIdPattern.source },
} as const;

/**
 * On a controller: what its path parameters must look like (uuidParam, cycleIdParam and
 * orgIdParam answer 400 otherwise). Operations whose path lacks one do not list it (the OpenAPI
 * setup drops it).
 */
export const PathParams = (params: Readonly<Record<string, keyof typeof pathParamSchemas>>) =>
  applyDecorators(
    ...Object.entries(params).map(([name, kind]) =>
      ApiParam({ name, type: String, ...pathParamSchemas[kind] }),
    ),
  );
