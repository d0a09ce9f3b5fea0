import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/http';
import type { Blocker, Objective, UnitKind } from '../my-week/api';

// What the Objective screen reads and changes: goals' objective, its cycle and audit history;
// checkins' blockers, check-in threads and guild insights; org's guild names.

export interface ObjectiveDetail extends Objective {
  readonly fromProposalId: string | null;
  readonly fromTemplateId: string | null;
  readonly definedAt: string;
  readonly updatedAt: string;
}

export interface Cycle {
  readonly cycleId: string;
  readonly name: string;
  readonly startsOn: string;
  readonly endsOn: string;
}

/** One field an event changed, before → after (null before: added; null after: removed). */
export interface AuditChange {
  readonly field: string;
  readonly before: unknown;
  readonly after: unknown;
}

export interface HistoryEntry {
  readonly eventId: string;
  readonly objectiveId: string;
  readonly keyResultId: string | null;
  readonly revision: number;
  readonly eventType: string;
  readonly actor: string;
  readonly occurredAt: string;
  readonly reason: string | null;
  readonly changes: readonly AuditChange[];
}

export const reactions = ['thumbs-up', 'celebrate', 'eyes', 'thanks'] as const;
export type Reaction = (typeof reactions)[number];

export interface Comment {
  readonly commentId: string;
  readonly deleted: boolean;
  readonly authorId?: string;
  readonly text?: string;
  readonly postedAt: string;
  readonly editedAt?: string;
}

export interface Thread {
  /** Who gave each reaction; a reaction nobody gave is left out. */
  readonly reactions: Partial<Record<Reaction, readonly string[]>>;
  readonly comments: readonly Comment[];
}

export interface Insight {
  readonly insightId: string;
  readonly objectiveId: string;
  readonly guildId: string;
  readonly authorId: string;
  readonly title: string;
  readonly body: string;
  readonly postedAt: string;
}

export const objectiveKey = (objectiveId: string) => ['goals', 'objective', objectiveId] as const;

export function useObjective(objectiveId: string) {
  return useQuery({
    queryKey: objectiveKey(objectiveId),
    queryFn: ({ signal }) =>
      api.get<ObjectiveDetail>('goals', `/objectives/${objectiveId}`, undefined, signal),
  });
}

export function useCycle(cycleId: string) {
  return useQuery({
    queryKey: ['goals', 'cycle', cycleId],
    queryFn: ({ signal }) => api.get<Cycle>('goals', `/cycles/${cycleId}`, undefined, signal),
    staleTime: 600_000,
  });
}

export function useObjectiveHistory(objectiveId: string) {
  return useQuery({
    queryKey: ['goals', 'objective-history', objectiveId],
    queryFn: ({ signal }) =>
      api.get<HistoryEntry[]>('goals', `/objectives/${objectiveId}/history`, undefined, signal),
  });
}

export function useKeyResultHistory(objectiveId: string, keyResultId: string) {
  return useQuery({
    queryKey: ['goals', 'key-result-history', objectiveId, keyResultId],
    queryFn: ({ signal }) =>
      api.get<HistoryEntry[]>(
        'goals',
        `/objectives/${objectiveId}/key-results/${keyResultId}/history`,
        undefined,
        signal,
      ),
  });
}

export function useObjectiveBlockers(objectiveId: string) {
  return useQuery({
    queryKey: ['checkins', 'blockers', objectiveId],
    queryFn: ({ signal }) =>
      api.get<Blocker[]>('checkins', `/objectives/${objectiveId}/blockers`, undefined, signal),
  });
}

export function useObjectiveInsights(objectiveId: string) {
  return useQuery({
    queryKey: ['checkins', 'insights', objectiveId],
    queryFn: ({ signal }) =>
      api.get<Insight[]>('checkins', `/objectives/${objectiveId}/insights`, undefined, signal),
  });
}

export function useGuild(guildId: string) {
  return useQuery({
    queryKey: ['org', 'guild', guildId],
    queryFn: ({ signal }) =>
      api.get<{ readonly name: string }>('org', `/guilds/${guildId}`, undefined, signal),
    staleTime: 600_000,
    retry: false,
  });
}

/** Where a check-in's thread lives in the checkins API. */
export interface CheckInAddress {
  readonly objectiveId: string;
  readonly keyResultId: string;
  readonly checkInId: string;
}

const threadPath = (at: CheckInAddress) =>
  `/objectives/${at.objectiveId}/key-results/${at.keyResultId}/check-ins/${at.checkInId}`;

