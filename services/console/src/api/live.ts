import type { LiveChange } from '@rhythm/contracts/live';
import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';

type Listener = (change: LiveChange) => void;
const listeners = new Set<Listener>();

/** Calls `listener` for every live change while the component is mounted. */
export function useLiveChanges(listener: Listener): void {
  useEffect(() => {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, [listener]);
}

/**
 * Opens the gateway's live stream (`/api/live`, or a TV board's) once for the whole console and
 * refreshes what is on screen when something it shows changes: every query of the service the
 * change came from, and every query whose key names one of the changed ids. Only mounted queries
 * refetch (TanStack Query), so a change costs the screen in view, not the whole console.
 * The browser's EventSource reconnects by itself; the gateway sends a change only to those who may
 * see its subject.
 */
export function useLiveStream(url: string | null): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!url || typeof EventSource === 'undefined') return;
    const source = new EventSource(url);
    const onChange = (message: MessageEvent<string>) => {
      const change = JSON.parse(message.data) as LiveChange;
      void refreshFor(queryClient, change);
      for (const listener of listeners) listener(change);
    };
    source.addEventListener('change', onChange);
    return () => {
      source.removeEventListener('change', onChange);
      source.close();
    };
  }, [url, queryClient]);
}

export function refreshFor(queryClient: QueryClient, change: LiveChange): Promise<void> {
  const ids = new Set(change.subjects.map((subject) => subject.id));
  return queryClient.invalidateQueries({
    predicate: (query) =>
      query.queryKey[0] === change.service ||
      query.queryKey.some((part) => typeof part === 'string' && ids.has(part)),
  });
}
