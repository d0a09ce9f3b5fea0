import type { Actor, OrganisationStanding, PersonStanding } from '../org-facts';

export type FormTribe = Readonly<{
  type: 'FormTribe';
  tribeId: string;
  name: string;
  mission: string;
  organisation: OrganisationStanding;
  actor: Actor;
}>;

export type RenameTribe = Readonly<{
  type: 'RenameTribe';
  tribeId: string;
  name: string;
  actor: Actor;
}>;

export type AppointTribeLead = Readonly<{
  type: 'AppointTribeLead';
  tribeId: string;
  personId: string;
  person: PersonStanding;
  actor: Actor;
}>;

/** The handler counts the tribe's active squads and chapters (ADR 0010: read model, caught up). */
export type DissolveTribe = Readonly<{
  type: 'DissolveTribe';
  tribeId: string;
  reason: string;
  activeSquads: number;
  activeChapters: number;
  actor: Actor;
}>;

export type TribeCommand = FormTribe | RenameTribe | AppointTribeLead | DissolveTribe;
