import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage, Field, PageHeader, QueryState } from '../../ui';
import {
  useAmbitionActions,
  useMyAmbitions,
  useMyOkrs,
  type Ambition,
  type ObjectiveSummary,
} from './api';
import './proposals.css';

/**
 * My growth and career ambitions, linked to the OKRs I contribute to. Private: the goals service
 * shows them to me alone, and this screen asks only for mine.
 */
export function AmbitionsScreen() {
  const { t } = useTranslation('proposals');
  const ambitions = useMyAmbitions();
  const okrs = useMyOkrs();
  const objectives = [...(okrs.data?.owned ?? []), ...(okrs.data?.contributed ?? [])].filter(
    (objective, index, all) =>
      all.findIndex((other) => other.objectiveId === objective.objectiveId) === index,
  );
  return (
    <>
      <PageHeader title={t('ambitions.title')} />
      <p>
        <Link to="/proposals">{t('backToProposals')}</Link>
      </p>
      <p>{t('ambitions.private')}</p>
      <RecordAmbition />
      <section aria-labelledby="ambitions-heading">
        <h2 id="ambitions-heading">{t('ambitions.mine')}</h2>
        <QueryState query={ambitions}>
          {(mine) =>
            mine.length === 0 ? (
              <p>{t('ambitions.none')}</p>
            ) : (
              <ul className="proposal-list">
                {mine.map((ambition) => (
                  <AmbitionItem
                    key={ambition.ambitionId}
                    ambition={ambition}
                    objectives={objectives}
                  />
                ))}
              </ul>
            )
          }
        </QueryState>
      </section>
    </>
  );
}

function RecordAmbition() {
  const { t } = useTranslation('proposals');
  const { record } = useAmbitionActions();
  const [kind, setKind] = useState<Ambition['kind']>('growth');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    record.mutate(
      { kind, title: title.trim(), description: description.trim() },
      {
        onSuccess: () => {
          setTitle('');
          setDescription('');
        },
      },
    );
  };
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="record-ambition-heading">
      <h2 id="record-ambition-heading">{t('ambitions.record')}</h2>
      <div className="draft-fields__row">
        <Field label={t('ambitions.kind')} field="kind" error={record.error ?? undefined}>
          {(control) => (
            <select
              {...control}
              value={kind}
              onChange={(event) => setKind(event.target.value as Ambition['kind'])}
            >
              <option value="growth">{t('ambitions.kinds.growth')}</option>
              <option value="career">{t('ambitions.kinds.career')}</option>
            </select>
          )}
        </Field>
        <Field label={t('ambitions.ambitionTitle')} field="title" error={record.error ?? undefined}>
          {(control) => (
            <input {...control} value={title} onChange={(event) => setTitle(event.target.value)} />
          )}
        </Field>
      </div>
      <Field
        label={t('ambitions.description')}
        field="description"
        error={record.error ?? undefined}
      >
        {(control) => (
          <textarea
            {...control}
            rows={2}
            value={description}
            onChange={(event) => setDescription(event.target.value)}
          />
        )}
      </Field>
      <button type="submit" className="primary" disabled={record.isPending}>
        {t('ambitions.recordSubmit')}
      </button>
      {record.isError && <ErrorMessage error={record.error} />}
      {record.isSuccess && <p role="status">{t('ambitions.recorded')}</p>}
    </form>
  );
}

function AmbitionItem({
  ambition,
  objectives,
}: {
  readonly ambition: Ambition;
  readonly objectives: readonly ObjectiveSummary[];
}) {
  const { t } = useTranslation('proposals');
  const { link, close } = useAmbitionActions();
  const [objectiveId, setObjectiveId] = useState('');
  const [outcome, setOutcome] = useState<'realised' | 'set-aside'>('realised');
  const [note, setNote] = useState('');
  const titleOf = (id: string) =>
    objectives.find((objective) => objective.objectiveId === id)?.title ??
    t('ambitions.anObjective');
  const linked = new Set(ambition.links.map((entry) => entry.objectiveId));
  return (
    <li className="card">
      <h3>{ambition.title}</h3>
      <p>
        {t(`ambitions.kinds.${ambition.kind}`)} · {t(`ambitions.statuses.${ambition.status}`)}
      </p>
      {ambition.description && <p>{ambition.description}</p>}
      {ambition.links.length > 0 && (
        <>
          <h4>{t('ambitions.linkedTo')}</h4>
          <ul>
            {ambition.links.map((entry) => (
              <li key={`${entry.objectiveId}:${entry.keyResultId ?? ''}`}>
                <Link to={`/objectives/${entry.objectiveId}`}>{titleOf(entry.objectiveId)}</Link>
              </li>
            ))}
          </ul>
        </>
      )}
      {ambition.status === 'open' && (
        <div className="draft-fields__row">
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              if (objectiveId) link.mutate({ ambitionId: ambition.ambitionId, objectiveId });
            }}
          >
            <Field
              label={t('ambitions.linkLabel', { title: ambition.title })}
              field="objectiveId"
              error={link.error ?? undefined}
            >
              {(control) => (
                <select
                  {...control}
                  value={objectiveId}
                  onChange={(event) => setObjectiveId(event.target.value)}
                >
                  <option value="">{t('chooseObjective')}</option>
                  {objectives
                    .filter((objective) => !linked.has(objective.objectiveId))
                    .map((objective) => (
                      <option key={objective.objectiveId} value={objective.objectiveId}>
                        {objective.title}
                      </option>
                    ))}
                </select>
              )}
            </Field>
            <button type="submit" disabled={!objectiveId || link.isPending}>
              {t('ambitions.link')}
            </button>
            {link.isError && <ErrorMessage error={link.error} />}
          </form>
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              close.mutate({ ambitionId: ambition.ambitionId, outcome, note: note.trim() });
            }}
          >
            <Field
              label={t('ambitions.outcome', { title: ambition.title })}
              field="outcome"
              error={close.error ?? undefined}
            >
              {(control) => (
                <select
                  {...control}
                  value={outcome}
                  onChange={(event) => setOutcome(event.target.value as 'realised' | 'set-aside')}
                >
                  <option value="realised">{t('ambitions.statuses.realised')}</option>
                  <option value="set-aside">{t('ambitions.statuses.set-aside')}</option>
                </select>
              )}
            </Field>
            <Field label={t('ambitions.closeNote')} field="note" error={close.error ?? undefined}>
              {(control) => (
                <input
                  {...control}
                  value={note}
                  onChange={(event) => setNote(event.target.value)}
                />
              )}
            </Field>
            <button type="submit" disabled={close.isPending}>
              {t('ambitions.close')}
            </button>
            {close.isError && <ErrorMessage error={close.error} />}
          </form>
        </div>
      )}
    </li>
  );
}
