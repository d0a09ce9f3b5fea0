import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../i18n/format';
import { ErrorMessage, Field } from '../../ui';
import type { OrgDirectory } from '../../org/org-directory';
import { useBlockerActions, type Blocker } from './api';
import { mayAcknowledge, mayEscalate, mayResolve, timeOpenMs } from './blocker-board';
import { formatDuration } from './duration';

/** One blocker: what it is, on which objective, who waits on whom, how long, what I may do. */
export function BlockerCard({
  blocker,
  personId,
  directory,
  objectiveTitle,
  now,
}: {
  readonly blocker: Blocker;
  readonly personId: string;
  readonly directory: OrgDirectory | undefined;
  readonly objectiveTitle: string | undefined;
  readonly now: Date;
}) {
  const { t } = useTranslation('blockers');
  const format = useFormat();
  const actions = useBlockerActions(blocker.objectiveId);
  const [note, setNote] = useState('');
  const name = (id: string) => directory?.personName(id) ?? id;
  const unitName = (unit: { kind: Blocker['unit']['kind']; id: string }) =>
    directory?.unit(unit)?.name ?? unit.id;
  const waitsOn =
    blocker.waitsOn.kind === 'person'
      ? name(blocker.waitsOn.personId ?? '')
      : blocker.waitsOn.kind === 'unit' && blocker.waitsOn.unit
        ? unitName(blocker.waitsOn.unit)
        : (blocker.waitsOn.name ?? '');
  const resolve = (event: FormEvent) => {
    event.preventDefault();
    if (note.trim() === '') return;
    actions.resolve.mutate({ blockerId: blocker.blockerId, note: note.trim() });
  };
  const failed = actions.acknowledge.error ?? actions.escalate.error ?? actions.resolve.error;
  const duration = formatDuration(timeOpenMs(blocker, now), format.locale);
  return (
    <li className="card blocker-card">
      <h3>{blocker.description}</h3>
      <dl>
        <dt>{t('card.objective')}</dt>
        <dd>
          <Link to={`/objectives/${blocker.objectiveId}`}>
            {objectiveTitle ?? t('card.anObjective')}
          </Link>
        </dd>
        <dt>{t('card.raised')}</dt>
        <dd>
          {t('card.raisedBy', {
            name: name(blocker.raisedBy),
            date: format.dateTime(blocker.raisedAt),
          })}
        </dd>
        <dt>{t('card.waitsOn')}</dt>
        <dd>{waitsOn}</dd>
        {blocker.status === 'open' && (
          <>
            <dt>{t('card.owner')}</dt>
            <dd>{blocker.ownerIds.map(name).join(', ') || t('card.nobody')}</dd>
          </>
        )}
        {blocker.escalatedTo && (
          <>
            <dt>{t('card.escalatedTo')}</dt>
            <dd>
              {unitName(blocker.escalatedTo)}
              {blocker.escalatedAt ? ` (${format.dateTime(blocker.escalatedAt)})` : ''}
            </dd>
          </>
        )}
        <dt>{blocker.status === 'resolved' ? t('card.timeToResolve') : t('card.openFor')}</dt>
        <dd>{duration}</dd>
        {blocker.status === 'resolved' && (
          <>
            <dt>{t('card.resolution')}</dt>
            <dd>
              {blocker.resolution}
              {blocker.resolvedBy ? ` — ${name(blocker.resolvedBy)}` : ''}
            </dd>
          </>
        )}
      </dl>
      <div className="blocker-card__actions">
        {mayAcknowledge(personId, blocker) && (
          <button
            type="button"
            disabled={actions.acknowledge.isPending}
            onClick={() => actions.acknowledge.mutate(blocker.blockerId)}
          >
            {t('actions.acknowledge')}
          </button>
        )}
        {mayEscalate(personId, blocker) && (
          <button
            type="button"
            disabled={actions.escalate.isPending}
            onClick={() => actions.escalate.mutate(blocker.blockerId)}
          >
            {t('actions.escalate')}
          </button>
        )}
      </div>
      {mayResolve(personId, blocker) && (
        <form onSubmit={resolve} noValidate>
          <Field
            label={t('actions.resolutionNote', { description: blocker.description })}
            field="note"
            error={actions.resolve.error ?? undefined}
          >
            {(control) => (
              <textarea
                {...control}
                rows={2}
                value={note}
                onChange={(event) => setNote(event.target.value)}
              />
            )}
          </Field>
          <button type="submit" disabled={actions.resolve.isPending || note.trim() === ''}>
            {t('actions.resolve')}
          </button>
        </form>
      )}
      {failed && <ErrorMessage error={failed} />}
    </li>
  );
}