export function useCheckInThread(at: CheckInAddress) {
  return useQuery({
    queryKey: ['checkins', 'thread', at.objectiveId, at.checkInId],
    queryFn: ({ signal }) =>
      api.get<Thread>('checkins', `${threadPath(at)}/comments`, undefined, signal),
  });
}

export function useCommentOnCheckIn(at: CheckInAddress) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (text: string) =>
      api.post('checkins', `${threadPath(at)}/comments`, {
        commentId: crypto.randomUUID(),
        text,
      }),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: ['checkins', 'thread', at.objectiveId] }),
  });
}

/** Give a reaction, or take mine back: each kind once per person. */
export function useReactToCheckIn(at: CheckInAddress) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ reaction, given }: { reaction: Reaction; given: boolean }) =>
      given
        ? api.delete('checkins', `${threadPath(at)}/reactions/${reaction}`)
        : api.put('checkins', `${threadPath(at)}/reactions/${reaction}`, {}),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: ['checkins', 'thread', at.objectiveId] }),
  });
}

/** Who a new blocker waits on: a person, a unit (its lead), or a party outside the organisation. */
export type WaitsOn =
  | { readonly kind: 'person'; readonly personId: string }
  | { readonly kind: 'unit'; readonly unitKind: UnitKind; readonly unitId: string }
  | { readonly kind: 'outside'; readonly name: string };

export interface NewBlocker {
  readonly target: {
    readonly kind: 'key-result' | 'objective';
    readonly objectiveId: string;
    readonly keyResultId?: string;
  };
  readonly description: string;
  readonly waitsOn: WaitsOn;
}

const refreshBlockers = (queryClient: ReturnType<typeof useQueryClient>, objectiveId: string) =>
  queryClient.invalidateQueries({
    predicate: (query) =>
      query.queryKey[0] === 'checkins' &&
      (query.queryKey.includes(objectiveId) || query.queryKey[1] === 'agenda'),
  });

export function useRaiseBlocker(objectiveId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (blocker: NewBlocker) =>
      api.post('checkins', '/blockers', { blockerId: crypto.randomUUID(), ...blocker }),
    onSuccess: () => refreshBlockers(queryClient, objectiveId),
  });
}

export type BlockerAction = 'acknowledge' | 'escalate' | 'resolve';

export function useBlockerAction(objectiveId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      blockerId,
      action,
      note,
    }: {
      blockerId: string;
      action: BlockerAction;
      note?: string;
    }) =>
      api.post(
        'checkins',
        `/blockers/${blockerId}/${action}`,
        action === 'resolve' ? { note } : {},
      ),
    onSuccess: () => refreshBlockers(queryClient, objectiveId),
  });
}

export interface Proposal {
  readonly proposalId: string;
  readonly cycleId: string;
  readonly proposer: string;
  readonly subject:
    | { readonly kind: 'objective'; readonly draft: { readonly title: string } }
    | {
        readonly kind: 'key-result';
        readonly objectiveId: string;
        readonly draft: { readonly title: string };
      };
  readonly status: 'open' | 'returned' | 'approved' | 'withdrawn';
  readonly proposedAt: string;
}

/**
 * The proposals about an objective: the one it was set from, and the key results proposed for
 * it. Goals lists proposals per unit and cycle (not per objective), so those of the owning unit
 * are read and picked here; an objective owned by the company or a person has none.
 */
export function useObjectiveProposals(objective: {
  readonly objectiveId: string;
  readonly cycleId: string;
  readonly owner: { readonly kind: string; readonly id: string };
  readonly fromProposalId: string | null;
}) {
  const { objectiveId, cycleId, owner, fromProposalId } = objective;
  const byUnit = ['tribe', 'squad', 'chapter', 'guild'].includes(owner.kind);
  return useQuery({
    queryKey: ['goals', 'proposals', owner.kind, owner.id, cycleId, objectiveId],
    enabled: byUnit,
    queryFn: async ({ signal }) => {
      const proposals = await api.get<Proposal[]>(
        'goals',
        '/proposals',
        { kind: owner.kind, unitId: owner.id, cycleId },
        signal,
      );
      return proposals.filter(
        (proposal) =>
          proposal.proposalId === fromProposalId ||
          (proposal.subject.kind === 'key-result' && proposal.subject.objectiveId === objectiveId),
      );
    },
  });
}
