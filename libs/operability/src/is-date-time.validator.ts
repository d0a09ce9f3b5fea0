import { applyDecorators } from '@nestjs/common';
import { IsISO8601, Matches } from 'class-validator';

// RFC 3339 `date-time`, what the OpenAPI format promises: ISO 8601 alone also admits week dates
// (2026-W01) and the basic format (20260101T000000Z), which `new Date()` cannot read.
const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/i;

/** A moment as RFC 3339 date-time with a real calendar date, e.g. 2026-03-01T09:00:00Z. */
export const IsDateTime = () =>
  applyDecorators(
    IsISO8601({ strict: true }),
    Matches(rfc3339, {
      message: '$property must be an RFC 3339 date-time, e.g. 2026-03-01T09:00:00Z',
    }),
  );
