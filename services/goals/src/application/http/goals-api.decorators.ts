import { applyDecorators } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
} from '@nestjs/swagger';
import { CommandAccepted } from './command-accepted.response';

/** The responses every goals command can give, documented once. */
export const GoalsCommandResponses = (created = false) =>
  applyDecorators(
    ApiBearerAuth(),
    created
      ? ApiCreatedResponse({ type: CommandAccepted, description: 'Created; Location and ETag set' })
      : ApiOkResponse({
          type: CommandAccepted,
          description: 'Done (or nothing to change); ETag set',
        }),
    ApiBadRequestResponse({
      description:
        'Invalid input: `fields` names each field at fault (e.g. `reason` when lowering a target)',
    }),
    ApiForbiddenResponse({ description: 'The caller may not do this (e.g. approve as a member)' }),
    ApiNotFoundResponse({
      description: 'The cycle, objective, proposal, or an owner, person or guild named is unknown',
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
            description: 'The revision the change is based on, e.g. "3"',
          }),
        ]),
  );
