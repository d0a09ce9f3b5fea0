/**
 * The person behind a command. Who they are to a goal or a unit (a receiver's lead, the unit's
 * lead) comes in the command's facts, read from the service's directory at that moment (ADR
 * 0042). Automatic work (celebrations from the goals and checkins topics, lessons learned at
 * cycle close) acts as `system:<component>`; a person id cannot hold a `:` (ADR 0026), so no
 * person can pass for it.
 */
export type Actor = Readonly<{ personId: string }>;

export const isSystem = (actor: Actor): boolean => actor.personId.startsWith('system:');
