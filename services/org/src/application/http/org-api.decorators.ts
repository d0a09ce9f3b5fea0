import { applyDecorators } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiCreatedResponse,
} from '@nestjs/swagger';
import { CommandAccepted } from './command-accepted.response';

/** The responses every org command can give, documented once. */
export const OrgCommandResponses = (created = false) =>
  applyDecorators(
    ApiBearerAuth(),
    created
      ? ApiCreatedResponse({ type: CommandAccepted, description: 'Created; Location and ETag set' })
      : ApiOkResponse({
          type: CommandAccepted,
          description: 'Done (or nothing to change); ETag set',
        }),
    ApiBadRequestResponse({ description: 'Invalid input: `fields` names each field at fault' }),
    ApiForbiddenResponse({ description: 'The caller may not do this' }),
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
            description: 'The revision the change is based on, e.g. "3"',
          }),
        ]),
  );
