import type { UseInfiniteQueryResult, InfiniteData } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../api/session';
import { ErrorMessage } from '../../ui';
import type { WallPage } from './api';
import { CelebrationCard } from './CelebrationCard';
import { KudosCard } from './KudosCard';
import type { OrgDirectory } from './org-directory';
import { StoryCard } from './StoryCard';

const shows = ['all', 'kudos', 'celebration', 'story'] as const;
type Shown = (typeof shows)[number];

/**
 * A wall or the feed: kudos, celebrations and stories, newest first, older pages on demand; a
 * person may show one kind only (among the pages read so far).
 */
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
  const id = useId();
  const [shown, setShown] = useState<Shown>('all');
  if (wall.isPending) {
    return (
      <p className="loading" role="status">
        {t('common:state.loading')}
      </p>
    );
  }
  if (wall.isError) return <ErrorMessage error={wall.error} onRetry={() => void wall.refetch()} />;
  const everything = wall.data.pages.flatMap((page) => page.items);
  if (everything.length === 0) return <p className="muted">{t('wall.empty')}</p>;
  const items = everything.filter((item) => shown === 'all' || item.item === shown);
  return (
    <>
      <fieldset className="wall-filter">
        <legend>{t('wall.show')}</legend>
        {shows.map((choice) => (
          <label key={choice}>
            <input
              type="radio"
              name={`${id}-show`}
              checked={shown === choice}
              onChange={() => setShown(choice)}
            />{' '}
            {t(`wall.shows.${choice}`)}
          </label>
        ))}
      </fieldset>
      {items.length === 0 && <p className="muted">{t('wall.noneShown')}</p>}
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
