import type { Actor, PersonStanding, TribeFacts } from '../org-facts';

/**
 * `tribeLeadId` is who leads the squad's tribe as the handler read it (ADR 0031): with the
 * squad's own product owner, who holds powers over it besides an admin.
 */
type SquadPowers = Readonly<{ actor: Actor; tribeLeadId: string | null }>;

export type FormSquad = Readonly<{
  type: 'FormSquad';
  squadId: string;
  tribeId: string;
  name: string;
  mission: string;
  tribe: TribeFacts;
  now: Date;
  actor: Actor;
}>;

export type RenameSquad = Readonly<{ type: 'RenameSquad'; squadId: string; name: string }> &
  SquadPowers;

export type AppointProductOwner = Readonly<{
  type: 'AppointProductOwner';
  squadId: string;
  personId: string;
  person: PersonStanding;
}> &
  SquadPowers;

/** A move takes the squad out of its tribe and into another: it needs powers over both. */
export type MoveSquad = Readonly<{
  type: 'MoveSquad';
  squadId: string;
  toTribeId: string;
  toTribe: TribeFacts;
  /** When the squad belongs to the new tribe; defaults to `now`. */
  effectiveAt?: Date;
  now: Date;
}> &
  SquadPowers;

export type DissolveSquad = Readonly<{ type: 'DissolveSquad'; squadId: string; reason: string }> &
  SquadPowers;

export type SquadCommand =
  FormSquad | RenameSquad | AppointProductOwner | MoveSquad | DissolveSquad;
