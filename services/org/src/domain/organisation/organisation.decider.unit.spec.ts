import { AlreadyExists, Forbidden, NotFound, ValidationFailed } from '@rhythm/event-sourcing';
// Specs only: the domain's own code depends on the kernel alone.
import { DeciderSpecification } from '@rhythm/testing';
import type { Actor } from '../org-facts';
import { organisationDecider } from './organisation.decider';
import type { OrganisationEstablished } from './organisation.events';

const spec = DeciderSpecification.for(organisationDecider);
const organisationId = 'acme';
const actor: Actor = { personId: 'root', isAdmin: true };
const member: Actor = { personId: 'ann', isAdmin: false };
const established: OrganisationEstablished = {
  type: 'OrganisationEstablished',
  data: { organisationId, name: 'Acme' },
};

describe('Organisation', () => {
  describe('establish', () => {
    it('establishes a new organisation under the tenant id', () =>
      spec
        .given([])
        .when({ type: 'EstablishOrganisation', organisationId, name: '  Acme ', actor })
        .then([established]));

    it('refuses to establish it twice', () =>
      spec
        .given([established])
        .when({ type: 'EstablishOrganisation', organisationId, name: 'Acme 2', actor })
        .thenThrows(AlreadyExists));

    it('requires a name', () =>
      spec
        .given([])
        .when({ type: 'EstablishOrganisation', organisationId, name: '   ', actor })
        .thenThrows(ValidationFailed, (error) =>
          expect((error as ValidationFailed).fields).toEqual({ name: 'must not be empty' }),
        ));
  });

  describe('powers: only an admin', () => {
    it('refuses a member who would establish it', () =>
      spec
        .given([])
        .when({ type: 'EstablishOrganisation', organisationId, name: 'Acme', actor: member })
        .thenThrows(Forbidden, 'Only an admin may establish organisation acme'));

    it('refuses a member before telling that it exists', () =>
      spec
        .given([established])
        .when({ type: 'EstablishOrganisation', organisationId, name: 'Acme', actor: member })
        .thenThrows(Forbidden));

    it('refuses a member who would rename it', () =>
      spec
        .given([established])
        .when({ type: 'RenameOrganisation', organisationId, name: 'Mine', actor: member })
        .thenThrows(Forbidden));
  });

  describe('rename', () => {
    it('records the new and the previous name', () =>
      spec
        .given([established])
        .when({ type: 'RenameOrganisation', organisationId, name: 'Acme Group', actor })
        .then([
          {
            type: 'OrganisationRenamed',
            data: { organisationId, name: 'Acme Group', previousName: 'Acme' },
          },
        ]));

    it('does nothing when the name is unchanged', () =>
      spec
        .given([established])
        .when({ type: 'RenameOrganisation', organisationId, name: 'Acme', actor })
        .thenNothingHappens());

    it('cannot rename an organisation that is not established', () =>
      spec
        .given([])
        .when({ type: 'RenameOrganisation', organisationId, name: 'Acme', actor })
        .thenThrows(NotFound));

    it('refuses a name that is too long', () =>
      spec
        .given([established])
        .when({ type: 'RenameOrganisation', organisationId, name: 'x'.repeat(121), actor })
        .thenThrows(ValidationFailed, /name/));
  });
});
