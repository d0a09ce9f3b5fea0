import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/http';
import type { ConfidenceLevel } from '../../ui';
import type { Blocker } from '../../checkins/blocker';

// What My week reads, as the services answer it (goals `/people/me/okrs`, checkins `/me/agenda`
// and a key result's check-ins, recognition's kudos received, org's people). Only the fields
// the screens show are typed.

export type UnitKind = 'tribe' | 'squad' | 'chapter' | 'guild';
export type OwnerKind = 'company' | UnitKind | 'person';

export interface Metric {
  readonly type: 'number' | 'percentage' | 'currency' | 'milestone';
  readonly unit: string;
  readonly start: number;
  readonly target: number;
  readonly direction: 'increase' | 'decrease';
}

export interface KeyResult {
  readonly keyResultId: string;
  readonly title: string;
  readonly metric: Metric;
  readonly current: number;
  /** Towards the target, 0…1. */
  readonly progress: number;
  /** The person who owns it (and owes its check-ins). */
  readonly owner: string;
  readonly weight: number;
  readonly achieved: boolean;
}

export interface Objective {
  readonly objectiveId: string;
  readonly cycleId: string;
  readonly title: string;
  readonly description: string;
  readonly owner: { readonly kind: OwnerKind; readonly id: string };
  readonly ownerName: string;
  readonly kind: 'committed' | 'aspirational';
  readonly visibility: 'public' | 'private';
  readonly status: 'draft' | 'active' | 'abandoned';
  readonly achieved: boolean;
  readonly progress: number | null;
  readonly rolledUpProgress: number | null;
  readonly keyResults: readonly KeyResult[];
  readonly parents: readonly string[];
  readonly children: readonly string[];
  readonly followers: readonly string[];
  readonly contributors: readonly string[];
}

export interface MyOkrs {
  readonly personId: string;
  readonly cycleId: string | null;
  readonly owned: readonly Objective[];
  readonly contributed: readonly Objective[];
  readonly followed: readonly (Objective & { readonly throughGuilds: readonly string[] })[];
}

export type Band = 'on-track' | 'at-risk' | 'off-track';

export interface CheckInNote {
  readonly progress: string;
  readonly obstacles: string;
  readonly nextSteps: string;
}

export interface CheckIn {
  readonly checkInId: string;
  readonly objectiveId: string;
  readonly keyResultId: string;
  readonly authorId: string;
  readonly value: number;
  /** 0…10: how sure of reaching the target. */
  readonly confidence: number;
  readonly band: Band;
  readonly note: CheckInNote;
  readonly blockerIds: readonly string[];
  readonly acknowledgers: readonly string[];
  readonly awaitingAcknowledgement: boolean;
  readonly acknowledgedBy?: string;
  readonly acknowledgedAt?: string;
  readonly recordedAt: string;
}

export interface KeyResultCheckIns {
  readonly objectiveId: string;
  readonly keyResultId: string;
  readonly title: string;
  readonly ownerId: string;
  /** The latest check-in: what to show when writing the next one. */
  readonly previous: CheckIn | null;
  /** Newest first. */
  readonly checkIns: readonly CheckIn[];
}

export interface Unit {
  readonly kind: UnitKind;
  readonly id: string;
}

export interface Overdue {
  readonly unit: Unit;
  readonly objectiveId: string;
  readonly keyResultId: string;
  readonly ownerId: string;
  readonly dueAt: string;
  readonly open: boolean;
}

export interface DueCheckIn {
  readonly objectiveId: string;
  readonly objectiveTitle: string;
  readonly keyResultId: string;
  readonly title: string;
  readonly unit: Unit | null;
  readonly standing: {
    readonly status: 'due' | 'checked-in' | 'overdue' | 'paused';
    readonly dueAt?: string;
  };
  readonly lastCheckIn: {
    readonly value: number;
    readonly confidence: number;
    readonly band: Band;
    readonly at: string;
  } | null;
}

export interface Agenda {
  /** Every key result I own, where it stands. */
  readonly due: readonly DueCheckIn[];
  readonly overdue: readonly Overdue[];
  readonly awaitingMyAcknowledgement: {
    readonly checkIns: readonly CheckIn[];
    readonly blockers: readonly Blocker[];
  };
  readonly overdueInMyCare: readonly Overdue[];
  readonly blockersIOwn: readonly Blocker[];
  readonly blockersWaitingOnMe: readonly Blocker[];
}

export interface Kudos {
  readonly kudosId: string;
  readonly giverId: string;
  readonly receiverIds: readonly string[];
  readonly message: string;
  readonly values: readonly string[];
  readonly audience: 'public' | 'private';
  readonly givenAt: string;
}

export interface PersonKudos {
  readonly personId: string;
  readonly kudos: readonly Kudos[];
  readonly next?: string;
}

export interface Person {
  readonly personId: string;
  readonly name: string;
}

