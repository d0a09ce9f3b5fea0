/**
 * The person behind a command. Who they are to the goal (owner, contributor, lead) comes in the
 * command's facts, read from the service's directory at that moment: a lead's duties are those
 * of the day they lead, never inherited afterwards (ADR 0036). Automatic work (the cadence
 * sweep, a blocker's deadline) acts as `system:<component>`; a person id cannot hold a `:`
 * (ADR 0026), so no person can pass for it.
 */
export type Actor = Readonly<{ personId: string }>;

export const isSystem = (actor: Actor): boolean => actor.personId.startsWith('system:');
