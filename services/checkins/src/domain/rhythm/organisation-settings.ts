import { assertNever, Forbidden, rejectInvalid, type Decider } from '@rhythm/event-sourcing';
import type { Command } from '../command';
import {
  defaultThresholds,
  thresholdsProblem,
  type ConfidenceThresholds,
} from '../check-in/confidence';
import type { SettingsEvent } from './rhythm.events';

export type OrganisationSettings = Readonly<{ thresholds: ConfidenceThresholds }>;

export type SetConfidenceThresholds = Command<
  'SetConfidenceThresholds',
  { thresholds: ConfidenceThresholds },
  { actorIsAdmin: boolean }
>;

export type SettingsCommand = SetConfidenceThresholds;

/** An admin (the OKR champion) sets how confidences read: on track, at risk, off track. */
export const setConfidenceThresholds = (
  command: SetConfidenceThresholds,
  state: OrganisationSettings,
): SettingsEvent[] => {
  const { data, actor, facts } = command;
  if (!facts.actorIsAdmin) {
    throw new Forbidden("Only an admin can set the organisation's confidence thresholds");
  }
  rejectInvalid({ thresholds: thresholdsProblem(data.thresholds) });
  const { onTrackFrom, atRiskFrom } = data.thresholds;
  if (state.thresholds.onTrackFrom === onTrackFrom && state.thresholds.atRiskFrom === atRiskFrom) {
    return [];
  }
  return [
    {
      type: 'ConfidenceThresholdsSet',
      data: { thresholds: { onTrackFrom, atRiskFrom }, setBy: actor.personId },
    },
  ];
};

const decide = (command: SettingsCommand, state: OrganisationSettings): SettingsEvent[] => {
  switch (command.type) {
    case 'SetConfidenceThresholds':
      return setConfidenceThresholds(command, state);
    default:
      return assertNever(command.type);
  }
};

/** Stream `settings-<tenant>`: the organisation's rhythm settings. */
export const settingsDecider: Decider<SettingsCommand, OrganisationSettings, SettingsEvent> = {
  decide,
  evolve: (state, event) =>
    event.type === 'ConfidenceThresholdsSet'
      ? { ...state, thresholds: event.data.thresholds }
      : state,
  initialState: () => ({ thresholds: defaultThresholds }),
};
