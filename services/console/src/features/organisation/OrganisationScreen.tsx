import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { isAdmin, useSession } from '../../api/session';
import { useFormat } from '../../i18n/format';
import { PageHeader, QueryState } from '../../ui';
import { AddToOrganisation } from './AddToOrganisation';
import { useOrgTree, type OrgTree, type PersonRef } from './api';
import './organisation.css';

const day = 86_400_000;

/** The moment a chosen date shows: the end of that day, or now (undefined) for today or later. */
export function asOfForDate(date: string, now: Date): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  const endOfDay = Date.parse(`${date}T00:00:00Z`) + day - 1;
  return endOfDay >= now.getTime() ? undefined : new Date(endOfDay).toISOString();
}

/**
 * `organisation`: tribes with their squads and chapters, guilds, and everyone in them, now or as
 * the organisation stood at the end of a chosen day (the org service reads its history).
 */
export function OrganisationScreen() {
  const { t } = useTranslation('organisation');
  const format = useFormat();
  const session = useSession();
  const [search, setSearch] = useSearchParams();
  const id = useId();
  const date = search.get('date') ?? '';
  const asOf = asOfForDate(date, new Date());
  const tree = useOrgTree(asOf);

  return (
    <>
      <PageHeader title={t('title')} />
      <div className="org-as-of">
        <label htmlFor={`${id}-date`}>{t('asOf.label')}</label>
        <input
          id={`${id}-date`}
          type="date"
          value={date}
          max={new Date().toISOString().slice(0, 10)}
          onChange={(event) =>
            setSearch(event.target.value ? { date: event.target.value } : {}, { replace: true })
          }
        />
        <button type="button" disabled={date === ''} onClick={() => setSearch({})}>
          {t('asOf.today')}
        </button>
        <p role="status">
          {asOf === undefined
            ? t('asOf.showingNow')
            : t('asOf.showing', { date: format.date(asOf) })}
        </p>
      </div>
      {isAdmin(session.data) && asOf === undefined && tree.data && (
        <AddToOrganisation tree={tree.data} />
      )}
      <QueryState query={tree}>{(data) => <OrganisationTree tree={data} />}</QueryState>
    </>
  );
}

function OrganisationTree({ tree }: { readonly tree: OrgTree }) {
  const { t } = useTranslation('organisation');
  if (tree.tribes.length === 0 && tree.guilds.length === 0 && tree.withoutSquad.length === 0) {
    return <p>{t('empty')}</p>;
  }
  return (
    <>
      {tree.organisation && <p className="org-name">{tree.organisation.name}</p>}
      {tree.tribes.map((tribe) => (
        <section
          key={tribe.tribeId}
          className="card org-tribe"
          aria-labelledby={`tribe-${tribe.tribeId}`}
        >
          <h2 id={`tribe-${tribe.tribeId}`}>
            <Link to={`/organisation/tribe/${tribe.tribeId}`}>
              {t('common:units.tribe')} {tribe.name}
            </Link>
          </h2>
          {tribe.mission && <p className="org-purpose">{tribe.mission}</p>}
          <Role label={t('roles.tribeLead')} person={tribe.lead} />
          <div className="org-units">
            {tribe.squads.map((squad) => (
              <section
                key={squad.squadId}
                className="org-unit"
                aria-labelledby={`squad-${squad.squadId}`}
              >
                <h3 id={`squad-${squad.squadId}`}>
                  <Link to={`/organisation/squad/${squad.squadId}`}>
                    {t('common:units.squad')} {squad.name}
                  </Link>
                </h3>
                {squad.mission && <p className="org-purpose">{squad.mission}</p>}
                <Role label={t('roles.productOwner')} person={squad.productOwner} />
                <Members people={squad.members} label={t('members', { name: squad.name })} />
              </section>
            ))}
            {tribe.chapters.map((chapter) => (
              <section
                key={chapter.chapterId}
                className="org-unit"
                aria-labelledby={`chapter-${chapter.chapterId}`}
              >
                <h3 id={`chapter-${chapter.chapterId}`}>
                  <Link to={`/organisation/chapter/${chapter.chapterId}`}>
                    {t('common:units.chapter')} {chapter.name}
                  </Link>
                </h3>
                {chapter.craft && <p className="org-purpose">{chapter.craft}</p>}
                <Role label={t('roles.chapterLead')} person={chapter.lead} />
                <Members people={chapter.members} label={t('members', { name: chapter.name })} />
              </section>
            ))}
          </div>
        </section>
      ))}
      {tree.guilds.length > 0 && (
        <section className="card" aria-labelledby="org-guilds">
          <h2 id="org-guilds">{t('guilds')}</h2>
          <div className="org-units">
            {tree.guilds.map((guild) => (
              <section
                key={guild.guildId}
                className="org-unit"
                aria-labelledby={`guild-${guild.guildId}`}
              >
                <h3 id={`guild-${guild.guildId}`}>
                  <Link to={`/organisation/guild/${guild.guildId}`}>
                    {t('common:units.guild')} {guild.name}
                  </Link>
                </h3>
                {guild.interest && <p className="org-purpose">{guild.interest}</p>}
                <p>
                  {t('roles.coordinators')}:{' '}
                  {guild.coordinators.length === 0
                    ? t('roles.vacant')
                    : guild.coordinators.map((person, index) => (
                        <span key={person.personId}>
                          {index > 0 && ', '}
                          <PersonLink person={person} />
                        </span>
                      ))}
                </p>
                <Members people={guild.members} label={t('members', { name: guild.name })} />
              </section>
            ))}
          </div>
        </section>
      )}
      {tree.withoutSquad.length > 0 && (
        <section className="card" aria-labelledby="org-without-squad">
          <h2 id="org-without-squad">{t('withoutSquad')}</h2>
          <Members people={tree.withoutSquad} label={t('withoutSquad')} />
        </section>
      )}
    </>
  );
}

function Role({ label, person }: { readonly label: string; readonly person: PersonRef | null }) {
  const { t } = useTranslation('organisation');
  return (
    <p>
      {label}: {person ? <PersonLink person={person} /> : t('roles.vacant')}
    </p>
  );
}

function Members({
  people,
  label,
}: {
  readonly people: readonly PersonRef[];
  readonly label: string;
}) {
  const { t } = useTranslation('organisation');
  if (people.length === 0) return <p>{t('noMembers')}</p>;
  return (
    <ul className="org-members" aria-label={label}>
      {people.map((person) => (
        <li key={person.personId}>
          <PersonLink person={person} />
        </li>
      ))}
    </ul>
  );
}

function PersonLink({ person }: { readonly person: PersonRef }) {
  return <Link to={`/organisation/people/${person.personId}`}>{person.name}</Link>;
}
