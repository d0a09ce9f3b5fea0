import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/http';
import type { Cycle, CycleStatus } from '../../goals/cycles';

// The goals service's OKR tree, its time travel and its board links, as the console reads them
// (services/goals/src/application/queries/okr.queries.ts, okr-tree.view.ts, time-travel.queries.ts).

export type OwnerKind = 'company' | 'tribe' | 'squad' | 'chapter' | 'guild' | 'person';

export interface Owner {
  readonly kind: OwnerKind;
  readonly id: string;
}

export interface KeyResult {
  readonly keyResultId: string;
  readonly title: string;
  readonly metric: {
    readonly type: string;
    readonly unit: string;
    readonly start: number;
    readonly target: number;
    readonly direction: 'increase' | 'decrease';
  };
  readonly current: number;
  /** Towards the target, 0…1. */
  readonly progress: number;
  readonly owner: string;
  readonly weight: number;
  readonly achieved: boolean;
}

export interface Objective {
  readonly objectiveId: string;
  readonly cycleId: string;
  readonly title: string;
  readonly owner: Owner;
  readonly ownerName: string;
  readonly visibility: 'public' | 'private';
  readonly status: 'draft' | 'active' | 'scored' | 'abandoned';
  readonly achieved: boolean;
  readonly progress: number | null;
  /** With the objectives aligned to it; null when nothing has progress. */
  readonly rolledUpProgress: number | null;
  readonly keyResults: readonly KeyResult[];
  readonly parents: readonly string[];
  readonly children: readonly string[];
}

export interface OwnerNode {
  readonly kind: OwnerKind;
  readonly id: string;
  readonly name: string;
  readonly objectiveIds: readonly string[];
  /** Mean rolled-up progress of its objectives; null when none has progress. */
  readonly progress: number | null;
}

export interface TribeNode extends OwnerNode {
  readonly squads: readonly OwnerNode[];
  readonly chapters: readonly OwnerNode[];
}

export interface CycleTree {
  readonly cycle: Cycle;
  /** The moment shown, or null for now. */
  readonly asOf: string | null;
  readonly objectives: readonly Objective[];
  readonly roots: readonly string[];
  readonly company: OwnerNode | null;
  readonly tribes: readonly TribeNode[];
  readonly guilds: readonly OwnerNode[];
  readonly people: readonly OwnerNode[];
  readonly unplaced: readonly OwnerNode[];
}

export interface Change<T> {
  readonly before: T;
  readonly after: T;
}

/** Who made a change, when and why. */
export interface ChangeRecord {
  readonly eventType: string;
  readonly actor: string;
  readonly occurredAt: string;
  readonly reason?: string;
}

interface KeyResultRef {
  readonly objectiveId: string;
  readonly keyResultId: string;
}

/** One net change between two dates (services/goals/src/domain/time-travel/okr-diff.ts). */
export type OkrChange = { readonly because: readonly ChangeRecord[] } & (
  | { readonly kind: 'cycle-status-changed'; readonly status: Change<CycleStatus> }
  | {
      readonly kind: 'objective-created';
      readonly objectiveId: string;
      readonly title: string;
      readonly owner: Owner;
      readonly keyResults: readonly string[];
    }
  | {
      readonly kind: 'objective-status-changed';
      readonly objectiveId: string;
      readonly status: Change<string>;
    }
  | {
      readonly kind: 'objective-renamed';
      readonly objectiveId: string;
      readonly title: Change<string>;
      readonly description: Change<string>;
    }
  | {
      readonly kind: 'objective-owner-changed';
      readonly objectiveId: string;
      readonly owner: Change<Owner>;
    }
  | {
      readonly kind: 'objective-visibility-changed';
      readonly objectiveId: string;
      readonly visibility: Change<string>;
    }
  | {
      readonly kind: 'aligned' | 'unaligned';
      readonly objectiveId: string;
      readonly parentObjectiveId: string;
    }
  | (KeyResultRef & {
      readonly kind: 'key-result-added';
      readonly title: string;
      readonly target: number;
    })
  | (KeyResultRef & { readonly kind: 'key-result-dropped'; readonly title: string })
  | (KeyResultRef & { readonly kind: 'key-result-renamed'; readonly title: Change<string> })
  | (KeyResultRef & {
      readonly kind: 'target-adjusted';
      readonly target: Change<number>;
      readonly lowersAmbition: boolean;
    })
  | (KeyResultRef & { readonly kind: 'key-result-owner-changed'; readonly owner: Change<string> })
  | (KeyResultRef & { readonly kind: 'weight-changed'; readonly weight: Change<number> })
  | (KeyResultRef & {
      readonly kind: 'progressed';
      readonly value: Change<number>;
      readonly progress: Change<number>;
    })
);

export interface OkrChanges {
  readonly cycleId: string;
  readonly from: string;
  readonly to: string;
  readonly changes: readonly OkrChange[];
}

