import type { OrganisationStanding, PersonStanding } from '../org-facts';

export type FormTribe = Readonly<{
  type: 'FormTribe';
  tribeId: string;
  name: string;
  mission: string;
  organisation: OrganisationStanding;
}>;

export type RenameTribe = Readonly<{ type: 'RenameTribe'; tribeId: string; name: string }>;

export type AppointTribeLead = Readonly<{
  type: 'AppointTribeLead';
  tribeId: string;
  personId: string;
  person: PersonStanding;
}>;

/** The handler counts the tribe's active squads and chapters (ADR 0010: read model, caught up). */
export type DissolveTribe = Readonly<{
  type: 'DissolveTribe';
  tribeId: string;
  reason: string;
  activeSquads: number;
  activeChapters: number;
}>;

export type TribeCommand = FormTribe | RenameTribe | AppointTribeLead | DissolveTribe;
