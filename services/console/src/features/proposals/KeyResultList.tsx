import { useTranslation } from 'react-i18next';
import { useSession } from '../../api/session';
import {
  emptyKeyResultForm,
  KeyResultDraftFields,
  type KeyResultForm,
} from './KeyResultDraftFields';
import type { PersonRef } from '../../org/org-directory';

/** An objective has at most five key results (the goals service's rule). */
export const maxKeyResults = 5;

/** The key results of a draft objective: add, remove, each with its own fields. */
export function KeyResultList({
  value,
  onChange,
  people,
  error,
  field,
  min,
}: {
  readonly value: readonly KeyResultForm[];
  readonly onChange: (value: KeyResultForm[]) => void;
  readonly people: readonly PersonRef[];
  readonly error?: unknown;
  /** The list's path in the request, e.g. `draft.keyResults`. */
  readonly field: string;
  readonly min: number;
}) {
  const { t } = useTranslation('proposals');
  const me = useSession().data?.personId ?? '';
  return (
    <div className="key-result-list">
      <h3>{t('keyResultsHeading')}</h3>
      {value.map((keyResult, index) => (
        <div key={index} className="key-result-list__item">
          <KeyResultDraftFields
            value={keyResult}
            onChange={(next) => onChange(value.map((old, at) => (at === index ? next : old)))}
            people={people}
            error={error}
            field={`${field}.${index}`}
            legend={t('keyResultNumber', { number: index + 1 })}
          />
          {value.length > min && (
            <button type="button" onClick={() => onChange(value.filter((_, at) => at !== index))}>
              {t('removeKeyResult', { number: index + 1 })}
            </button>
          )}
        </div>
      ))}
      {value.length < maxKeyResults && (
        <button type="button" onClick={() => onChange([...value, emptyKeyResultForm(me)])}>
          {t('addKeyResult')}
        </button>
      )}
    </div>
  );
}
