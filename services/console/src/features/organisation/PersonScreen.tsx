import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useFormat } from '../../i18n/format';
import { ErrorMessage, PageHeader, ProgressBar, QueryState } from '../../ui';
import {
  useKudosReceived,
  useMemberships,
  usePerson,
  usePersonNames,
  usePersonOkrs,
  type PersonObjective,
} from './api';
import './organisation.css';

/** `organisation/people/:personId`: who someone is, where they belong and belonged, their OKRs and kudos. */
export function PersonScreen() {
  const { t } = useTranslation('organisation');
  const format = useFormat();
  const { personId = '' } = useParams();
  const person = usePerson(personId);
  if (person.isPending) return <p role="status">{t('common:state.loading')}</p>;
  if (person.isError) {
    return (
      <>
        <PageHeader title={t('person.title')} />
        <ErrorMessage error={person.error} onRetry={() => void person.refetch()} />
      </>
    );
  }
  const profile = person.data;
  return (
    <>
      <PageHeader title={profile.name} />
      <dl className="person-facts">
        {profile.email && (
          <>
            <dt>{t('person.email')}</dt>
            <dd>{profile.email}</dd>
          </>
        )}
        <dt>{t('common:units.squad')}</dt>
        <dd>
          {profile.squad
            ? profile.squad.tribe
              ? t('person.squadInTribe', {
                  squad: profile.squad.name,
                  tribe: profile.squad.tribe.name,
                })
              : profile.squad.name
            : t('person.none')}
        </dd>
        <dt>{t('common:units.chapter')}</dt>
        <dd>{profile.chapter?.name ?? t('person.none')}</dd>
        <dt>{t('person.guilds')}</dt>
        <dd>
          {profile.guilds.length === 0
            ? t('person.none')
            : profile.guilds.map((guild) => guild.name).join(', ')}
        </dd>
        <dt>{t('person.joined')}</dt>
        <dd>{format.date(profile.joinedAt)}</dd>
        {profile.status === 'left' && (
          <>
            <dt>{t('person.left')}</dt>
            <dd>{format.date(profile.leftAt)}</dd>
          </>
        )}
      </dl>
      <PersonOkrsSection personId={personId} />
      <KudosSection personId={personId} />
      <MembershipHistory personId={personId} />
    </>
  );
}

function PersonOkrsSection({ personId }: { readonly personId: string }) {
  const { t } = useTranslation('organisation');
  const okrs = usePersonOkrs(personId);
  return (
    <section className="card" aria-labelledby="person-okrs">
      <h2 id="person-okrs">{t('person.okrs')}</h2>
      <QueryState query={okrs}>
        {(data) =>
          data.owned.length + data.contributed.length + data.followed.length === 0 ? (
            <p>{t('person.noOkrs')}</p>
          ) : (
            <>
              <ObjectiveList title={t('person.owned')} objectives={data.owned} />
              <ObjectiveList title={t('person.contributed')} objectives={data.contributed} />
              <ObjectiveList title={t('person.followed')} objectives={data.followed} />
            </>
          )
        }
      </QueryState>
    </section>
  );
}

function ObjectiveList({
  title,
  objectives,
}: {
  readonly title: string;
  readonly objectives: readonly PersonObjective[];
}) {
  const { t } = useTranslation('organisation');
  if (objectives.length === 0) return null;
  return (
    <>
      <h3>{title}</h3>
      <ul className="person-objectives">
        {objectives.map((objective) => (
          <li key={objective.objectiveId}>
            <Link to={`/objectives/${objective.objectiveId}`}>{objective.title}</Link>
            <ProgressBar
              value={objective.rolledUpProgress ?? objective.progress}
              label={t('person.progressOf', { title: objective.title })}
            />
          </li>
        ))}
      </ul>
    </>
  );
}

function KudosSection({ personId }: { readonly personId: string }) {
  const { t } = useTranslation('organisation');
  const format = useFormat();
  const kudos = useKudosReceived(personId);
  const personName = usePersonNames();
  return (
    <section className="card" aria-labelledby="person-kudos">
      <h2 id="person-kudos">{t('person.kudos')}</h2>
      <QueryState query={kudos}>
        {(data) =>
          data.kudos.length === 0 ? (
            <p>{t('person.noKudos')}</p>
          ) : (
            <ul className="person-kudos">
              {data.kudos.map((item) => (
                <li key={item.kudosId}>
                  <blockquote>{item.message}</blockquote>
                  <p className="person-kudos__from">
                    {t('person.kudosFrom', {
                      name: personName(item.giverId) ?? t('person.someone'),
                      date: format.date(item.givenAt),
                    })}
                  </p>
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </section>
  );
}

function MembershipHistory({ personId }: { readonly personId: string }) {
  const { t } = useTranslation('organisation');
  const format = useFormat();
  const memberships = useMemberships(personId);
  return (
    <section className="card" aria-labelledby="person-history">
      <h2 id="person-history">{t('person.history')}</h2>
      <QueryState query={memberships}>
        {(periods) =>
          periods.length === 0 ? (
            <p>{t('person.noHistory')}</p>
          ) : (
            <table className="person-history">
              <thead>
                <tr>
                  <th scope="col">{t('person.unit')}</th>
                  <th scope="col">{t('person.from')}</th>
                  <th scope="col">{t('person.until')}</th>
                </tr>
              </thead>
              <tbody>
                {periods.map((period) => (
                  <tr key={`${period.kind}-${period.unitId}-${period.from}`}>
                    <td>
                      {t(`common:units.${period.kind}`)} {period.unitName}
                    </td>
                    <td>{format.date(period.from)}</td>
                    <td>{period.to ? format.date(period.to) : t('person.stillMember')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryState>
    </section>
  );
}
