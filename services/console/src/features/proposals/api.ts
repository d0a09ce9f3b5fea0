import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../api/http';
import type { UnitKind, UnitRef } from '../../org/org-directory';
import { refetchUntilChanged, retryWhileNew } from './read-after-write';

// The goals service's OKR-setting API (services/goals/src/application/proposals, objectives,
// templates, ambitions), as the console uses it. Keys start with 'goals' so live changes refresh.

export const metricTypes = ['number', 'percentage', 'currency', 'milestone'] as const;
export type MetricType = (typeof metricTypes)[number];
export type Direction = 'increase' | 'decrease';
export type ObjectiveKind = 'committed' | 'aspirational';
export type Visibility = 'public' | 'private';

export interface Metric {
  readonly type: MetricType;
  readonly unit: string;
  readonly start: number;
  readonly target: number;
  readonly direction: Direction;
}

export interface KeyResultDraft {
  readonly title: string;
  readonly metric: Metric;
  /** The person accountable. */
  readonly owner: string;
  readonly weight: number;
}

export interface ObjectiveDraft {
  readonly title: string;
  readonly description: string;
  readonly kind: ObjectiveKind;
  readonly visibility: Visibility;
  readonly keyResults: readonly KeyResultDraft[];
}

export type ProposalSubject =
  | { readonly kind: 'objective'; readonly draft: ObjectiveDraft }
  | { readonly kind: 'key-result'; readonly objectiveId: string; readonly draft: KeyResultDraft };

export type ProposalStatus = 'open' | 'returned' | 'approved' | 'withdrawn';

export interface ProposalComment {
  readonly commentId: string;
  readonly author: string;
  readonly text: string;
  readonly at: string;
}

export interface Suggestion extends ProposalComment {
  readonly suggestionId: string;
  readonly addressedIn: number | null;
}

export interface Proposal {
  readonly proposalId: string;
  readonly cycleId: string;
  readonly unit: UnitRef;
  readonly proposer: string;
  readonly subject: ProposalSubject;
  readonly status: ProposalStatus;
  readonly revision: number;
  readonly comments: readonly ProposalComment[];
  readonly suggestions: readonly Suggestion[];
  readonly lastReturn: {
    readonly by: string;
    readonly reason: string;
    readonly at: string;
    readonly revisedSince: boolean;
  } | null;
  readonly approval: {
    readonly by: string;
    readonly at: string;
    readonly outcome: { readonly objectiveId: string };
  } | null;
  readonly withdrawal: { readonly at: string; readonly reason?: string } | null;
  readonly proposedAt: string;
  readonly updatedAt: string;
}

export interface ObjectiveSummary {
  readonly objectiveId: string;
  readonly cycleId: string;
  readonly title: string;
  readonly owner: { readonly kind: UnitKind | 'person'; readonly id: string };
  readonly ownerName: string;
  readonly status: 'draft' | 'active' | 'abandoned' | 'scored';
  readonly visibility: Visibility;
  readonly keyResults: readonly { readonly keyResultId: string; readonly title: string }[];
}

interface Accepted {
  readonly id: string;
  readonly revision: number;
}

export const proposalsKey = ['goals', 'proposals'] as const;

export interface ProposalFilter {
  readonly unit?: UnitRef;
  readonly cycleId?: string;
  readonly status?: ProposalStatus;
}

export function useProposals(filter: ProposalFilter = {}) {
  return useQuery({
    queryKey: [...proposalsKey, filter.unit?.kind, filter.unit?.id, filter.cycleId, filter.status],
    queryFn: ({ signal }) =>
      api.get<Proposal[]>(
        'goals',
        '/proposals',
        {
          kind: filter.unit?.kind,
          unitId: filter.unit?.id,
          cycleId: filter.cycleId,
          status: filter.status,
        },
        signal,
      ),
  });
}

export function useProposal(proposalId: string) {
  return useQuery({
    queryKey: ['goals', 'proposal', proposalId],
    queryFn: ({ signal }) =>
      api.get<Proposal>('goals', `/proposals/${proposalId}`, undefined, signal),
    // Opened right after proposing it, it may not be in the read model yet.
    retry: retryWhileNew,
    retryDelay: 400,
  });
}

/** A unit's objectives in a cycle, e.g. to propose a key result for one or to align to one. */
export function useUnitObjectives(unit: UnitRef | undefined, cycleId: string | undefined) {
  return useQuery({
    queryKey: ['goals', 'unit-objectives', unit?.kind, unit?.id, cycleId],
    enabled: Boolean(unit && cycleId),
    queryFn: ({ signal }) =>
      api
        .get<{
          objectives: ObjectiveSummary[];
        }>('goals', `/units/${unit?.kind}/${unit?.id}/objectives`, { cycleId }, signal)
        .then((answer) => answer.objectives),
  });
}

