import {
  AlreadyExists,
  NotFound,
  assertNever,
  type Decider,
  rejectInvalid,
  textProblem,
} from '@rhythm/event-sourcing';
import { limits } from '../field-rules';
import { assertPower } from '../org-powers';
import type { OrganisationCommand } from './organisation.commands';
import type { OrganisationEvent } from './organisation.events';

export type OrganisationState =
  | Readonly<{ status: 'unknown' }>
  | Readonly<{ status: 'established'; organisationId: string; name: string }>;

const decide = (
  command: OrganisationCommand,
  state: OrganisationState,
): readonly OrganisationEvent[] => {
  switch (command.type) {
    case 'EstablishOrganisation': {
      assertPower(command.actor, command.type, {}, `organisation ${command.organisationId}`);
      if (state.status === 'established') {
        throw new AlreadyExists(`Organisation ${command.organisationId} is already established`);
      }
      rejectInvalid({ name: textProblem(command.name, limits.name) });
      return [
        {
          type: 'OrganisationEstablished',
          data: { organisationId: command.organisationId, name: command.name.trim() },
        },
      ];
    }
    case 'RenameOrganisation': {
      if (state.status !== 'established') {
        throw new NotFound(`Organisation ${command.organisationId} is not established`);
      }
      assertPower(command.actor, command.type, {}, `organisation ${command.organisationId}`);
      rejectInvalid({ name: textProblem(command.name, limits.name) });
      const name = command.name.trim();
      if (name === state.name) return [];
      return [
        {
          type: 'OrganisationRenamed',
          data: { organisationId: state.organisationId, name, previousName: state.name },
        },
      ];
    }
    default:
      return assertNever(command);
  }
};

const evolve = (state: OrganisationState, event: OrganisationEvent): OrganisationState => {
  switch (event.type) {
    case 'OrganisationEstablished':
      return {
        status: 'established',
        organisationId: event.data.organisationId,
        name: event.data.name,
      };
    case 'OrganisationRenamed':
      return state.status === 'established' ? { ...state, name: event.data.name } : state;
    default:
      return assertNever(event);
  }
};

export const organisationDecider: Decider<
  OrganisationCommand,
  OrganisationState,
  OrganisationEvent
> = {
  decide,
  evolve,
  initialState: () => ({ status: 'unknown' }),
};
