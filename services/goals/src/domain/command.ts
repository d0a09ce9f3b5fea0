import type { ActorCommand } from '@rhythm/event-sourcing';
import type { Actor } from './actor';

/**
 * A command to a goals aggregate: `data` from the request, `actor` from the authenticated person
 * and the org read model, `facts` from other aggregates and read models (does the owner exist,
 * what state is the cycle in). The decider trusts the facts (ADR 0021).
 */
export type Command<
  Type extends string,
  Data extends object,
  Facts extends object | undefined = undefined,
> = ActorCommand<Actor, Type, Data, Facts>;
