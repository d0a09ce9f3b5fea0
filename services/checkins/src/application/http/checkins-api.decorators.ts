import { applyDecorators, ParseUUIDPipe } from '@nestjs/common';
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

/** Check-ins, blockers, objectives and key results are named by UUIDs. */
export const uuidParam = new ParseUUIDPipe();

export class CheckinsCommandAccepted {
  @ApiProperty({ description: 'Id of the key result, blocker or unit the command was about' })
  id!: string;

  @ApiProperty({ description: "Its stream's revision after the command (the ETag)", example: 3 })
  revision!: number;
}

export class CheckInRecorded extends CheckinsCommandAccepted {
  @ApiProperty({ format: 'uuid' }) checkInId!: string;
}

const etag = {
  ETag: {
    description: 'The stream\'s revision after the command, e.g. "3"',
    required: true,
    schema: { type: 'string', pattern: '^"\\d+"$' },
  },
};

/** The answers every checkins command can give, documented once. */
export const CheckinsCommandResponses = (
  created = false,
  answer: new () => CheckinsCommandAccepted = CheckinsCommandAccepted,
) =>
  applyDecorators(
    ApiBearerAuth(),
    created
      ? ApiCreatedResponse({ type: answer, description: 'Created', headers: etag })
      : ApiOkResponse({ type: answer, description: 'Done (or nothing to change)', headers: etag }),
    ApiBadRequestResponse({ description: 'Invalid input: `fields` names each field at fault' }),
    ApiForbiddenResponse({ description: 'The caller may not do this (docs/security.md)' }),
    ApiNotFoundResponse({
      description:
        'The objective, key result, check-in, blocker or unit is unknown — or one the caller may not see',
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
            schema: { type: 'string', pattern: '^(W/)?"\\d+"$' },
          }),
        ]),
  );
