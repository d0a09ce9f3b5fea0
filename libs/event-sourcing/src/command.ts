/**
 * A command to an aggregate, in three parts the application fills from three sources: `data` from
 * the request, `actor` from the authenticated caller, `facts` from other aggregates and read
 * models, read just before deciding (ADR 0021). The decider trusts the facts and checks every rule
 * against them. Each context fixes its own `Actor` (see its domain's `command.ts`).
 */
export type ActorCommand<
  Actor,
  Type extends string,
  Data extends object,
  Facts extends object | undefined = undefined,
> = Readonly<{ type: Type; data: Readonly<Data>; actor: Actor }> &
  (Facts extends object ? Readonly<{ facts: Readonly<Facts> }> : unknown);
