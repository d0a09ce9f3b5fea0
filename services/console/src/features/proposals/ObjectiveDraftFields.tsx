import { useTranslation } from 'react-i18next';
import { Field } from '../../ui';
import type { ObjectiveKind, Visibility } from './api';

export interface ObjectiveForm {
  readonly title: string;
  readonly description: string;
  readonly kind: ObjectiveKind;
  readonly visibility: Visibility;
}

export const emptyObjectiveForm: ObjectiveForm = {
  title: '',
  description: '',
  kind: 'committed',
  visibility: 'public',
};

/** Title, description, committed or aspirational, public or private. */
export function ObjectiveDraftFields({
  value,
  onChange,
  error,
  field,
}: {
  readonly value: ObjectiveForm;
  readonly onChange: (value: ObjectiveForm) => void;
  readonly error?: unknown;
  /** Its path in the request (`draft`, `objective`), or '' for the body itself. */
  readonly field: string;
}) {
  const { t } = useTranslation('proposals');
  const path = (name: string) => (field ? `${field}.${name}` : name);
  const set = <K extends keyof ObjectiveForm>(key: K, next: ObjectiveForm[K]) =>
    onChange({ ...value, [key]: next });
  return (
    <>
      <Field label={t('objective.title')} field={path('title')} error={error}>
        {(control) => (
          <input
            {...control}
            value={value.title}
            required
            onChange={(event) => set('title', event.target.value)}
          />
        )}
      </Field>
      <Field label={t('objective.description')} field={path('description')} error={error}>
        {(control) => (
          <textarea
            {...control}
            rows={3}
            value={value.description}
            onChange={(event) => set('description', event.target.value)}
          />
        )}
      </Field>
      <div className="draft-fields__row">
        <Field label={t('objective.kind')} field={path('kind')} error={error}>
          {(control) => (
            <select
              {...control}
              value={value.kind}
              onChange={(event) => set('kind', event.target.value as ObjectiveKind)}
            >
              <option value="committed">{t('kinds.committed')}</option>
              <option value="aspirational">{t('kinds.aspirational')}</option>
            </select>
          )}
        </Field>
        <Field
          label={t('objective.visibility')}
          field={path('visibility')}
          error={error}
          hint={value.visibility === 'private' ? t('objective.privateHint') : undefined}
        >
          {(control) => (
            <select
              {...control}
              value={value.visibility}
              onChange={(event) => set('visibility', event.target.value as Visibility)}
            >
              <option value="public">{t('visibilities.public')}</option>
              <option value="private">{t('visibilities.private')}</option>
            </select>
          )}
        </Field>
      </div>
    </>
  );
}
