import type { Event } from '@rhythm/event-sourcing';

/** The organisation is the tenant: its id is the tenant id. */
export type OrganisationEstablished = Event<
  'OrganisationEstablished',
  { organisationId: string; name: string }
>;

export type OrganisationRenamed = Event<
  'OrganisationRenamed',
  { organisationId: string; name: string; previousName: string }
>;

export type OrganisationEvent = OrganisationEstablished | OrganisationRenamed;