/** A check-in band as the console's confidence colours name it. */
export const confidenceLevelOf = (band: Band | undefined): ConfidenceLevel => band ?? 'unknown';

export const myOkrsKey = ['goals', 'people', 'me', 'okrs'] as const;
export const agendaKey = ['checkins', 'agenda'] as const;
export const keyResultCheckInsKey = (objectiveId: string, keyResultId: string) =>
  ['checkins', 'check-ins', objectiveId, keyResultId] as const;

export function useMyOkrs() {
  return useQuery({
    queryKey: myOkrsKey,
    queryFn: ({ signal }) => api.get<MyOkrs>('goals', '/people/me/okrs', undefined, signal),
  });
}

export function useAgenda() {
  return useQuery({
    queryKey: agendaKey,
    queryFn: ({ signal }) => api.get<Agenda>('checkins', '/me/agenda', undefined, signal),
  });
}

export function useKeyResultCheckIns(objectiveId: string, keyResultId: string) {
  return useQuery({
    queryKey: keyResultCheckInsKey(objectiveId, keyResultId),
    queryFn: ({ signal }) =>
      api.get<KeyResultCheckIns>(
        'checkins',
        `/objectives/${objectiveId}/key-results/${keyResultId}/check-ins`,
        undefined,
        signal,
      ),
  });
}

export function useKudosReceived() {
  return useQuery({
    queryKey: ['recognition', 'people', 'me', 'kudos', 'received'],
    queryFn: ({ signal }) =>
      api.get<PersonKudos>('recognition', '/people/me/kudos/received', { limit: 10 }, signal),
  });
}

/** A person's name; the org directory is slow to change, so it is kept for ten minutes. */
export function usePerson(personId: string) {
  return useQuery({
    queryKey: ['org', 'person', personId],
    queryFn: ({ signal }) => api.get<Person>('org', `/people/${personId}`, undefined, signal),
    staleTime: 600_000,
    retry: false,
  });
}

export interface NewCheckIn {
  readonly checkInId: string;
  readonly value: number;
  readonly confidence: number;
  readonly note: CheckInNote;
}

/**
 * Records a check-in. The id is chosen by the form, once per submission, so a retry after a lost
 * answer records it once. The goals side refreshes at once; the checkins read side is refreshed
 * when it has the new check-in (see untilCheckInIsRead), so the form shows it as the previous one.
 */
export function useRecordCheckIn(objectiveId: string, keyResultId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (checkIn: NewCheckIn) =>
      api.post<{ checkInId: string }>(
        'checkins',
        `/objectives/${objectiveId}/key-results/${keyResultId}/check-ins`,
        checkIn,
      ),
    onSuccess: (_answer, checkIn) => {
      void queryClient.invalidateQueries({
        predicate: (query) =>
          query.queryKey[0] === 'goals' &&
          (query.queryKey.includes(objectiveId) || query.queryKey.includes('okrs')),
      });
      void untilCheckInIsRead(queryClient, objectiveId, keyResultId, checkIn.checkInId).then(() =>
        queryClient.invalidateQueries({
          predicate: (query) =>
            query.queryKey[0] === 'checkins' &&
            (query.queryKey[1] === 'agenda' || query.queryKey.includes(objectiveId)),
        }),
      );
    },
  });
}

const readSidePolls = 20;
const readSidePause = 250;

/**
 * The checkins service answers a check-in once it is stored; its read side shows it a moment
 * later (projections, ADR 0006). Refetching at once would show the check-in before it as the
 * previous one, so the key result's check-ins are read again until they hold the new one (about
 * five seconds at most; the live stream refreshes them after that anyway).
 */
export async function untilCheckInIsRead(
  queryClient: QueryClient,
  objectiveId: string,
  keyResultId: string,
  checkInId: string,
): Promise<void> {
  for (let poll = 0; poll < readSidePolls; poll++) {
    const history = await queryClient
      .fetchQuery({
        queryKey: keyResultCheckInsKey(objectiveId, keyResultId),
        queryFn: ({ signal }) =>
          api.get<KeyResultCheckIns>(
            'checkins',
            `/objectives/${objectiveId}/key-results/${keyResultId}/check-ins`,
            undefined,
            signal,
          ),
        staleTime: 0,
      })
      .catch(() => undefined);
    if (history?.checkIns.some((checkIn) => checkIn.checkInId === checkInId)) return;
    await new Promise((resolve) => setTimeout(resolve, readSidePause));
  }
}

export function useAcknowledgeCheckIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (checkIn: Pick<CheckIn, 'objectiveId' | 'keyResultId' | 'checkInId'>) =>
      api.post(
        'checkins',
        `/objectives/${checkIn.objectiveId}/key-results/${checkIn.keyResultId}/check-ins/${checkIn.checkInId}/acknowledge`,
        {},
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['checkins'] }),
  });
}

export type { Blocker } from '../../checkins/blocker';
