import { useQuery } from '@tanstack/react-query';
import { request } from '../../api/http';

// A TV board by its signed link (the gateway's /api/boards/:token → goals GET /boards/view/:token):
// a unit's or the company's public objectives of one cycle, read without signing in.

export interface BoardKeyResult {
  readonly keyResultId: string;
  readonly title: string;
  readonly current: number;
  readonly progress: number;
  readonly achieved: boolean;
  readonly metric: { readonly unit: string; readonly target: number; readonly type: string };
}

export interface BoardObjective {
  readonly objectiveId: string;
  readonly title: string;
  readonly owner: { readonly kind: string; readonly id: string };
  readonly ownerName: string;
  readonly status: string;
  readonly achieved: boolean;
  readonly progress: number | null;
  readonly rolledUpProgress: number | null;
  readonly keyResults: readonly BoardKeyResult[];
}

export interface BoardView {
  readonly title: string;
  readonly scope: { readonly kind: string; readonly id: string; readonly name: string };
  readonly cycle: {
    readonly id: string;
    readonly name: string;
    readonly startsOn: string;
    readonly endsOn: string;
  };
  readonly organisationName: string;
  readonly objectives: readonly BoardObjective[];
  readonly asOf: string;
}

/** Screens stay up for days: a live change refreshes the board, and a poll covers a lost stream. */
export const boardPollMs = 60_000;

export function useBoard(token: string) {
  return useQuery({
    // Starts with the service name, so the board's live stream refreshes it.
    queryKey: ['goals', 'board', token],
    queryFn: ({ signal }) =>
      request<BoardView>('boards', `/${encodeURIComponent(token)}`, { signal }),
    refetchInterval: boardPollMs,
    refetchIntervalInBackground: true,
  });
}
