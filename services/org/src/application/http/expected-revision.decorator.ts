import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { CallerRevision as Revision } from '@rhythm/event-sourcing';
import { RequestInvalid } from '@rhythm/operability';
import type { Request } from 'express';

/**
 * Optimistic concurrency from `If-Match: "<revision>"` (the ETag of an earlier response): the
 * change applies only if the aggregate is still at that revision, else 409. Absent: last writer wins
 * after the domain rules are checked on the latest state.
 */
export const ExpectedRevision = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Revision => {
    const header = context.switchToHttp().getRequest<Request>().headers['if-match'];
    if (header === undefined) return undefined;
    const match = /^\s*(?:W\/)?"?(-?\d+)"?\s*$/.exec(String(header));
    if (!match) throw new RequestInvalid({ 'If-Match': 'must be a revision, e.g. "3"' });
    return Number(match[1]);
  },
);
