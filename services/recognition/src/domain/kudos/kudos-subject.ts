import { identifierProblem, NotFound, type Problem } from '@rhythm/event-sourcing';
import { keyResultNotFound, objectiveNotFound } from '../directory-facts';

/** What a kudos may be tied to: an objective, a key result, a check-in or a resolved blocker. */
export type KudosSubject =
  | Readonly<{ kind: 'objective'; objectiveId: string }>
  | Readonly<{ kind: 'key-result'; objectiveId: string; keyResultId: string }>
  | Readonly<{ kind: 'check-in'; objectiveId: string; keyResultId: string; checkInId: string }>
  | Readonly<{ kind: 'blocker'; objectiveId: string; blockerId: string }>;

/**
 * What the directory knows of the subject for the giver. `no-objective` is also the answer for
 * a private objective the giver may not see (docs/security.md): the kudos answers exactly as
 * for an id that does not exist. A blocker is known with whether it is resolved yet.
 */
export type SubjectFacts =
  | 'no-objective'
  | 'no-key-result'
  | 'no-check-in'
  | 'no-blocker'
  | 'seen'
  | Readonly<{ blockerResolved: boolean }>;

export const knownSubject = (facts: SubjectFacts, subject: KudosSubject): void => {
  switch (facts) {
    case 'no-objective':
      throw objectiveNotFound(subject.objectiveId);
    case 'no-key-result':
      throw keyResultNotFound(
        subject.objectiveId,
        'keyResultId' in subject ? subject.keyResultId : '',
      );
    case 'no-check-in':
      throw new NotFound(
        `Check-in ${subject.kind === 'check-in' ? subject.checkInId : ''} not found`,
      );
    case 'no-blocker':
      throw new NotFound(
        `Blocker ${subject.kind === 'blocker' ? subject.blockerId : ''} not found`,
      );
    default:
      return;
  }
};

export const subjectProblem = (subject: KudosSubject): Problem => {
  const ids = (() => {
    switch (subject.kind) {
      case 'objective':
        return [subject.objectiveId];
      case 'key-result':
        return [subject.objectiveId, subject.keyResultId];
      case 'check-in':
        return [subject.objectiveId, subject.keyResultId, subject.checkInId];
      case 'blocker':
        return [subject.objectiveId, subject.blockerId];
      default:
        return undefined;
    }
  })();
  if (ids === undefined) return 'must be an objective, a key result, a check-in or a blocker';
  const wrong = ids.map(identifierProblem).find((problem) => problem !== undefined);
  return wrong === undefined ? undefined : `each id ${wrong}`;
};
