import {
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import { api, ApiError } from '../../api/http';

// The recognition service's reads and commands, as the console uses them (services/recognition,
// its README's API table). Keys start with 'recognition' so the live stream refreshes them.

export type UnitKind = 'tribe' | 'squad' | 'chapter' | 'guild';
export interface Unit {
  readonly kind: UnitKind;
  readonly id: string;
}

export const kudosReactions = ['applause', 'celebrate', 'heart', 'thumbs-up'] as const;
export type KudosReaction = (typeof kudosReactions)[number];

export interface KudosSubject {
  readonly kind: 'objective' | 'key-result' | 'check-in' | 'blocker';
  readonly objectiveId: string;
  readonly keyResultId?: string;
  readonly checkInId?: string;
  readonly blockerId?: string;
}

export interface KudosComment {
  readonly commentId: string;
  readonly authorId: string;
  readonly text: string;
  readonly commentedAt: string;
}

export interface Kudos {
  readonly kudosId: string;
  readonly giverId: string;
  readonly receiverIds: readonly string[];
  readonly unit?: Unit;
  readonly message: string;
  readonly values: readonly string[];
  readonly about?: KudosSubject;
  readonly audience: 'public' | 'private';
  readonly reactions: Partial<Record<KudosReaction, { count: number; by: readonly string[] }>>;
  readonly comments: readonly KudosComment[];
  readonly givenAt: string;
}

export type Achievement =
  | {
      kind: 'key-result-achieved';
      cycleId: string;
      objectiveId: string;
      keyResultId: string;
      value: number;
      target: number;
    }
  | { kind: 'objective-achieved'; cycleId: string; objectiveId: string }
  | {
      kind: 'objective-scored';
      cycleId: string;
      objectiveId: string;
      score: number;
      success: boolean;
    }
  | { kind: 'blocker-resolved'; objectiveId: string; blockerId: string; resolvedBy: string }
  | { kind: 'streak-milestone'; personId: string; weeks: number; streakStartedOn: string };

export interface Celebration {
  readonly achievementKey: string;
  readonly achievement: Achievement;
  readonly walls: readonly Unit[];
  readonly visibility: 'public' | 'private';
  readonly objectiveTitle?: string;
  readonly keyResultTitle?: string;
  readonly celebratedAt: string;
  /** The service's own text, in the language the browser asked for. */
  readonly text: string;
}

export interface StorySubject {
  readonly kind: 'objective' | 'key-result';
  readonly objectiveId: string;
  readonly keyResultId?: string;
}

export interface Helpers {
  readonly personIds: readonly string[];
  readonly units: readonly Unit[];
}

export type StoryStatus = 'draft' | 'published' | 'withdrawn';

export interface Story {
  readonly storyId: string;
  readonly kind: 'success' | 'lessons-learned';
  readonly about: StorySubject;
  readonly unit?: Unit;
  readonly authorId: string;
  readonly draftedBy: string;
  readonly helpedBy: Helpers;
  readonly title: string;
  readonly whatWasDone: string;
  readonly whatWasLearned: string;
  readonly status: StoryStatus;
  readonly draftedAt: string;
  readonly publishedAt?: string;
  readonly withdrawnAt?: string;
  readonly withdrawalReason?: string;
}

export type WallItem =
  | { readonly item: 'kudos'; readonly at: string; readonly kudos: Kudos }
  | { readonly item: 'celebration'; readonly at: string; readonly celebration: Celebration }
  | { readonly item: 'story'; readonly at: string; readonly story: Story };

export interface WallPage {
  readonly wall: string;
  readonly items: readonly WallItem[];
  readonly next?: string;
}

export interface RecognitionSettings {
  readonly values: readonly string[];
  readonly streakMilestones: readonly number[];
  readonly kudosPerHour: number;
}

export interface GiveKudos {
  readonly kudosId?: string;
  readonly to: { readonly personIds: readonly string[]; readonly unit?: Unit };
  readonly message: string;
  readonly values?: readonly string[];
  readonly about?: KudosSubject;
  readonly audience: 'public' | 'private';
}

export interface StoryText {
  readonly title: string;
  readonly whatWasDone: string;
  readonly whatWasLearned?: string;
  readonly helpedBy: Helpers;
}

export interface DraftStory extends StoryText {
  readonly storyId?: string;
  readonly about: StorySubject;
}

interface Accepted {
  readonly id: string;
  readonly revision: number;
}

/** The limits the service holds a kudos to (services/recognition, input-rules.ts). */
export const kudosLimits = { message: 1000, people: 20, values: 5, comment: 2000 } as const;

export const recognitionKeys = {
  all: ['recognition'] as const,
  feed: ['recognition', 'feed'] as const,
  wall: (unit: Unit) => ['recognition', 'wall', unit.kind, unit.id] as const,
  kudos: (kudosId: string) => ['recognition', 'kudos', kudosId] as const,
  story: (storyId: string) => ['recognition', 'story', storyId] as const,
  celebration: (key: string) => ['recognition', 'celebration', key] as const,
  settings: ['recognition', 'settings'] as const,
};

const pageSize = 20;

function useWallPages(key: readonly unknown[], path: string) {
  return useInfiniteQuery({
    queryKey: key,
    queryFn: ({ pageParam, signal }) =>
      api.get<WallPage>('recognition', path, { limit: pageSize, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next,
  });
}

/** The organisation's feed: public kudos, celebrations and published stories, newest first. */
export const useFeed = () => useWallPages(recognitionKeys.feed, '/feed');

/** A unit's wall. */
export const useWall = (unit: Unit) =>
  useWallPages(
    recognitionKeys.wall(unit),
    `/units/${unit.kind}/${encodeURIComponent(unit.id)}/wall`,
  );

export const useKudos = (kudosId: string) =>
  useQuery({
    queryKey: recognitionKeys.kudos(kudosId),
    queryFn: ({ signal }) =>
      api.get<Kudos>('recognition', `/kudos/${encodeURIComponent(kudosId)}`, undefined, signal),
  });

export const useStory = (storyId: string) =>
  useQuery({
    queryKey: recognitionKeys.story(storyId),
    queryFn: ({ signal }) =>
      api.get<Story>('recognition', `/stories/${encodeURIComponent(storyId)}`, undefined, signal),
  });

export const useCelebration = (achievementKey: string) =>
  useQuery({
    queryKey: recognitionKeys.celebration(achievementKey),
    queryFn: ({ signal }) =>
      api.get<Celebration>(
        'recognition',
        `/celebrations/${encodeURIComponent(achievementKey)}`,
        undefined,
        signal,
      ),
  });

export const useRecognitionSettings = () =>
  useQuery({
    queryKey: recognitionKeys.settings,
    queryFn: ({ signal }) =>
      api.get<RecognitionSettings>('recognition', '/settings', undefined, signal),
    staleTime: 5 * 60_000,
  });

/** Walls, the feed and the kudos itself show what a change to a kudos touched. */
const refreshRecognition = (queryClient: QueryClient) =>
  queryClient.invalidateQueries({ queryKey: recognitionKeys.all });

export function useGiveKudos() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (kudos: GiveKudos) => api.post<Accepted>('recognition', '/kudos', kudos),
    onSuccess: () => refreshRecognition(queryClient),
  });
}

