/**
 * A thread as a request names it: a check-in by its key result's path, a blocker or an insight by
 * its own id. What it hangs on (its objective, key result, guild) is read from the target's
 * stream, never taken from the request.
 */
export type ThreadAddress =
  | Readonly<{ kind: 'check-in'; objectiveId: string; keyResultId: string; checkInId: string }>
  | Readonly<{ kind: 'blocker'; blockerId: string }>
  | Readonly<{ kind: 'insight'; insightId: string }>;

/** The thread's place in the API: where its comments and reactions are. */
export const threadPath = (address: ThreadAddress): string => {
  switch (address.kind) {
    case 'check-in':
      return `/objectives/${address.objectiveId}/key-results/${address.keyResultId}/check-ins/${address.checkInId}`;
    case 'blocker':
      return `/blockers/${address.blockerId}`;
    case 'insight':
      return `/insights/${address.insightId}`;
  }
};

/** The id of what the thread is about: the check-in, blocker or insight. */
export const subjectIdOf = (address: ThreadAddress): string => {
  switch (address.kind) {
    case 'check-in':
      return address.checkInId;
    case 'blocker':
      return address.blockerId;
    case 'insight':
      return address.insightId;
  }
};
