import { type Problem, textProblem } from '@rhythm/event-sourcing';
import { clean, finiteProblem, limits, oneOfProblem } from '../input-rules';
import type { Metric } from './metric';
import { metricProblems } from './metric';

/** Committed objectives are expected to be met in full; aspirational ones are stretch goals. */
export const objectiveKinds = ['committed', 'aspirational'] as const;
export type ObjectiveKind = (typeof objectiveKinds)[number];

/** Private objectives are visible only to their owners and leads. */
export const visibilities = ['public', 'private'] as const;
export type Visibility = (typeof visibilities)[number];

/** An objective has one to five key results (ADR 0020). */
export const maxKeyResults = 5;

/** Weights are relative: a key result of weight 2 counts twice as much as one of weight 1. */
export const maxWeight = 100;

export type KeyResultDraft = Readonly<{
  title: string;
  metric: Metric;
  /** The person accountable for the key result. */
  owner: string;
  weight: number;
}>;

export type ObjectiveDraft = Readonly<{
  title: string;
  description: string;
  kind: ObjectiveKind;
  visibility: Visibility;
  keyResults: readonly KeyResultDraft[];
}>;

export const weightProblem = (weight: number): Problem =>
  finiteProblem(weight) ??
  (weight > 0 && weight <= maxWeight ? undefined : `must be more than 0 and at most ${maxWeight}`);

export const personIdProblem = (personId: string): Problem =>
  personId.trim() === '' ? 'must name a person' : undefined;

/** Problems per field of a key result, keyed by `prefix.field` (prefix '' for top level). */
export const keyResultDraftProblems = (
  draft: KeyResultDraft,
  prefix = '',
): Record<string, Problem> => {
  const at = (field: string) => (prefix === '' ? field : `${prefix}.${field}`);
  return {
    [at('title')]: textProblem(draft.title, limits.title),
    ...metricProblems(draft.metric, at('metric')),
    [at('owner')]: personIdProblem(draft.owner),
    [at('weight')]: weightProblem(draft.weight),
  };
};

export const objectiveTextProblems = (
  draft: Pick<ObjectiveDraft, 'title' | 'description' | 'kind' | 'visibility'>,
): Record<string, Problem> => ({
  title: textProblem(draft.title, limits.title),
  description: textProblem(draft.description, limits.description),
  kind: oneOfProblem(objectiveKinds, draft.kind),
  visibility: oneOfProblem(visibilities, draft.visibility),
});

export const objectiveDraftProblems = (draft: ObjectiveDraft): Record<string, Problem> => ({
  ...objectiveTextProblems(draft),
  keyResults:
    draft.keyResults.length > maxKeyResults
      ? `an objective has at most ${maxKeyResults} key results`
      : undefined,
  ...draft.keyResults.reduce<Record<string, Problem>>(
    (problems, keyResult, index) => ({
      ...problems,
      ...keyResultDraftProblems(keyResult, `keyResults.${index}`),
    }),
    {},
  ),
});

export const cleanKeyResultDraft = (draft: KeyResultDraft): KeyResultDraft => ({
  title: clean(draft.title),
  metric: { ...draft.metric, unit: draft.metric.unit.trim() },
  owner: draft.owner.trim(),
  weight: draft.weight,
});

export const cleanObjectiveDraft = (draft: ObjectiveDraft): ObjectiveDraft => ({
  title: clean(draft.title),
  description: clean(draft.description),
  kind: draft.kind,
  visibility: draft.visibility,
  keyResults: draft.keyResults.map(cleanKeyResultDraft),
});