export function useReaction(kudosId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ reaction, given }: { reaction: KudosReaction; given: boolean }) =>
      given
        ? api.delete<Accepted>('recognition', `/kudos/${kudosId}/reactions/${reaction}`)
        : api.post<Accepted>('recognition', `/kudos/${kudosId}/reactions`, { reaction }),
    onSuccess: () => refreshRecognition(queryClient),
  });
}

export function useCommentOnKudos(kudosId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (text: string) =>
      api.post<Accepted>('recognition', `/kudos/${kudosId}/comments`, { text }),
    onSuccess: () => refreshRecognition(queryClient),
  });
}

export function useWithdrawKudos(kudosId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<Accepted>('recognition', `/kudos/${kudosId}/withdraw`),
    onSuccess: () => refreshRecognition(queryClient),
  });
}

export function useDraftStory() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (story: DraftStory) => api.post<Accepted>('recognition', '/stories', story),
    onSuccess: () => refreshRecognition(queryClient),
  });
}

export function useReviseStory(storyId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (text: StoryText) => api.put<Accepted>('recognition', `/stories/${storyId}`, text),
    onSuccess: () => refreshRecognition(queryClient),
  });
}

export function usePublishStory(storyId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<Accepted>('recognition', `/stories/${storyId}/publish`),
    onSuccess: () => refreshRecognition(queryClient),
  });
}

