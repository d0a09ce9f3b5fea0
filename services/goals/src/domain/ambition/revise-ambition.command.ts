import { rejectInvalid, textProblem } from '@rhythm/event-sourcing';
import type { Command } from '../command';
import { change } from '../change';
import { clean, limits } from '../input-rules';
import type { AmbitionRevised } from './ambition.events';
import { assertOwnAmbitions, existingAmbition, openAmbition } from './ambition.rules';
import type { Ambitions } from './ambition.state';

export type ReviseAmbition = Command<
  'ReviseAmbition',
  { personId: string; ambitionId: string; title: string; description: string }
>;

export const reviseAmbition = (command: ReviseAmbition, state: Ambitions): AmbitionRevised[] => {
  const { data } = command;
  assertOwnAmbitions(command.actor, data.personId);
  existingAmbition(state, data.ambitionId);
  rejectInvalid({
    title: textProblem(data.title, limits.title),
    description: textProblem(data.description, limits.description),
  });
  const ambition = openAmbition(state, data.ambitionId, 'revise it');
  const title = clean(data.title);
  const description = clean(data.description);
  if (title === ambition.title && description === ambition.description) return [];
  return [
    {
      type: 'AmbitionRevised',
      data: {
        personId: data.personId,
        ambitionId: ambition.ambitionId,
        title: change(ambition.title, title),
        description: change(ambition.description, description),
      },
    },
  ];
};
