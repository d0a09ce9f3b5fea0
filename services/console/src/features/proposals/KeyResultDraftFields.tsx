import { useTranslation } from 'react-i18next';
import { useSession } from '../../api/session';
import { Field } from '../../ui';
import { metricTypes, type Direction, type KeyResultDraft, type MetricType } from './api';
import type { PersonRef } from '../../org/org-directory';

/** A key result being written: numbers stay text until it is sent, so a half-typed one is kept. */
export interface KeyResultForm {
  readonly title: string;
  readonly type: MetricType;
  readonly unit: string;
  readonly start: string;
  readonly target: string;
  readonly direction: Direction;
  readonly owner: string;
  readonly weight: string;
}

export const emptyKeyResultForm = (owner: string): KeyResultForm => ({
  title: '',
  type: 'number',
  unit: '',
  start: '0',
  target: '',
  direction: 'increase',
  owner,
  weight: '1',
});

export const keyResultFormOf = (draft: KeyResultDraft): KeyResultForm => ({
  title: draft.title,
  type: draft.metric.type,
  unit: draft.metric.unit,
  start: String(draft.metric.start),
  target: String(draft.metric.target),
  direction: draft.metric.direction,
  owner: draft.owner,
  weight: String(draft.weight),
});

// An empty number goes as null (JSON has no NaN), so the service names the field at fault.
const numberOf = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text));

/** The draft to send; a key result nobody was chosen for is owned by `fallbackOwner` (me). */
export const keyResultDraftOf = (form: KeyResultForm, fallbackOwner: string): KeyResultDraft => ({
  title: form.title.trim(),
  metric: {
    type: form.type,
    unit: form.unit.trim(),
    start: numberOf(form.start),
    target: numberOf(form.target),
    direction: form.direction,
  },
  owner: form.owner || fallbackOwner,
  weight: numberOf(form.weight),
});

/** The fields of one key result; `field` is its path in the request (e.g. `draft.keyResults.0`). */
export function KeyResultDraftFields({
  value,
  onChange,
  people,
  error,
  field,
  legend,
}: {
  readonly value: KeyResultForm;
  readonly onChange: (value: KeyResultForm) => void;
  readonly people: readonly PersonRef[];
  readonly error?: unknown;
  readonly field: string;
  readonly legend: string;
}) {
  const { t } = useTranslation('proposals');
  const me = useSession().data?.personId ?? '';
  const owner = value.owner || me;
  const path = (name: string) => (field ? `${field}.${name}` : name);
  const set = <K extends keyof KeyResultForm>(key: K, next: KeyResultForm[K]) =>
    onChange({ ...value, [key]: next });
  return (
    <fieldset className="draft-fields">
      <legend>{legend}</legend>
      <Field label={t('keyResult.title')} field={path('title')} error={error}>
        {(control) => (
          <input
            {...control}
            value={value.title}
            required
            onChange={(event) => set('title', event.target.value)}
          />
        )}
      </Field>
      <div className="draft-fields__row">
        <Field label={t('keyResult.metricType')} field={path('metric.type')} error={error}>
          {(control) => (
            <select
              {...control}
              value={value.type}
              onChange={(event) => set('type', event.target.value as MetricType)}
            >
              {metricTypes.map((type) => (
                <option key={type} value={type}>
                  {t(`metricTypes.${type}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('keyResult.unit')} field={path('metric.unit')} error={error}>
          {(control) => (
            <input
              {...control}
              value={value.unit}
              onChange={(event) => set('unit', event.target.value)}
            />
          )}
        </Field>
        <Field label={t('keyResult.direction')} field={path('metric.direction')} error={error}>
          {(control) => (
            <select
              {...control}
              value={value.direction}
              onChange={(event) => set('direction', event.target.value as Direction)}
            >
              <option value="increase">{t('directions.increase')}</option>
              <option value="decrease">{t('directions.decrease')}</option>
            </select>
          )}
        </Field>
      </div>
      <div className="draft-fields__row">
        <Field label={t('keyResult.start')} field={path('metric.start')} error={error}>
          {(control) => (
            <input
              {...control}
              type="number"
              step="any"
              inputMode="decimal"
              value={value.start}
              onChange={(event) => set('start', event.target.value)}
            />
          )}
        </Field>
        <Field label={t('keyResult.target')} field={path('metric.target')} error={error}>
          {(control) => (
            <input
              {...control}
              type="number"
              step="any"
              inputMode="decimal"
              required
              value={value.target}
              onChange={(event) => set('target', event.target.value)}
            />
          )}
        </Field>
        <Field label={t('keyResult.weight')} field={path('weight')} error={error}>
          {(control) => (
            <input
              {...control}
              type="number"
              step="any"
              min="0"
              inputMode="decimal"
              value={value.weight}
              onChange={(event) => set('weight', event.target.value)}
            />
          )}
        </Field>
      </div>
      <Field label={t('keyResult.owner')} field={path('owner')} error={error}>
        {(control) => (
          <select {...control} value={owner} onChange={(event) => set('owner', event.target.value)}>
            {!people.some((person) => person.personId === owner) && (
              <option value={owner}>{owner}</option>
            )}
            {people.map((person) => (
              <option key={person.personId} value={person.personId}>
                {person.name}
              </option>
            ))}
          </select>
        )}
      </Field>
    </fieldset>
  );
}
