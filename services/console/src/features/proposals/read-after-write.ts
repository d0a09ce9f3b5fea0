import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { ApiError } from '../../api/http';

/**
 * The read models follow a command a moment later (projections of the event store), so right
 * after a change the screen asks again until the answer differs from what it showed before, for
 * a few seconds at most; the live stream would bring the change too, this makes it not wait on it.
 */
export async function refetchUntilChanged(
  queryClient: QueryClient,
  queryKey: QueryKey,
  before: string | undefined = JSON.stringify(queryClient.getQueryData(queryKey)),
): Promise<void> {
  for (let attempt = 0; attempt < 16; attempt += 1) {
    await queryClient.refetchQueries({ queryKey, exact: true });
    if (JSON.stringify(queryClient.getQueryData(queryKey)) !== before) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Something just made may not be in the read model yet: a 404 is asked again a few times. */
export const retryWhileNew = (failures: number, error: Error): boolean =>
  error instanceof ApiError && error.status === 404 ? failures < 6 : false;
