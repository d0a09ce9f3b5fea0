import type { Actor } from './actor';

/**
 * A command to a goals aggregate, in three parts the application fills from three sources:
 * `data` from the request, `actor` from the authenticated person and the org read model, `facts`
 * from other aggregates and read models (does the owner exist, what state is the cycle in). The
 * decider trusts the facts and checks every rule against them (ADR 0021).
 */
export type Command<
  Type extends string,
  Data extends object,
  Facts extends object | undefined = undefined,
> = Readonly<{ type: Type; data: Readonly<Data>; actor: Actor }> &
  (Facts extends object ? Readonly<{ facts: Readonly<Facts> }> : unknown);
