import { SetMetadata } from '@nestjs/common';

export const ORGANISATION_SETUP = 'rhythm:identity:organisation-setup';

/**
 * An endpoint that sets up the organisation's register (establish it, register people, record a
 * departure): an admin may call it before being a person of the organisation, as the first admin
 * of a new organisation is, or an HR system's account. Everywhere else the caller must be a
 * person of the organisation (docs/adr/0032). Use it together with `@RequireRole('admin')`.
 */
export const OrganisationSetup = () => SetMetadata(ORGANISATION_SETUP, true);
