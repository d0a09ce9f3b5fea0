import {
  AlreadyExists,
  rejectInvalid,
  RuleViolated,
  textProblem,
  type Problem,
} from '@rhythm/event-sourcing';
import type { Command } from '../command';
import { assertKnownPeople, unitNotFound, unitProblem } from '../directory-facts';
import { clean, idListProblem, instantProblem, limits, streamIdProblem, utc } from '../input-rules';
import type { KudosAudience, KudosGiven, KudosReceivers } from './kudos.events';
import { kudosAudiences } from './kudos.events';
import { assertPerson } from './kudos.rules';
import type { Kudos, KudosState } from './kudos.state';
import type { KudosSubject, SubjectFacts } from './kudos-subject';
import { knownSubject, subjectProblem } from './kudos-subject';

export type GiveKudosFacts = Readonly<{
  /** Receivers the directory does not know: 404 naming them. */
  unknownPersonIds: readonly string[];
  /** Whether the directory knows the unit thanked (absent when none is). */
  unit?: 'known' | 'no-unit';
  /** What the directory knows of the subject for the giver (absent when none is named). */
  about?: SubjectFacts;
  /** The organisation's values and tags today (the settings stream). */
  values: readonly string[];
}>;

export type GiveKudos = Command<
  'GiveKudos',
  {
    kudosId: string;
    to: KudosReceivers;
    message: string;
    values?: readonly string[];
    about?: KudosSubject;
    audience: KudosAudience;
    at: string;
  },
  GiveKudosFacts
>;

const receiversProblem = (to: KudosReceivers, giverId: string): Problem => {
  const personIds = Array.isArray(to?.personIds) ? to.personIds : undefined;
  if (personIds === undefined) return 'must name people (personIds) and/or one unit';
  if (personIds.length === 0 && to.unit === undefined) return 'must name a person or a unit';
  if (personIds.includes(giverId)) return 'must not name the giver: no kudos to oneself';
  const ids = idListProblem(personIds, limits.peoplePerKudos);
  if (ids !== undefined) return `personIds ${ids}`;
  return to.unit === undefined ? undefined : unitProblem(to.unit);
};

const valuesProblem = (values: readonly string[], known: readonly string[]): Problem => {
  if (values.length > limits.valuesPerKudos) {
    return `must hold at most ${limits.valuesPerKudos} values`;
  }
  if (new Set(values).size !== values.length) return 'must not repeat a value';
  const strange = values.filter((value) => !known.includes(value));
  if (strange.length === 0) return undefined;
  return known.length === 0
    ? 'the organisation has set no values or tags yet'
    : `must be among the organisation's values (${known.join(', ')}); not: ${strange.join(', ')}`;
};

/** The same giver, words and receivers: a retry, whenever it comes (its `at` is later). */
const isRetry = (kudos: Kudos, gift: KudosGiven['data']): boolean => {
  const content = ({
    kudosId,
    giverId,
    to,
    message,
    values,
    about,
    audience,
  }: KudosGiven['data']) =>
    JSON.stringify({ kudosId, giverId, to, message, values, about, audience });
  return content(kudos) === content(gift);
};

/**
 * A person thanks people and/or one unit, with a message and the organisation's values, maybe
 * tied to a goal. Never oneself (thanking one's own squad is fine: the squad is more than the
 * giver). The hourly limit is the giver stream's (use-kudos-allowance.command.ts), claimed by
 * the application once this command passed its checks.
 */
export const giveKudos = (command: GiveKudos, state: KudosState): KudosGiven[] => {
  const { data, actor, facts } = command;
  if (data.about !== undefined && facts.about !== undefined) knownSubject(facts.about, data.about);
  if (data.to?.unit !== undefined && facts.unit === 'no-unit') throw unitNotFound(data.to.unit);
  assertKnownPeople('to.personIds', facts.unknownPersonIds);
  assertPerson(actor, 'give kudos');
  const values = data.values ?? [];
  rejectInvalid({
    kudosId: streamIdProblem(data.kudosId),
    to: receiversProblem(data.to, actor.personId),
    message: textProblem(data.message, limits.kudosMessage),
    values: valuesProblem(values, facts.values),
    about: data.about === undefined ? undefined : subjectProblem(data.about),
    audience: kudosAudiences.includes(data.audience)
      ? undefined
      : `must be one of ${kudosAudiences.join(', ')}`,
    at: instantProblem(data.at),
  });
  const gift: KudosGiven['data'] = {
    kudosId: data.kudosId,
    giverId: actor.personId,
    to: {
      personIds: [...data.to.personIds],
      ...(data.to.unit === undefined
        ? {}
        : { unit: { kind: data.to.unit.kind, id: data.to.unit.id } }),
    },
    message: clean(data.message),
    values: [...values],
    ...(data.about === undefined ? {} : { about: data.about }),
    audience: data.audience,
    givenAt: utc(data.at),
  };
  if (state.status !== 'none') {
    // The same gift again is a retry (the allowance claimed, the append lost): nothing new.
    if (isRetry(state, gift)) return [];
    throw new AlreadyExists(`Kudos ${data.kudosId} already exists`);
  }
  if (typeof facts.about === 'object' && !facts.about.blockerResolved) {
    throw new RuleViolated('Kudos are tied to a blocker once it is resolved', {
      about: 'the blocker is not resolved yet',
    });
  }
  return [{ type: 'KudosGiven', data: gift }];
};
