import { applyDecorators, type Type } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
} from '@nestjs/swagger';

/** What every goals query documents: its summary, its 200 shape, 400 and 404. */
export const GoalsQuery = (
  summary: string,
  type: Type<unknown> | [Type<unknown>],
  description?: string,
) =>
  applyDecorators(
    ApiBearerAuth(),
    ApiOperation({ summary, ...(description === undefined ? {} : { description }) }),
    ApiOkResponse({ type }),
    ApiBadRequestResponse({ description: 'A query parameter is invalid: `fields` names each one' }),
    ApiNotFoundResponse({
      description:
        'No such cycle, objective, unit, person or proposal — or one the caller may not see',
    }),
  );
