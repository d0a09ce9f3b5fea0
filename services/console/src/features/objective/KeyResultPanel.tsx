import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { ConfidenceBadge, ErrorMessage, ProgressBar, QueryState } from '../../ui';
import {
  confidenceLevelOf,
  useKeyResultCheckIns,
  type CheckIn,
  type KeyResult,
} from '../my-week/api';
import { CheckInForm } from '../my-week/CheckInForm';
import { PersonName } from '../my-week/PersonName';
import {
  reactions,
  useCheckInThread,
  useCommentOnCheckIn,
  useKeyResultHistory,
  useReactToCheckIn,
  type CheckInAddress,
} from './api';
import { MeasurementChart } from './MeasurementChart';

/** One key result: where it stands, every measurement over time, its check-ins and their threads. */
export function KeyResultPanel({
  objectiveId,
  keyResult,
  personId,
}: {
  readonly objectiveId: string;
  readonly keyResult: KeyResult;
  readonly personId: string;
}) {
  const { t } = useTranslation('objective');
  const format = useFormat();
  const history = useKeyResultHistory(objectiveId, keyResult.keyResultId);
  const checkIns = useKeyResultCheckIns(objectiveId, keyResult.keyResultId);
  const [writing, setWriting] = useState(false);
  const headingId = useId();
  const formId = useId();
  const { metric } = keyResult;
  const unit = metric.type === 'milestone' ? '' : metric.unit;
  const latest = checkIns.data?.previous;
  const withUnit = (value: number) => `${format.number(value, 2)}${unit ? ` ${unit}` : ''}`;
  return (
    <section className="card key-result-panel" aria-labelledby={headingId}>
      <h3 id={headingId}>{keyResult.title}</h3>
      <p className="key-result-panel__facts">
        {t('keyResult.owner')} <PersonName personId={keyResult.owner} /> ·{' '}
        {t('keyResult.figures', {
          current: withUnit(keyResult.current),
          start: withUnit(metric.start),
          target: withUnit(metric.target),
        })}
        {keyResult.achieved ? ` · ${t('keyResult.achieved')}` : ''}
      </p>
      <ProgressBar
        value={keyResult.progress}
        confidence={confidenceLevelOf(latest?.band)}
        label={t('keyResult.progressOf', { title: keyResult.title })}
      />
      <ConfidenceBadge level={confidenceLevelOf(latest?.band)} />
      <QueryState query={history}>
        {(entries) => <MeasurementChart title={keyResult.title} entries={entries} unit={unit} />}
      </QueryState>
      {keyResult.owner === personId && (
        <>
          <button
            type="button"
            aria-expanded={writing}
            aria-controls={formId}
            onClick={() => setWriting(!writing)}
          >
            {writing ? t('keyResult.closeCheckIn') : t('keyResult.checkIn')}
          </button>
          <div id={formId}>
            {writing && (
              <CheckInForm
                objectiveId={objectiveId}
                keyResultId={keyResult.keyResultId}
                title={keyResult.title}
                metric={keyResult.metric}
              />
            )}
          </div>
        </>
      )}
      <h4>{t('checkIns.heading')}</h4>
      <QueryState query={checkIns}>
        {(data) =>
          data.checkIns.length === 0 ? (
            <p>{t('checkIns.none')}</p>
          ) : (
            <ol className="check-in-list">
              {data.checkIns.map((checkIn) => (
                <li key={checkIn.checkInId}>
                  <CheckInEntry checkIn={checkIn} unit={unit} personId={personId} />
                </li>
              ))}
            </ol>
          )
        }
      </QueryState>
    </section>
  );
}

function CheckInEntry({
  checkIn,
  unit,
  personId,
}: {
  readonly checkIn: CheckIn;
  readonly unit: string;
  readonly personId: string;
}) {
  const { t } = useTranslation('objective');
  const format = useFormat();
  const [open, setOpen] = useState(false);
  const threadId = useId();
  const notes = (['progress', 'obstacles', 'nextSteps'] as const).filter(
    (part) => checkIn.note[part].trim() !== '',
  );
  return (
    <article className="check-in">
      <p>
        <strong>
          {format.number(checkIn.value, 2)}
          {unit ? ` ${unit}` : ''}
        </strong>{' '}
        · {t('checkIns.confidence', { confidence: checkIn.confidence })}{' '}
        <ConfidenceBadge level={confidenceLevelOf(checkIn.band)} /> ·{' '}
        <PersonName personId={checkIn.authorId} /> ·{' '}
        <time dateTime={checkIn.recordedAt}>{format.dateTime(checkIn.recordedAt)}</time>
      </p>
      {notes.length > 0 && (
        <dl className="check-in__note">
          {notes.map((part) => (
            <div key={part}>
              <dt>{t(`my-week:form.note.${part}`)}</dt>
              <dd>{checkIn.note[part]}</dd>
            </div>
          ))}
        </dl>
      )}
      <button
        type="button"
        aria-expanded={open}
        aria-controls={threadId}
        onClick={() => setOpen(!open)}
      >
        {open ? t('thread.hide') : t('thread.show')}
      </button>
      <div id={threadId}>{open && <CheckInThread at={checkIn} personId={personId} />}</div>
    </article>
  );
}

/** Reactions and comments on one check-in; a reaction button says whether I gave it. */
export function CheckInThread({
  at,
  personId,
}: {
  readonly at: CheckInAddress;
  readonly personId: string;
}) {
  const { t } = useTranslation('objective');
  const format = useFormat();
  const thread = useCheckInThread(at);
  const react = useReactToCheckIn(at);
  const comment = useCommentOnCheckIn(at);
  const [text, setText] = useState('');
  const inputId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() === '') return;
    comment.mutate(text, { onSuccess: () => setText('') });
  };
  return (
    <QueryState query={thread}>
      {(data) => (
        <div className="thread">
          <div className="thread__reactions" role="group" aria-label={t('thread.reactions')}>
            {reactions.map((reaction) => {
              const givers = data.reactions[reaction] ?? [];
              const given = givers.includes(personId);
              return (
                <button
                  key={reaction}
                  type="button"
                  aria-pressed={given}
                  disabled={react.isPending}
                  onClick={() => react.mutate({ reaction, given })}
                >
                  {t(`thread.reaction.${reaction}`, { count: givers.length })}
                </button>
              );
            })}
          </div>
          {data.comments.length > 0 && (
            <ol className="thread__comments">
              {data.comments.map((one) => (
                <li key={one.commentId}>
                  {one.deleted ? (
                    <em>{t('thread.deleted')}</em>
                  ) : (
                    <>
                      {one.authorId && <PersonName personId={one.authorId} />}:{' '}
                      <span>{one.text}</span>{' '}
                      <time dateTime={one.postedAt}>{format.dateTime(one.postedAt)}</time>
                    </>
                  )}
                </li>
              ))}
            </ol>
          )}
          <form onSubmit={submit} className="form-row">
            <label htmlFor={inputId}>{t('thread.comment')}</label>
            <input
              id={inputId}
              value={text}
              maxLength={2000}
              onChange={(event) => setText(event.target.value)}
            />
            <button type="submit" disabled={comment.isPending || text.trim() === ''}>
              {t('thread.post')}
            </button>
          </form>
          {(react.isError || comment.isError) && (
            <ErrorMessage error={react.error ?? comment.error} />
          )}
        </div>
      )}
    </QueryState>
  );
}
