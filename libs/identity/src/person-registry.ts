/**
 * Who the people of an organisation are, as the service knows them: a person who joined and has
 * not left. A token's subject must be one of them (docs/adr/0032). Each service binds the port to
 * its own read model (`{ provide: PERSON_REGISTRY, ... }` in any of its modules).
 */
export interface PersonRegistry {
  isPerson(tenantId: string, personId: string): Promise<boolean>;
}

/** Nest injection token of the PersonRegistry port. */
export const PERSON_REGISTRY = Symbol('PersonRegistry');

export type RememberedAnswers = Readonly<{
  /** How long "is a person" is believed (default 5 s): a person who left is refused after this. */
  personMs?: number;
  /** How long "is no person" is believed (default 1 s): a person who just joined waits no longer. */
  strangerMs?: number;
  /** The most answers kept (default 10,000); the oldest go first. */
  maxEntries?: number;
  now?: () => number;
}>;

/**
 * The registry's answers, remembered for a few seconds so that a burst of requests by one person
 * costs one lookup; lookups of one person under way at the same time are shared.
 */
export const rememberingPersonRegistry = (
  registry: PersonRegistry,
  {
    personMs = 5_000,
    strangerMs = 1_000,
    maxEntries = 10_000,
    now = Date.now,
  }: RememberedAnswers = {},
): PersonRegistry => {
  const answers = new Map<string, Readonly<{ until: number; answer: Promise<boolean> }>>();
  return {
    isPerson(tenantId, personId) {
      const key = `${tenantId}\u0000${personId}`;
      const remembered = answers.get(key);
      if (remembered && remembered.until > now()) return remembered.answer;
      answers.delete(key);
      const answer = registry.isPerson(tenantId, personId);
      // Until it settles, every caller shares this lookup; a failed one is not remembered.
      answers.set(key, { until: Number.POSITIVE_INFINITY, answer });
      if (answers.size > maxEntries) answers.delete(answers.keys().next().value as string);
      answer.then(
        (isPerson) => {
          if (answers.get(key)?.answer !== answer) return;
          answers.set(key, { until: now() + (isPerson ? personMs : strangerMs), answer });
        },
        () => {
          if (answers.get(key)?.answer === answer) answers.delete(key);
        },
      );
      return answer;
    },
  };
};
