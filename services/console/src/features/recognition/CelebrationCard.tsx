import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../i18n/format';
import type { Celebration } from './api';
import type { OrgDirectory } from './org-directory';

/**
 * What the celebration is for, in the console's language: told here from the achievement and
 * its titles rather than taken from the service's text, which follows the browser's language.
 */
export function useCelebrationText() {
  const { t } = useTranslation('recognition');
  const format = useFormat();
  return (celebration: Celebration, directory: OrgDirectory | undefined): string => {
    const achievement = celebration.achievement;
    const objective = celebration.objectiveTitle ?? t('celebration.anObjective');
    const name = (personId: string) => directory?.personName(personId) ?? t('someone');
    switch (achievement.kind) {
      case 'key-result-achieved':
        return t('celebration.keyResultAchieved', {
          keyResult: celebration.keyResultTitle ?? t('celebration.aKeyResult'),
          objective,
          value: format.number(achievement.value, 2),
          target: format.number(achievement.target, 2),
        });
      case 'objective-achieved':
        return t('celebration.objectiveAchieved', { objective });
      case 'objective-scored':
        return t('celebration.objectiveScored', {
          objective,
          score: format.number(achievement.score, 2),
        });
      case 'blocker-resolved':
        return t('celebration.blockerResolved', {
          objective,
          person: name(achievement.resolvedBy),
        });
      case 'streak-milestone':
        return t('celebration.streakMilestone', {
          person: name(achievement.personId),
          count: achievement.weeks,
        });
      default:
        return celebration.text;
    }
  };
}

const objectiveOf = (celebration: Celebration): string | undefined =>
  'objectiveId' in celebration.achievement ? celebration.achievement.objectiveId : undefined;

/** An achieved key result or objective has a success story to tell (`stories/new?about=`). */
const storyAbout = ({ achievement }: Celebration): string | undefined => {
  switch (achievement.kind) {
    case 'key-result-achieved':
      return `key-result:${achievement.objectiveId}:${achievement.keyResultId}`;
    case 'objective-achieved':
      return `objective:${achievement.objectiveId}`;
    default:
      return undefined;
  }
};

/** A celebration on a wall or the feed: the achievement, when, and its goal. */
export function CelebrationCard({
  celebration,
  directory,
  headingLevel = 3,
}: {
  readonly celebration: Celebration;
  readonly directory: OrgDirectory | undefined;
  readonly headingLevel?: 2 | 3;
}) {
  const { t } = useTranslation('recognition');
  const format = useFormat();
  const text = useCelebrationText()(celebration, directory);
  const objectiveId = objectiveOf(celebration);
  const about = storyAbout(celebration);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const id = useId();
  return (
    <article className="wall-item wall-item--celebration" aria-labelledby={`${id}-text`}>
      <p className="wall-item__kind">
        <span aria-hidden="true">🎉 </span>
        {t('celebration.label')}
      </p>
      <Heading id={`${id}-text`} className="wall-item__title">
        {text}
      </Heading>
      <p className="wall-item__meta">
        <time dateTime={celebration.celebratedAt}>{format.dateTime(celebration.celebratedAt)}</time>
      </p>
      <p className="wall-item__links">
        <Link to={`/recognition/celebrations/${encodeURIComponent(celebration.achievementKey)}`}>
          {t('celebration.open')}
        </Link>
        {objectiveId && (
          <>
            {' · '}
            <Link to={`/objectives/${objectiveId}`}>{t('celebration.objective')}</Link>
          </>
        )}
        {about && (
          <>
            {' · '}
            <Link to={`/recognition/stories/new?about=${encodeURIComponent(about)}`}>
              {t('celebration.writeStory')}
            </Link>
          </>
        )}
      </p>
    </article>
  );
}
