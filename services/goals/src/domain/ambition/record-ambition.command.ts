import { AlreadyExists, rejectInvalid, textProblem } from '@rhythm/event-sourcing';
import type { Command } from '../command';
import { clean, limits, oneOfProblem } from '../input-rules';
import type { AmbitionKind, AmbitionRecorded } from './ambition.events';
import { ambitionKinds } from './ambition.events';
import { assertOwnAmbitions } from './ambition.rules';
import type { Ambitions } from './ambition.state';

export type RecordAmbition = Command<
  'RecordAmbition',
  { personId: string; ambitionId: string; kind: AmbitionKind; title: string; description: string }
>;

export const recordAmbition = (command: RecordAmbition, state: Ambitions): AmbitionRecorded[] => {
  const { data } = command;
  assertOwnAmbitions(command.actor, data.personId);
  rejectInvalid({
    kind: oneOfProblem(ambitionKinds, data.kind),
    title: textProblem(data.title, limits.title),
    description: textProblem(data.description, limits.description),
  });
  if (state.ambitions.some((ambition) => ambition.ambitionId === data.ambitionId)) {
    throw new AlreadyExists(`Ambition ${data.ambitionId} already exists`);
  }
  return [
    {
      type: 'AmbitionRecorded',
      data: {
        personId: data.personId,
        ambitionId: data.ambitionId,
        kind: data.kind,
        title: clean(data.title),
        description: clean(data.description),
      },
    },
  ];
};
