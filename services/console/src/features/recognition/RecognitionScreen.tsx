import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useSession } from '../../api/session';
import { PageHeader, QueryState } from '../../ui';
import { useFeed } from './api';
import { KudosForm } from './KudosForm';
import { useOrgDirectory } from './org-directory';
import { RecognitionWall } from './RecognitionWall';
import { WallPicker } from './WallPicker';
import './recognition.css';

/**
 * Recognition: give kudos, open a unit's wall, read the organisation's feed of kudos,
 * celebrations and success stories. `?to=<personId>` starts a kudos to that person.
 */
export function RecognitionScreen() {
  const { t } = useTranslation('recognition');
  const session = useSession();
  const org = useOrgDirectory();
  const feed = useFeed();
  const [search] = useSearchParams();
  const myPersonId = session.data?.personId ?? '';
  return (
    <div className="recognition">
      <PageHeader title={t('title')}>
        <Link to="/recognition/stories/new">{t('story.write')}</Link>
      </PageHeader>
      <div className="recognition__columns">
        <div className="recognition__give">
          <QueryState query={org}>
            {() =>
              org.directory && (
                <>
                  <KudosForm
                    directory={org.directory}
                    myPersonId={myPersonId}
                    initialPersonIds={search.getAll('to')}
                  />
                  <section className="card" aria-labelledby="recognition-walls">
                    <h2 id="recognition-walls">{t('wallPicker.title')}</h2>
                    <WallPicker directory={org.directory} />
                  </section>
                </>
              )
            }
          </QueryState>
        </div>
        <section className="recognition__feed" aria-labelledby="recognition-feed">
          <h2 id="recognition-feed">{t('feed.title')}</h2>
          <RecognitionWall wall={feed} directory={org.directory} label="recognition-feed" />
        </section>
      </div>
    </div>
  );
}
