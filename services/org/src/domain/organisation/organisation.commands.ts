import type { Actor } from '../org-facts';

export type EstablishOrganisation = Readonly<{
  type: 'EstablishOrganisation';
  organisationId: string;
  name: string;
  actor: Actor;
}>;

export type RenameOrganisation = Readonly<{
  type: 'RenameOrganisation';
  organisationId: string;
  name: string;
  actor: Actor;
}>;

export type OrganisationCommand = EstablishOrganisation | RenameOrganisation;