/** The tree now (asOf undefined) or as it stood at asOf; the previous tree stays while the next loads. */
export function useCycleTree(cycleId: string | undefined, asOf: string | undefined) {
  return useQuery({
    queryKey: ['goals', 'tree', cycleId, asOf ?? 'now'],
    queryFn: ({ signal }) =>
      api.get<CycleTree>(
        'goals',
        `/cycles/${encodeURIComponent(cycleId ?? '')}/tree`,
        { asOf },
        signal,
      ),
    enabled: cycleId !== undefined,
    placeholderData: keepPreviousData,
  });
}

export function useCycleChanges(
  cycleId: string | undefined,
  window: { readonly from: string; readonly to: string } | undefined,
) {
  return useQuery({
    queryKey: ['goals', 'changes', cycleId, window?.from, window?.to],
    queryFn: ({ signal }) =>
      api.get<OkrChanges>(
        'goals',
        `/cycles/${encodeURIComponent(cycleId ?? '')}/changes`,
        { from: window?.from, to: window?.to },
        signal,
      ),
    enabled: cycleId !== undefined && window !== undefined && window.from < window.to,
    placeholderData: keepPreviousData,
  });
}

/** When the records behind the changes in (from, to] were made, in ms. */
async function changeMomentsBetween(cycleId: string, from: number, to: number): Promise<number[]> {
  const answer = await api.get<OkrChanges>(
    'goals',
    `/cycles/${encodeURIComponent(cycleId)}/changes`,
    { from: new Date(from).toISOString(), to: new Date(to).toISOString() },
  );
  return answer.changes
    .flatMap((change) => change.because.map((record) => Date.parse(record.occurredAt)))
    .filter((moment) => moment > from && moment <= to);
}

/**
 * The latest change at or before `at`. A diff gives net changes, so an objective created in the
 * window carries only its creation, not the check-ins after it: ask again from the latest moment
 * found until nothing later turns up (a few rounds; each starts after what the last one found).
 */
export async function latestChangeAtOrBefore(
  cycle: Pick<Cycle, 'cycleId' | 'startsOn'>,
  at: number,
): Promise<number | undefined> {
  let from = Date.parse(`${cycle.startsOn}T00:00:00Z`);
  let latest: number | undefined;
  for (let round = 0; round < 10 && from < at; round += 1) {
    const moments = await changeMomentsBetween(cycle.cycleId, from, at);
    if (moments.length === 0) break;
    latest = Math.max(...moments);
    from = latest;
  }
  return latest;
}

/** The earliest change after `after` (up to `until`): the first record of what changed since. */
export async function earliestChangeAfter(
  cycle: Pick<Cycle, 'cycleId'>,
  after: number,
  until: number,
): Promise<number | undefined> {
  if (after >= until) return undefined;
  const moments = await changeMomentsBetween(cycle.cycleId, after, until);
  return moments.length === 0 ? undefined : Math.min(...moments);
}

/**
 * The confidence of a key result's latest check-in (the checkins service), asked only for the key
 * results a person opens: the tree's answer carries progress, not confidence. Null without one.
 */
export function useLatestConfidence(objectiveId: string, keyResultId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['checkins', 'latest-confidence', objectiveId, keyResultId],
    queryFn: async ({ signal }) => {
      const answer = await api.get<{
        previous: { band: ConfidenceBand; confidence: number } | null;
      }>(
        'checkins',
        `/objectives/${encodeURIComponent(objectiveId)}/key-results/${encodeURIComponent(keyResultId)}/check-ins`,
        undefined,
        signal,
      );
      return answer.previous;
    },
    enabled,
    retry: false,
  });
}

export type ConfidenceBand = 'on-track' | 'at-risk' | 'off-track';

// Board links (services/goals/src/boards): a signed, revocable link to a read-only TV board.

export interface BoardScope {
  readonly kind: 'company' | 'tribe' | 'squad' | 'chapter' | 'guild';
  readonly unitId?: string;
}

/** A board link as the goals service lists it; its token is given out only when it is made. */
export interface BoardLink {
  readonly boardId: string;
  readonly title: string;
  readonly scope: { readonly kind: BoardScope['kind']; readonly id: string };
  readonly cycleId: string;
  readonly status: 'shown' | 'revoked';
  readonly createdAt: string;
  readonly createdBy: string;
}

export interface BoardCreated {
  readonly boardId: string;
  readonly token: string;
}

export function useBoardLinks(enabled: boolean) {
  return useQuery({
    queryKey: ['goals', 'boards'],
    queryFn: async ({ signal }) => {
      const answer = await api.get<BoardLink[] | { boards: BoardLink[] }>(
        'goals',
        '/boards',
        undefined,
        signal,
      );
      return Array.isArray(answer) ? answer : answer.boards;
    },
    enabled,
  });
}

export function useCreateBoardLink() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (board: { scope: BoardScope; cycleId: string; title?: string }) =>
      api.post<BoardCreated>('goals', '/boards', board),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['goals', 'boards'] }),
  });
}

export function useRevokeBoardLink() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (boardId: string) =>
      api.delete<unknown>('goals', `/boards/${encodeURIComponent(boardId)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['goals', 'boards'] }),
  });
}
