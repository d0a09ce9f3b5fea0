import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageHeader, QueryState } from '../../ui';
import { useCelebration } from './api';
import { CelebrationCard } from './CelebrationCard';
import { useOrgDirectory } from './org-directory';
import './recognition.css';

/** One celebration (`recognition/celebrations/:achievementKey`) and the walls it is on. */
export function CelebrationScreen() {
  const { t } = useTranslation('recognition');
  const { achievementKey = '' } = useParams();
  const celebration = useCelebration(achievementKey);
  const org = useOrgDirectory();
  return (
    <div className="recognition">
      <PageHeader title={t('celebration.title')}>
        <Link to="/recognition">{t('wall.backToFeed')}</Link>
      </PageHeader>
      <QueryState query={celebration}>
        {(found) => (
          <div className="card">
            <CelebrationCard celebration={found} directory={org.directory} headingLevel={2} />
            {found.walls.length > 0 && (
              <>
                <h3>{t('celebration.walls')}</h3>
                <ul>
                  {found.walls.map((wall) => (
                    <li key={`${wall.kind}:${wall.id}`}>
                      <Link to={`/recognition/units/${wall.kind}/${encodeURIComponent(wall.id)}`}>
                        {t('unitLabel', {
                          kind: t(`common:units.${wall.kind}`),
                          name: org.directory?.unit(wall)?.name ?? wall.id,
                        })}
                      </Link>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
        )}
      </QueryState>
    </div>
  );
}
