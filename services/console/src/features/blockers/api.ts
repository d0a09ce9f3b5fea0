import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/http';
import type { ObjectiveSummary } from '../proposals/api';
import type { UnitRef } from '../../org/org-directory';
import { refetchUntilChanged } from '../proposals/read-after-write';
import type { Blocker } from '../../checkins/blocker';

// The checkins service's blockers (services/checkins/src/application/blockers) and a unit's
// statistics; keys start with 'checkins' so a live change refreshes the board.

export interface Durations {
  readonly count: number;
  readonly pending: number;
  readonly p50Ms: number | null;
  readonly p90Ms: number | null;
}

export interface UnitBlockerStatistics {
  readonly asOf: string;
  readonly window: { readonly weeks: number; readonly from: string };
  readonly blockers: {
    readonly raised: number;
    readonly toAcknowledge: Durations;
    readonly toResolve: Durations;
  };
}

/** The objectives of several units in a cycle (the same queries as one unit's, so shared). */
export function useObjectivesOfUnits(units: readonly UnitRef[], cycleId: string) {
  return useQueries({
    queries: units.map((unit) => ({
      queryKey: ['goals', 'unit-objectives', unit.kind, unit.id, cycleId],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        api
          .get<{
            objectives: ObjectiveSummary[];
          }>('goals', `/units/${unit.kind}/${unit.id}/objectives`, { cycleId }, signal)
          .then((answer) => answer.objectives),
    })),
    combine: (results) => ({
      objectives: results.flatMap((result) => result.data ?? []),
      isPending: results.some((result) => result.isPending),
      error: results.find((result) => result.isError)?.error,
    }),
  });
}

/** The blockers of each objective, newest first, together (one request per objective). */
export function useBlockersOf(objectiveIds: readonly string[]) {
  return useQueries({
    queries: objectiveIds.map((objectiveId) => ({
      queryKey: ['checkins', 'blockers', 'objective', objectiveId],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        api.get<Blocker[]>('checkins', `/objectives/${objectiveId}/blockers`, undefined, signal),
    })),
    combine: (results) => ({
      blockers: results.flatMap((result) => result.data ?? []),
      isPending: results.some((result) => result.isPending),
      error: results.find((result) => result.isError)?.error,
      refetch: () => results.forEach((result) => void result.refetch()),
    }),
  });
}

/** The unit's blocker times (p50 and p90 to acknowledge and to resolve) over the last weeks. */
export function useUnitBlockerStatistics(unit: UnitRef | undefined) {
  return useQuery({
    queryKey: ['checkins', 'statistics', 'unit', unit?.kind, unit?.id],
    enabled: Boolean(unit),
    queryFn: ({ signal }) =>
      api.get<UnitBlockerStatistics>(
        'checkins',
        `/statistics/units/${unit?.kind}/${unit?.id}`,
        undefined,
        signal,
      ),
  });
}

/**
 * Acknowledge, escalate, resolve: each waits until the objective's blockers show the change (the
 * read model follows the command), then refreshes the unit's figures.
 */
export function useBlockerActions(objectiveId: string) {
  const queryClient = useQueryClient();
  const blockersKey = ['checkins', 'blockers', 'objective', objectiveId];
  const change = <Input>(send: (input: Input) => Promise<unknown>) => ({
    mutationFn: async (input: Input) => {
      const before = JSON.stringify(queryClient.getQueryData(blockersKey));
      await send(input);
      await refetchUntilChanged(queryClient, blockersKey, before);
      await queryClient.invalidateQueries({ queryKey: ['checkins', 'statistics'] });
    },
  });
  return {
    acknowledge: useMutation(
      change((blockerId: string) =>
        api.post<{ id: string }>('checkins', `/blockers/${blockerId}/acknowledge`),
      ),
    ),
    escalate: useMutation(
      change((blockerId: string) =>
        api.post<{ id: string }>('checkins', `/blockers/${blockerId}/escalate`),
      ),
    ),
    resolve: useMutation(
      change(({ blockerId, note }: { blockerId: string; note: string }) =>
        api.post<{ id: string }>('checkins', `/blockers/${blockerId}/resolve`, { note }),
      ),
    ),
  };
}

export type { Blocker } from '../../checkins/blocker';
