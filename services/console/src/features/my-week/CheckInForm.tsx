import { useId, useState, type FormEvent, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/http';
import { useFormat } from '../../i18n/format';
import { ConfidenceBadge, ErrorMessage, QueryState } from '../../ui';
import './my-week.css';
import {
  confidenceLevelOf,
  useKeyResultCheckIns,
  useRecordCheckIn,
  type CheckIn,
  type CheckInNote,
  type Metric,
} from './api';

type Field = 'value' | 'confidence' | 'note.progress' | 'note.obstacles' | 'note.nextSteps';
type Problems = Partial<Record<Field, string>>;

const notePartLimit = 2000;

interface Draft {
  readonly value: string;
  readonly confidence: string;
  readonly note: CheckInNote;
}

/**
 * What is wrong with a draft before it leaves the browser, as translation keys. The checkins
 * service checks the same (RecordCheckInDto) and stays the judge; this only saves a round trip.
 */
export function draftProblems(draft: Draft): Problems {
  const problems: Problems = {};
  const value = Number(draft.value.replace(',', '.'));
  if (draft.value.trim() === '') problems.value = 'form.problems.valueRequired';
  else if (!Number.isFinite(value)) problems.value = 'form.problems.valueNotANumber';
  const confidence = Number(draft.confidence);
  if (draft.confidence.trim() === '') problems.confidence = 'form.problems.confidenceRequired';
  else if (!Number.isInteger(confidence) || confidence < 0 || confidence > 10)
    problems.confidence = 'form.problems.confidenceRange';
  for (const part of ['progress', 'obstacles', 'nextSteps'] as const) {
    if (draft.note[part].length > notePartLimit)
      problems[`note.${part}`] = 'form.problems.noteTooLong';
  }
  return problems;
}

/** The service's word on one field of a 400 (`fields`, ADR 0008). */
function serviceProblem(error: unknown, field: Field): string | undefined {
  if (!(error instanceof ApiError) || error.status !== 400) return undefined;
  const fields = error.body.fields;
  if (fields && typeof fields === 'object' && field in fields) {
    return String((fields as Record<string, unknown>)[field]);
  }
  return error.fieldMessage(field);
}

/**
 * A check-in on one key result I own: the value now, how confident I am (0–10) and a note, with
 * my previous check-in beside it so the next one is written against the last.
 */
export function CheckInForm({
  objectiveId,
  keyResultId,
  title,
  metric,
  onDone,
}: {
  readonly objectiveId: string;
  readonly keyResultId: string;
  readonly title: string;
  /** How the key result is measured, when known: a milestone is done or not, others a number. */
  readonly metric?: Metric;
  readonly onDone?: () => void;
}) {
  const { t } = useTranslation('my-week');
  const history = useKeyResultCheckIns(objectiveId, keyResultId);
  const record = useRecordCheckIn(objectiveId, keyResultId);
  const [draft, setDraft] = useState<Draft>({
    value: '',
    confidence: '',
    note: { progress: '', obstacles: '', nextSteps: '' },
  });
  const [problems, setProblems] = useState<Problems>({});
  const [checkInId, setCheckInId] = useState(() => crypto.randomUUID());
  const id = useId();
  const format = useFormat();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = draftProblems(draft);
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    record.mutate(
      {
        checkInId,
        value: Number(draft.value.replace(',', '.')),
        confidence: Number(draft.confidence),
        note: draft.note,
      },
      {
        onSuccess: () => {
          setCheckInId(crypto.randomUUID());
          setDraft({
            value: '',
            confidence: '',
            note: { progress: '', obstacles: '', nextSteps: '' },
          });
          onDone?.();
        },
      },
    );
  };

  const problemOf = (field: Field) =>
    problems[field] ? t(problems[field]) : serviceProblem(record.error, field);

  const input = (field: Field, label: string, control: (describedBy?: string) => ReactElement) => {
    const problem = problemOf(field);
    const problemId = `${id}-${field}-problem`;
    return (
      <div className="check-in-form__field">
        <label htmlFor={`${id}-${field}`}>{label}</label>
        {control(problem ? problemId : undefined)}
        {problem && (
          <p id={problemId} className="field-error">
            {problem}
          </p>
        )}
      </div>
    );
  };

  const setNote = (part: keyof CheckInNote, text: string) =>
    setDraft({ ...draft, note: { ...draft.note, [part]: text } });

  return (
    <section className="check-in-form card" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{t('form.heading', { title })}</h3>
      <QueryState query={history}>
        {(data) => <PreviousCheckIn checkIn={data.previous} />}
      </QueryState>
      <form onSubmit={submit} noValidate className="form-grid">
        {input('value', t('form.value'), (describedBy) =>
          metric?.type === 'milestone' ? (
            <select
              id={`${id}-value`}
              value={draft.value}
              aria-invalid={describedBy ? true : undefined}
              aria-describedby={describedBy}
              onChange={(event) => setDraft({ ...draft, value: event.target.value })}
            >
              <option value="">{t('form.milestone.choose')}</option>
              <option value="0">{t('form.milestone.notDone')}</option>
              <option value="1">{t('form.milestone.done')}</option>
            </select>
          ) : (
            <input
              id={`${id}-value`}
              inputMode="decimal"
              value={draft.value}
              aria-invalid={describedBy ? true : undefined}
              aria-describedby={describedBy ?? (metric ? `${id}-value-hint` : undefined)}
              onChange={(event) => setDraft({ ...draft, value: event.target.value })}
            />
          ),
        )}
        {metric && metric.type !== 'milestone' && (
          <p id={`${id}-value-hint`} className="hint">
            {t('form.valueHint', {
              start: format.number(metric.start, 2),
              target: format.number(metric.target, 2),
              unit: metric.unit,
            })}
          </p>
        )}
        {input('confidence', t('form.confidence'), (describedBy) => (
          <input
            id={`${id}-confidence`}
            type="number"
            min={0}
            max={10}
            step={1}
            value={draft.confidence}
            aria-invalid={describedBy ? true : undefined}
            aria-describedby={describedBy ? describedBy : `${id}-confidence-hint`}
            onChange={(event) => setDraft({ ...draft, confidence: event.target.value })}
          />
        ))}
        <p id={`${id}-confidence-hint`} className="hint">
          {t('form.confidenceHint')}
        </p>
        {(['progress', 'obstacles', 'nextSteps'] as const).map((part) => (
          <div key={part}>
            {input(`note.${part}`, t(`form.note.${part}`), (describedBy) => (
              <textarea
                id={`${id}-note.${part}`}
                rows={2}
                value={draft.note[part]}
                aria-invalid={describedBy ? true : undefined}
                aria-describedby={describedBy}
                onChange={(event) => setNote(part, event.target.value)}
              />
            ))}
          </div>
        ))}
        <button type="submit" className="primary" disabled={record.isPending}>
          {record.isPending ? t('common:state.saving') : t('form.submit')}
        </button>
        <p role="status" className="check-in-form__status">
          {record.isSuccess ? t('form.recorded') : ''}
        </p>
        {record.isError && <ErrorMessage error={record.error} />}
      </form>
    </section>
  );
}

/** My last check-in on the key result, to write the next one against. */
export function PreviousCheckIn({ checkIn }: { readonly checkIn: CheckIn | null }) {
  const { t } = useTranslation('my-week');
  const format = useFormat();
  if (!checkIn) return <p className="previous-check-in">{t('previous.none')}</p>;
  const notes = (['progress', 'obstacles', 'nextSteps'] as const).filter(
    (part) => checkIn.note[part].trim() !== '',
  );
  return (
    <div className="previous-check-in" data-testid="previous-check-in">
      <p>
        {t('previous.summary', {
          date: format.date(checkIn.recordedAt),
          value: format.number(checkIn.value, 2),
          confidence: checkIn.confidence,
        })}{' '}
        <ConfidenceBadge level={confidenceLevelOf(checkIn.band)} />
      </p>
      {notes.length > 0 && (
        <dl>
          {notes.map((part) => (
            <div key={part}>
              <dt>{t(`form.note.${part}`)}</dt>
              <dd>{checkIn.note[part]}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}
