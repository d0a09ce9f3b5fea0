import { AlreadyExists, NotFound, ValidationFailed } from '@rhythm/event-sourcing';
// Specs only: the domain's own code depends on the kernel alone.
import { DeciderSpecification } from '@rhythm/testing';
import { organisationDecider } from './organisation.decider';
import type { OrganisationEstablished } from './organisation.events';

const spec = DeciderSpecification.for(organisationDecider);
const organisationId = 'acme';
const established: OrganisationEstablished = {
  type: 'OrganisationEstablished',
  data: { organisationId, name: 'Acme' },
};

describe('Organisation', () => {
  describe('establish', () => {
    it('establishes a new organisation under the tenant id', () =>
      spec
        .given([])
        .when({ type: 'EstablishOrganisation', organisationId, name: '  Acme ' })
        .then([established]));

    it('refuses to establish it twice', () =>
      spec
        .given([established])
        .when({ type: 'EstablishOrganisation', organisationId, name: 'Acme 2' })
        .thenThrows(AlreadyExists));

    it('requires a name', () =>
      spec
        .given([])
        .when({ type: 'EstablishOrganisation', organisationId, name: '   ' })
        .thenThrows(ValidationFailed, (error) =>
          expect((error as ValidationFailed).fields).toEqual({ name: 'must not be empty' }),
        ));
  });

  describe('rename', () => {
    it('records the new and the previous name', () =>
      spec
        .given([established])
        .when({ type: 'RenameOrganisation', organisationId, name: 'Acme Group' })
        .then([
          {
            type: 'OrganisationRenamed',
            data: { organisationId, name: 'Acme Group', previousName: 'Acme' },
          },
        ]));

    it('does nothing when the name is unchanged', () =>
      spec
        .given([established])
        .when({ type: 'RenameOrganisation', organisationId, name: 'Acme' })
        .thenNothingHappens());

    it('cannot rename an organisation that is not established', () =>
      spec
        .given([])
        .when({ type: 'RenameOrganisation', organisationId, name: 'Acme' })
        .thenThrows(NotFound));

    it('refuses a name that is too long', () =>
      spec
        .given([established])
        .when({ type: 'RenameOrganisation', organisationId, name: 'x'.repeat(121) })
        .thenThrows(ValidationFailed, /name/));
  });
});
