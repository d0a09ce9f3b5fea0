import {
  assertNever,
  Forbidden,
  rejectInvalid,
  textProblem,
  type Decider,
  type Problem,
} from '@rhythm/event-sourcing';
import type { Command } from '../command';
import { clean, limits } from '../input-rules';
import { maxKudosPerHour } from '../kudos/giver.state';
import type { RecognitionSettingsEvent } from './settings.events';

export type RecognitionSettings = Readonly<{
  /** The values and tags a kudos may carry; none until an admin sets them. */
  values: readonly string[];
  /** Weekly check-in runs worth a celebration, in weeks. */
  streakMilestones: readonly number[];
  kudosPerHour: number;
}>;

export const defaultRecognitionSettings: RecognitionSettings = {
  values: [],
  streakMilestones: [4, 8, 12],
  kudosPerHour: 10,
};

type AdminFacts = { actorIsAdmin: boolean };
export type SetKudosValues = Command<'SetKudosValues', { values: readonly string[] }, AdminFacts>;
export type SetStreakMilestones = Command<
  'SetStreakMilestones',
  { weeks: readonly number[] },
  AdminFacts
>;
export type SetKudosLimit = Command<'SetKudosLimit', { kudosPerHour: number }, AdminFacts>;
export type RecognitionSettingsCommand = SetKudosValues | SetStreakMilestones | SetKudosLimit;

const valuesProblem = (values: readonly string[]): Problem => {
  const list: unknown = values;
  if (!Array.isArray(list)) return 'must be a list of values';
  if (values.length > limits.valuesPerOrganisation) {
    return `must hold at most ${limits.valuesPerOrganisation} values`;
  }
  const wrong = values.map((value) => textProblem(value, limits.value)).find(Boolean);
  if (wrong !== undefined) return `each value ${wrong}`;
  const folded = values.map((value) => clean(value).toLowerCase());
  return new Set(folded).size === folded.length ? undefined : 'must not repeat a value';
};

const weeksProblem = (weeks: readonly number[]): Problem => {
  if (!Array.isArray(weeks) || weeks.length > 10) return 'must be a list of at most 10 milestones';
  if (!weeks.every((week) => Number.isInteger(week) && week >= 1 && week <= 52)) {
    return 'each must be a whole number of weeks, 1 to 52';
  }
  return new Set(weeks).size === weeks.length ? undefined : 'must not repeat a milestone';
};

const kudosPerHourProblem = (perHour: number): Problem =>
  Number.isInteger(perHour) && perHour >= 1 && perHour <= maxKudosPerHour
    ? undefined
    : `must be a whole number from 1 to ${maxKudosPerHour}`;

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** An admin (the OKR champion) sets them; the same settings again change nothing. */
const decide = (
  command: RecognitionSettingsCommand,
  state: RecognitionSettings,
): RecognitionSettingsEvent[] => {
  const { actor, facts } = command;
  if (!facts.actorIsAdmin) {
    throw new Forbidden("Only an admin can set the organisation's recognition settings");
  }
  const setBy = actor.personId;
  switch (command.type) {
    case 'SetKudosValues': {
      rejectInvalid({ values: valuesProblem(command.data.values) });
      const values = command.data.values.map(clean);
      return same(values, state.values)
        ? []
        : [{ type: 'KudosValuesSet', data: { values, setBy } }];
    }
    case 'SetStreakMilestones': {
      rejectInvalid({ weeks: weeksProblem(command.data.weeks) });
      const weeks = [...command.data.weeks].sort((a, b) => a - b);
      return same(weeks, state.streakMilestones)
        ? []
        : [{ type: 'StreakMilestonesSet', data: { weeks, setBy } }];
    }
    case 'SetKudosLimit': {
      const { kudosPerHour } = command.data;
      rejectInvalid({ kudosPerHour: kudosPerHourProblem(kudosPerHour) });
      return kudosPerHour === state.kudosPerHour
        ? []
        : [{ type: 'KudosLimitSet', data: { kudosPerHour, setBy } }];
    }
    default:
      return assertNever(command);
  }
};

const evolve = (
  state: RecognitionSettings,
  event: RecognitionSettingsEvent,
): RecognitionSettings => {
  switch (event.type) {
    case 'KudosValuesSet':
      return { ...state, values: event.data.values };
    case 'StreakMilestonesSet':
      return { ...state, streakMilestones: event.data.weeks };
    case 'KudosLimitSet':
      return { ...state, kudosPerHour: event.data.kudosPerHour };
    default:
      return assertNever(event);
  }
};

/** Stream `recognition-settings-<tenant>`: values and tags, streak milestones, kudos per hour. */
export const recognitionSettingsDecider: Decider<
  RecognitionSettingsCommand,
  RecognitionSettings,
  RecognitionSettingsEvent
> = { decide, evolve, initialState: () => defaultRecognitionSettings };
