import type { UseInfiniteQueryResult, InfiniteData } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../api/session';
import { ErrorMessage } from '../../ui';
import type { WallPage } from './api';
import { CelebrationCard } from './CelebrationCard';
import { KudosCard } from './KudosCard';
import type { OrgDirectory } from './org-directory';
import { StoryCard } from './StoryCard';

/** A wall or the feed: kudos, celebrations and stories, newest first, older pages on demand. */
export function RecognitionWall({
  wall,
  directory,
  label,
}: {
  readonly wall: UseInfiniteQueryResult<InfiniteData<WallPage>>;
  readonly directory: OrgDirectory | undefined;
  /** The wall's heading id, which names its list. */
  readonly label: string;
}) {
  const { t } = useTranslation('recognition');
  const session = useSession();
  const myPersonId = session.data?.personId ?? '';
  if (wall.isPending) {
    return (
      <p className="loading" role="status">
        {t('common:state.loading')}
      </p>
    );
  }
  if (wall.isError) return <ErrorMessage error={wall.error} onRetry={() => void wall.refetch()} />;
  const items = wall.data.pages.flatMap((page) => page.items);
  if (items.length === 0) return <p className="muted">{t('wall.empty')}</p>;
  return (
    <>
      <ul className="wall" aria-labelledby={label}>
        {items.map((item) => (
          <li key={`${item.item}:${keyOf(item)}`}>
            {item.item === 'kudos' ? (
              <KudosCard kudos={item.kudos} directory={directory} myPersonId={myPersonId} />
            ) : item.item === 'celebration' ? (
              <CelebrationCard celebration={item.celebration} directory={directory} />
            ) : (
              <StoryCard story={item.story} />
            )}
          </li>
        ))}
      </ul>
      {wall.hasNextPage && (
        <button
          type="button"
          onClick={() => void wall.fetchNextPage()}
          disabled={wall.isFetchingNextPage}
        >
          {wall.isFetchingNextPage ? t('common:state.loading') : t('wall.older')}
        </button>
      )}
    </>
  );
}

const keyOf = (item: WallPage['items'][number]): string =>
  item.item === 'kudos'
    ? item.kudos.kudosId
    : item.item === 'celebration'
      ? item.celebration.achievementKey
      : item.story.storyId;
