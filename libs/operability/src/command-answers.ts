import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { CallerRevision, CommandOutcome } from '@rhythm/event-sourcing';
import type { Request, Response } from 'express';
import { RequestInvalid } from './http-error';

/**
 * Optimistic concurrency from `If-Match: "<revision>"` (the ETag of an earlier response): the
 * change applies only if the aggregate is still at that revision, else 409. Absent: the change is
 * decided on the latest state, and the domain rules are checked there.
 */
export const ExpectedRevision = createParamDecorator(
  (_data: unknown, context: ExecutionContext): CallerRevision => {
    const header = context.switchToHttp().getRequest<Request>().headers['if-match'];
    if (header === undefined) return undefined;
    const match = /^\s*(?:W\/)?"?(-?\d+)"?\s*$/.exec(String(header));
    if (!match) throw new RequestInvalid({ 'If-Match': 'must be a revision, e.g. "3"' });
    return Number(match[1]);
  },
);

/** What every command answers: what it was about and its stream's revision after it. */
export type CommandAnswer = Readonly<{ id: string; revision: number }>;

/**
 * The body of a command's response, its revision as ETag (send it back as If-Match), and where a
 * new thing lives. `extra`: what the command made inside the stream (a comment's id, …).
 */
export const accepted = <Extra extends object = Record<never, never>>(
  response: Response,
  outcome: CommandOutcome,
  location?: string,
  extra?: Extra,
): CommandAnswer & Extra => {
  response.setHeader('ETag', `"${outcome.revision}"`);
  if (location !== undefined) response.setHeader('Location', location);
  return { id: outcome.id, revision: outcome.revision, ...(extra as Extra) };
};
