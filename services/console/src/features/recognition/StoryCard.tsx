import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../i18n/format';
import type { Story } from './api';

/** A success story or lessons learned on a wall: its title, status and a link to read it. */
export function StoryCard({ story }: { readonly story: Story }) {
  const { t } = useTranslation('recognition');
  const format = useFormat();
  const at = story.publishedAt ?? story.draftedAt;
  return (
    <article className="wall-item wall-item--story">
      <p className="wall-item__kind">
        <span aria-hidden="true">📖 </span>
        {t(`story.kind.${story.kind}`)}
      </p>
      <h3 className="wall-item__title">
        <Link to={`/recognition/stories/${story.storyId}`}>{story.title}</Link>
      </h3>
      <p className="wall-item__meta">
        <time dateTime={at}>{format.dateTime(at)}</time>
        {story.status !== 'published' && (
          <span className="tag">{t(`story.status.${story.status}`)}</span>
        )}
      </p>
      <p className="wall-item__message">{story.whatWasDone}</p>
    </article>
  );
}
