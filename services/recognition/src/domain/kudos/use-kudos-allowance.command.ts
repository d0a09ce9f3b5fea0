import { rejectInvalid, RuleViolated } from '@rhythm/event-sourcing';
import type { Command } from '../command';
import { instantProblem, streamIdProblem, utc } from '../input-rules';
import type { KudosAllowanceUsed } from './giver.events';
import type { Giver } from './giver.state';
import { assertPerson } from './kudos.rules';

export type UseKudosAllowance = Command<
  'UseKudosAllowance',
  { kudosId: string; at: string },
  /** The organisation's limit today (the settings stream). */
  { kudosPerHour: number }
>;

const hour = 3600_000;

/**
 * One more kudos within the giver's hour: at most `kudosPerHour` in any 60 minutes before `at`.
 * The same kudos again is a retry and counts once. The stream is the giver's own, so two gifts
 * at once meet on its revision and the limit holds exactly (ADR 0042).
 */
export const useKudosAllowance = (
  command: UseKudosAllowance,
  state: Giver,
): KudosAllowanceUsed[] => {
  const { data, actor, facts } = command;
  assertPerson(actor, 'give kudos');
  rejectInvalid({ kudosId: streamIdProblem(data.kudosId), at: instantProblem(data.at) });
  if (state.gifts.some((gift) => gift.kudosId === data.kudosId)) return [];
  const at = Date.parse(data.at);
  const lastHour = state.gifts.filter((gift) => {
    const given = Date.parse(gift.at);
    return given > at - hour && given <= at;
  });
  if (lastHour.length >= facts.kudosPerHour) {
    const oldest = Math.min(...lastHour.map((gift) => Date.parse(gift.at)));
    const next = new Date(oldest + hour).toISOString();
    throw new RuleViolated(
      `You gave ${lastHour.length} kudos in the last hour, the organisation's limit; the next one can be given from ${next}`,
      { kudos: `at most ${facts.kudosPerHour} per hour; next from ${next}` },
    );
  }
  return [
    {
      type: 'KudosAllowanceUsed',
      data: { giverId: actor.personId, kudosId: data.kudosId, usedAt: utc(data.at) },
    },
  ];
};