export function useObjective(objectiveId: string | undefined) {
  return useQuery({
    queryKey: ['goals', 'objective', objectiveId],
    enabled: Boolean(objectiveId),
    queryFn: ({ signal }) =>
      api.get<ObjectiveSummary>('goals', `/objectives/${objectiveId}`, undefined, signal),
  });
}

/** After a change: the one proposal shows it as soon as its read model does, and the lists. */
function useProposalChange<Input>(send: (input: Input) => Promise<Accepted>, proposalId?: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: Input) => {
      const key = ['goals', 'proposal', proposalId];
      const before = JSON.stringify(queryClient.getQueryData(key));
      const accepted = await send(input);
      if (proposalId) await refetchUntilChanged(queryClient, key, before);
      await queryClient.invalidateQueries({ queryKey: proposalsKey });
      return accepted;
    },
  });
}

export interface ProposeObjective {
  readonly cycleId: string;
  readonly unit: UnitRef;
  readonly draft: ObjectiveDraft;
}

export function useProposeObjective() {
  return useProposalChange((input: ProposeObjective) =>
    api.post<Accepted>('goals', '/proposals/objectives', input),
  );
}

export function useProposeKeyResult() {
  return useProposalChange((input: { objectiveId: string; draft: KeyResultDraft }) =>
    api.post<Accepted>('goals', '/proposals/key-results', input),
  );
}

/** Comment, suggest, revise, resubmit, withdraw, approve, return: one proposal's discussion. */
export function useProposalActions(proposalId: string) {
  const path = `/proposals/${proposalId}`;
  return {
    comment: useProposalChange(
      (text: string) => api.post<Accepted>('goals', `${path}/comments`, { text }),
      proposalId,
    ),
    suggest: useProposalChange(
      (text: string) => api.post<Accepted>('goals', `${path}/suggestions`, { text }),
      proposalId,
    ),
    revise: useProposalChange(
      (revised: { objective: ObjectiveDraft } | { keyResult: KeyResultDraft }) =>
        api.post<Accepted>('goals', `${path}/revisions`, revised),
      proposalId,
    ),
    resubmit: useProposalChange(() => api.post<Accepted>('goals', `${path}/resubmit`), proposalId),
    withdraw: useProposalChange(
      (reason: string) =>
        api.post<Accepted>('goals', `${path}/withdraw`, reason.trim() ? { reason } : {}),
      proposalId,
    ),
    approve: useProposalChange(
      () => api.post<Accepted & { objectiveId?: string }>('goals', `${path}/approve`),
      proposalId,
    ),
    return: useProposalChange(
      (reason: string) => api.post<Accepted>('goals', `${path}/return`, { reason }),
      proposalId,
    ),
  };
}

/** A step of setting up an objective failed; what came before it stands (a draft objective). */
export class ObjectiveSetUpFailed extends Error {
  constructor(
    readonly step: 'define' | 'key-result' | 'align' | 'activate',
    readonly objectiveId: string | undefined,
    override readonly cause: unknown,
  ) {
    super(`setting up the objective failed at ${step}`);
    this.name = 'ObjectiveSetUpFailed';
  }
}

export type ObjectiveOwner = { readonly kind: UnitKind | 'person'; readonly id: string };

export interface ObjectiveDefinition {
  readonly cycleId: string;
  readonly owner: ObjectiveOwner;
  readonly title: string;
  readonly description: string;
  readonly kind: ObjectiveKind;
  readonly visibility: Visibility;
  readonly keyResults: readonly KeyResultDraft[];
}

export interface ObjectiveFromTemplate {
  readonly templateId: string;
  readonly language: 'en' | 'nl';
  readonly cycleId: string;
  readonly owner: ObjectiveOwner;
  readonly kind: ObjectiveKind;
  readonly visibility: Visibility;
  readonly keyResults: readonly { index: number; baseline: number; owner: string }[];
}

export interface ObjectiveSetUp {
  /** Align it to this objective (it contributes to it). */
  readonly parentObjectiveId?: string;
  /** Activate it at once, so progress may be recorded. */
  readonly activate: boolean;
}

