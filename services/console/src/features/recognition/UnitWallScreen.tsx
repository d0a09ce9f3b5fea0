import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useSession } from '../../api/session';
import { PageHeader } from '../../ui';
import { useWall, type UnitKind } from './api';
import { KudosForm } from './KudosForm';
import { useOrgDirectory } from './org-directory';
import { RecognitionWall } from './RecognitionWall';
import './recognition.css';

const unitKinds: readonly string[] = ['tribe', 'squad', 'chapter', 'guild'];

/** A unit's wall (`recognition/units/:kind/:id`): its kudos, celebrations and stories. */
export function UnitWallScreen() {
  const { t } = useTranslation('recognition');
  const params = useParams();
  const kind = (unitKinds.includes(params.kind ?? '') ? params.kind : 'squad') as UnitKind;
  const unit = { kind, id: params.id ?? '' };
  const session = useSession();
  const org = useOrgDirectory();
  const wall = useWall(unit);
  const named = org.directory?.unit(unit);
  const title = named
    ? t('wall.title', {
        unit: t('unitLabel', { kind: t(`common:units.${kind}`), name: named.name }),
      })
    : t('wall.titleUnknown');
  return (
    <div className="recognition">
      <PageHeader title={title}>
        <Link to="/recognition">{t('wall.backToFeed')}</Link>
      </PageHeader>
      <div className="recognition__columns">
        <div className="recognition__give">
          {org.directory && named && (
            <KudosForm
              directory={org.directory}
              myPersonId={session.data?.personId ?? ''}
              initialUnitKey={`${unit.kind}:${unit.id}`}
            />
          )}
        </div>
        <section className="recognition__feed" aria-labelledby="unit-wall">
          <h2 id="unit-wall">{t('wall.items')}</h2>
          <RecognitionWall wall={wall} directory={org.directory} label="unit-wall" />
        </section>
      </div>
    </div>
  );
}
