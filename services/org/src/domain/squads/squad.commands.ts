import type { PersonStanding, UnitStanding } from '../org-facts';

export type FormSquad = Readonly<{
  type: 'FormSquad';
  squadId: string;
  tribeId: string;
  name: string;
  mission: string;
  tribe: UnitStanding;
  now: Date;
}>;

export type RenameSquad = Readonly<{ type: 'RenameSquad'; squadId: string; name: string }>;

export type AppointProductOwner = Readonly<{
  type: 'AppointProductOwner';
  squadId: string;
  personId: string;
  person: PersonStanding;
}>;

export type MoveSquad = Readonly<{
  type: 'MoveSquad';
  squadId: string;
  toTribeId: string;
  toTribe: UnitStanding;
  /** When the squad belongs to the new tribe; defaults to `now`. */
  effectiveAt?: Date;
  now: Date;
}>;

export type DissolveSquad = Readonly<{ type: 'DissolveSquad'; squadId: string; reason: string }>;

export type SquadCommand =
  FormSquad | RenameSquad | AppointProductOwner | MoveSquad | DissolveSquad;
