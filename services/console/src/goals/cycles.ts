import { useQuery } from '@tanstack/react-query';
import { api } from '../api/http';

// The organisation's OKR cycles (goals `GET /cycles`), read once under one key for every screen
// that picks a cycle or starts from the current one.

export type CycleStatus = 'none' | 'planning' | 'active' | 'review' | 'closed';

export interface Cycle {
  readonly cycleId: string;
  readonly name: string;
  /** A date, e.g. 2026-01-01. */
  readonly startsOn: string;
  readonly endsOn: string;
  readonly status: CycleStatus;
}

/** The cycles, newest first. */
export function useCycles() {
  return useQuery({
    queryKey: ['goals', 'cycles'],
    queryFn: ({ signal }) => api.get<Cycle[]>('goals', '/cycles', undefined, signal),
    staleTime: 60_000,
  });
}

/** The cycle to start from: the active one, else the newest. */
export function currentCycle(cycles: readonly Cycle[] | undefined): Cycle | undefined {
  return cycles?.find((cycle) => cycle.status === 'active') ?? cycles?.[0];
}
