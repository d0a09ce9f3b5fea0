import { rejectInvalid, textProblem } from '@rhythm/event-sourcing';
import type { Command } from '../command';
import { clean, limits, oneOfProblem } from '../input-rules';
import type { AmbitionClosed, AmbitionOutcome } from './ambition.events';
import { ambitionOutcomes } from './ambition.events';
import { assertOwnAmbitions, existingAmbition, openAmbition } from './ambition.rules';
import type { Ambitions } from './ambition.state';

export type CloseAmbition = Command<
  'CloseAmbition',
  { personId: string; ambitionId: string; outcome: AmbitionOutcome; note: string }
>;

/** Realised, or set aside; either way the ambition stays in the person's history. */
export const closeAmbition = (command: CloseAmbition, state: Ambitions): AmbitionClosed[] => {
  const { data } = command;
  assertOwnAmbitions(command.actor, data.personId);
  const existing = existingAmbition(state, data.ambitionId);
  rejectInvalid({
    outcome: oneOfProblem(ambitionOutcomes, data.outcome),
    note: textProblem(data.note, { required: false, max: limits.note.max }),
  });
  if (existing.status === data.outcome) return [];
  const ambition = openAmbition(state, data.ambitionId, 'close it');
  return [
    {
      type: 'AmbitionClosed',
      data: {
        personId: data.personId,
        ambitionId: ambition.ambitionId,
        outcome: data.outcome,
        note: clean(data.note),
      },
    },
  ];
};