/** A refusal of one key result, its fields named as the form names them (`keyResults.1.title`). */
function fieldsUnder(prefix: string, error: unknown): unknown {
  if (!(error instanceof ApiError) || typeof error.body.fields !== 'object' || !error.body.fields) {
    return error;
  }
  const fields = Object.fromEntries(
    Object.entries(error.body.fields as Record<string, string>).map(([field, message]) => [
      `${prefix}.${field}`,
      message,
    ]),
  );
  return new ApiError(error.status, { ...error.body, fields });
}

/** Runs a step; its refusal carries the step and the objective made so far. */
async function step<T>(
  name: ObjectiveSetUpFailed['step'],
  objectiveId: string | undefined,
  run: () => Promise<T>,
): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new ObjectiveSetUpFailed(name, objectiveId, error);
  }
}

/**
 * Define an objective as its owner's lead: the draft (or one from a template), its key results,
 * its alignment, and activation — the goals service's commands in order.
 */
export function useSetUpObjective() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (
      input: ObjectiveSetUp &
        (
          | { readonly definition: ObjectiveDefinition }
          | { readonly fromTemplate: ObjectiveFromTemplate }
        ),
    ): Promise<{ objectiveId: string }> => {
      let objectiveId: string;
      if ('fromTemplate' in input) {
        ({ id: objectiveId } = await step('define', undefined, () =>
          api.post<Accepted>('goals', '/objectives/from-template', input.fromTemplate),
        ));
      } else {
        const { keyResults, ...objective } = input.definition;
        ({ id: objectiveId } = await step('define', undefined, () =>
          api.post<Accepted>('goals', '/objectives', objective),
        ));
        for (const [index, keyResult] of keyResults.entries()) {
          await step('key-result', objectiveId, () =>
            api
              .post<Accepted>('goals', `/objectives/${objectiveId}/key-results`, keyResult)
              .catch((error: unknown) => {
                throw fieldsUnder(`keyResults.${index}`, error);
              }),
          );
        }
      }
      const parentObjectiveId = input.parentObjectiveId;
      if (parentObjectiveId) {
        await step('align', objectiveId, () =>
          api.post<Accepted>('goals', `/objectives/${objectiveId}/alignments`, {
            parentObjectiveId,
          }),
        );
      }
      if (input.activate) {
        await step('activate', objectiveId, () =>
          api.post<Accepted>('goals', `/objectives/${objectiveId}/activate`),
        );
      }
      return { objectiveId };
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['goals'] }),
  });
}

export interface Ambition {
  readonly ambitionId: string;
  readonly kind: 'growth' | 'career';
  readonly title: string;
  readonly description: string;
  readonly status: 'open' | 'realised' | 'set-aside';
  readonly links: readonly {
    readonly kind: 'objective' | 'key-result';
    readonly objectiveId: string;
    readonly keyResultId?: string;
  }[];
}

const ambitionsKey = ['goals', 'ambitions', 'me'] as const;

/** My ambitions: private to me (the goals service answers them to nobody else). */
export function useMyAmbitions() {
  return useQuery({
    queryKey: ambitionsKey,
    queryFn: ({ signal }) =>
      api.get<Ambition[]>('goals', '/people/me/ambitions', undefined, signal),
  });
}

/** The OKRs I own or contribute to, to link an ambition to. */
export function useMyOkrs() {
  return useQuery({
    queryKey: ['goals', 'people', 'me', 'okrs'],
    queryFn: ({ signal }) =>
      api.get<{ owned: ObjectiveSummary[]; contributed: ObjectiveSummary[] }>(
        'goals',
        '/people/me/okrs',
        undefined,
        signal,
      ),
  });
}

export function useAmbitionActions() {
  const queryClient = useQueryClient();
  const change = <Input>(send: (input: Input) => Promise<Accepted>) => ({
    mutationFn: async (input: Input) => {
      const before = JSON.stringify(queryClient.getQueryData(ambitionsKey));
      const accepted = await send(input);
      await refetchUntilChanged(queryClient, ambitionsKey, before);
      return accepted;
    },
  });
  return {
    record: useMutation(
      change((input: { kind: Ambition['kind']; title: string; description: string }) =>
        api.post<Accepted>('goals', '/people/me/ambitions', input),
      ),
    ),
    link: useMutation(
      change((input: { ambitionId: string; objectiveId: string }) =>
        api.post<Accepted>('goals', `/people/me/ambitions/${input.ambitionId}/links`, {
          objectiveId: input.objectiveId,
        }),
      ),
    ),
    close: useMutation(
      change((input: { ambitionId: string; outcome: 'realised' | 'set-aside'; note: string }) =>
        api.post<Accepted>('goals', `/people/me/ambitions/${input.ambitionId}/close`, {
          outcome: input.outcome,
          note: input.note,
        }),
      ),
    ),
  };
}
