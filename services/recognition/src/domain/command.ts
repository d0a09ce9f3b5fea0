import type { ActorCommand } from '@rhythm/event-sourcing';
import type { Actor } from './actor';

/**
 * A command to a recognition aggregate, as in goals and checkins (ADR 0021): `data` from the
 * request or the source event, `actor` from the token, `facts` from the directory the service
 * keeps of org and goals. Time is data (`at`), never read inside the domain.
 */
export type Command<
  Type extends string,
  Data extends object,
  Facts extends object | undefined = undefined,
> = ActorCommand<Actor, Type, Data, Facts>;
