import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../i18n/format';
import type { Kudos } from './api';
import type { OrgDirectory } from './org-directory';
import { Reactions } from './Reactions';

/** Who thanked whom, why, with the values named and a way to react and to read the thread. */
export function KudosCard({
  kudos,
  directory,
  myPersonId,
  headingLevel = 3,
  linksToThread = true,
}: {
  readonly kudos: Kudos;
  readonly directory: OrgDirectory | undefined;
  readonly myPersonId: string;
  readonly headingLevel?: 2 | 3;
  /** On a wall, a link to the kudos and its comments; on the kudos's own page, none. */
  readonly linksToThread?: boolean;
}) {
  const { t } = useTranslation('recognition');
  const format = useFormat();
  const name = (personId: string) => directory?.personName(personId) ?? t('someone');
  const unit = kudos.unit ? directory?.unit(kudos.unit) : undefined;
  const receivers = [
    ...kudos.receiverIds.map(name),
    ...(kudos.unit ? [unit?.name ?? t(`common:units.${kudos.unit.kind}`)] : []),
  ];
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <article className="wall-item wall-item--kudos">
      <Heading className="wall-item__title">
        <span aria-hidden="true">🙌 </span>
        {t('kudos.heading', {
          giver: name(kudos.giverId),
          receivers: new Intl.ListFormat(format.locale).format(receivers),
        })}
      </Heading>
      <p className="wall-item__meta">
        <time dateTime={kudos.givenAt}>{format.dateTime(kudos.givenAt)}</time>
        {kudos.audience === 'private' && (
          <span className="tag tag--private">{t('kudos.private')}</span>
        )}
      </p>
      <p className="wall-item__message">{kudos.message}</p>
      {kudos.values.length > 0 && (
        <ul className="tags" aria-label={t('kudos.values')}>
          {kudos.values.map((value) => (
            <li key={value} className="tag">
              {value}
            </li>
          ))}
        </ul>
      )}
      {kudos.about && (
        <p>
          <Link to={`/objectives/${kudos.about.objectiveId}`}>
            {t(`kudos.about.${kudos.about.kind}`)}
          </Link>
        </p>
      )}
      <Reactions kudos={kudos} myPersonId={myPersonId} />
      {linksToThread && (
        <p>
          <Link to={`/recognition/kudos/${kudos.kudosId}`}>
            {t('kudos.thread', { count: kudos.comments.length })}
          </Link>
        </p>
      )}
    </article>
  );
}
