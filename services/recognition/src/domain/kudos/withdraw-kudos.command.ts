import { Forbidden, rejectInvalid } from '@rhythm/event-sourcing';
import type { Command } from '../command';
import { instantProblem, utc } from '../input-rules';
import type { KudosWithdrawn } from './kudos.events';
import { existingKudos } from './kudos.rules';
import type { KudosState } from './kudos.state';

export type WithdrawKudos = Command<
  'WithdrawKudos',
  { kudosId: string; at: string },
  { visible: boolean }
>;

/** The giver takes it back: a tombstone. Withdrawing again changes nothing (a retry is harmless). */
export const withdrawKudos = (command: WithdrawKudos, state: KudosState): KudosWithdrawn[] => {
  const { data, actor } = command;
  const kudos = existingKudos(state, data.kudosId, command.facts.visible);
  if (kudos.giverId !== actor.personId) {
    throw new Forbidden(`Only the giver of kudos ${kudos.kudosId} can withdraw it`);
  }
  rejectInvalid({ at: instantProblem(data.at) });
  if (kudos.status === 'withdrawn') return [];
  return [
    {
      type: 'KudosWithdrawn',
      data: { kudosId: kudos.kudosId, withdrawnBy: actor.personId, withdrawnAt: utc(data.at) },
    },
  ];
};
