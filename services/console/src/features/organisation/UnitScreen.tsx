import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { NotFoundScreen } from '../../app/NotFoundScreen';
import { useFormat } from '../../i18n/format';
import { ErrorMessage, PageHeader, ProgressBar, QueryState } from '../../ui';
import { membersOf, unitKinds, useOrgTree, useOrgUnit, useUnitOkrs, type UnitKind } from './api';
import './organisation.css';

/** `organisation/:kind/:unitId`: a tribe, squad, chapter or guild — its people and its OKRs. */
export function UnitScreen() {
  const { kind = '', unitId = '' } = useParams();
  if (!(unitKinds as readonly string[]).includes(kind)) return <NotFoundScreen />;
  return <Unit kind={kind as UnitKind} unitId={unitId} />;
}

function Unit({ kind, unitId }: { readonly kind: UnitKind; readonly unitId: string }) {
  const { t } = useTranslation('organisation');
  const format = useFormat();
  const unit = useOrgUnit(kind, unitId);
  const tree = useOrgTree();
  const okrs = useUnitOkrs(kind, unitId);
  if (unit.isPending) return <p role="status">{t('common:state.loading')}</p>;
  if (unit.isError) {
    return (
      <>
        <PageHeader title={t(`common:units.${kind}`)} />
        <ErrorMessage error={unit.error} onRetry={() => void unit.refetch()} />
      </>
    );
  }
  const { leads, members } = membersOf(tree.data, kind, unitId);
  return (
    <>
      <PageHeader title={`${t(`common:units.${kind}`)} ${unit.data.name}`} />
      {unit.data.purpose && <p className="org-purpose">{unit.data.purpose}</p>}
      <p>
        {unit.data.status === 'dissolved'
          ? t('unit.dissolved', { date: format.date(unit.data.dissolvedAt) })
          : t('unit.formed', { date: format.date(unit.data.formedAt) })}
      </p>
      <section className="card" aria-labelledby="unit-people">
        <h2 id="unit-people">{t('unit.people')}</h2>
        <p>
          {t(`unit.leads.${kind}`)}:{' '}
          {leads.length === 0
            ? t('roles.vacant')
            : leads.map((person, index) => (
                <span key={person.personId}>
                  {index > 0 && ', '}
                  <Link to={`/organisation/people/${person.personId}`}>{person.name}</Link>
                </span>
              ))}
        </p>
        {members.length === 0 ? (
          <p>{t('noMembers')}</p>
        ) : (
          <ul className="org-members" aria-label={t('members', { name: unit.data.name })}>
            {members.map((person) => (
              <li key={person.personId}>
                <Link to={`/organisation/people/${person.personId}`}>{person.name}</Link>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby="unit-okrs">
        <h2 id="unit-okrs">{t('unit.okrs')}</h2>
        <QueryState query={okrs}>
          {(data) =>
            data.objectives.length === 0 ? (
              <p>{t('unit.noOkrs')}</p>
            ) : (
              <ul className="person-objectives">
                {data.objectives.map((objective) => (
                  <li key={objective.objectiveId}>
                    <Link to={`/objectives/${objective.objectiveId}`}>{objective.title}</Link>
                    <ProgressBar
                      value={objective.rolledUpProgress ?? objective.progress}
                      label={t('person.progressOf', { title: objective.title })}
                    />
                  </li>
                ))}
              </ul>
            )
          }
        </QueryState>
      </section>
    </>
  );
}
