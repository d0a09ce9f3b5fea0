import { useTranslation } from 'react-i18next';
import { Field } from '../../ui';
import type { ObjectiveOwner } from './api';
import { unitKey, unitOfKey, type OrgUnit } from '../../org/org-directory';

/** `person:<id>` for a personal objective, `kind:id` for a unit's. */
export const ownerOfKey = (key: string): ObjectiveOwner | undefined => {
  if (key.startsWith('person:')) return { kind: 'person', id: key.slice('person:'.length) };
  return unitOfKey(key);
};

/**
 * Who will own the objective: a unit the person leads (their own goals to set) or themselves.
 * Anything else goes through a proposal.
 */
export function ObjectiveOwnerSelect({
  units,
  me,
  value,
  onChange,
  error,
}: {
  readonly units: readonly OrgUnit[];
  readonly me: string;
  readonly value: string;
  readonly onChange: (key: string) => void;
  readonly error?: unknown;
}) {
  const { t } = useTranslation('proposals');
  return (
    <Field label={t('define.owner')} field="owner.id" error={error}>
      {(control) => (
        <select {...control} value={value} onChange={(event) => onChange(event.target.value)}>
          {units.map((unit) => (
            <option key={unitKey(unit)} value={unitKey(unit)}>
              {`${unit.name} (${t(`common:units.${unit.kind}`)})`}
            </option>
          ))}
          <option value={`person:${me}`}>{t('define.myself')}</option>
        </select>
      )}
    </Field>
  );
}
