import type { CommandHandlerResult } from './command-handler';
import type { Event } from './event';

/** The revision a caller saw and decides on (an If-Match), or undefined: the latest state decides. */
export type CallerRevision = number | undefined;

/**
 * What a command did, as a service answers it: the id it was about, its stream's revision
 * afterwards (the ETag, the next If-Match) and how many events it appended.
 */
export type CommandOutcome = Readonly<{ id: string; revision: number; eventCount: number }>;

export const outcomeOf = (
  id: string,
  {
    nextExpectedRevision,
    newEvents,
  }: Pick<CommandHandlerResult<unknown, Event>, 'nextExpectedRevision' | 'newEvents'>,
): CommandOutcome => ({ id, revision: nextExpectedRevision, eventCount: newEvents.length });
