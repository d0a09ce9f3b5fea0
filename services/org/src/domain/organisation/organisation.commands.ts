export type EstablishOrganisation = Readonly<{
  type: 'EstablishOrganisation';
  organisationId: string;
  name: string;
}>;

export type RenameOrganisation = Readonly<{
  type: 'RenameOrganisation';
  organisationId: string;
  name: string;
}>;

export type OrganisationCommand = EstablishOrganisation | RenameOrganisation;