export function useWithdrawStory(storyId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) =>
      api.post<Accepted>('recognition', `/stories/${storyId}/withdraw`, { reason }),
    onSuccess: () => refreshRecognition(queryClient),
  });
}

/**
 * The services name each field at fault in `fields` (ADR 0008): `{ "message": "…" }`, nested ones
 * with dots (`to.personIds`). The message for a field and those under it.
 */
export function fieldError(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const fields = error.body.fields;
  if (fields && typeof fields === 'object') {
    const entries = Object.entries(fields as Record<string, unknown>).filter(
      ([name]) => name === field || name.startsWith(`${field}.`) || name.startsWith(`${field}[`),
    );
    if (entries.length > 0) return entries.map(([, message]) => String(message)).join('; ');
  }
  return error.fieldMessage(field);
}

/**
 * Over the hourly limit the service answers 409 with `fields.kudos`: "at most 2 per hour; next
 * from 2026-03-02T10:15:00.000Z". The moment the next kudos can be given, when it says one.
 */
export function nextKudosAllowedAt(error: unknown): Date | undefined {
  if (!(error instanceof ApiError) || error.status !== 409) return undefined;
  const text = `${fieldError(error, 'kudos') ?? ''} ${error.body.message ?? ''}`;
  const instant = /next (?:one can be given )?from (\d{4}-\d{2}-\d{2}T[\d:.]+Z)/.exec(text)?.[1];
  return instant ? new Date(instant) : undefined;
}

/**
 * The objective or key result a select offers as `objective:<id>` or
 * `key-result:<objectiveId>:<keyResultId>`, as a kudos or a story names it.
 */
export const goalOf = (choice: string): StorySubject | undefined => {
  const [kind, objectiveId, keyResultId] = choice.split(':');
  if (kind === 'objective' && objectiveId) return { kind, objectiveId };
  if (kind === 'key-result' && objectiveId && keyResultId)
    return { kind, objectiveId, keyResultId };
  return undefined;
};

/** An objective a kudos or a story may be about (goals' `GET /people/me/okrs`). */
export interface ObjectiveChoice {
  readonly objectiveId: string;
  readonly title: string;
  readonly achieved: boolean;
  readonly keyResults: readonly {
    readonly keyResultId: string;
    readonly title: string;
    readonly achieved: boolean;
  }[];
}

/** My objectives (owned and contributed to), to tie a kudos or a story to. */
export const useMyObjectives = () =>
  useQuery({
    queryKey: ['goals', 'people', 'me', 'okrs'],
    queryFn: async ({ signal }) => {
      const okrs = await api.get<{ owned: ObjectiveChoice[]; contributed: ObjectiveChoice[] }>(
        'goals',
        '/people/me/okrs',
        undefined,
        signal,
      );
      const seen = new Set<string>();
      return [...okrs.owned, ...okrs.contributed].filter((objective) => {
        if (seen.has(objective.objectiveId)) return false;
        seen.add(objective.objectiveId);
        return true;
      });
    },
    staleTime: 60_000,
  });
