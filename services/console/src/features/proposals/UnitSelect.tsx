import { useTranslation } from 'react-i18next';
import { Field } from '../../ui';
import { unitKey, type OrgUnit } from '../../org/org-directory';

/** A unit of the organisation, by name and kind ("Payments (squad)"), as `kind:id`. */
export function UnitSelect({
  label,
  units,
  value,
  onChange,
  field,
  error,
  includeNone,
}: {
  readonly label: string;
  readonly units: readonly OrgUnit[];
  readonly value: string;
  readonly onChange: (key: string) => void;
  readonly field: string;
  readonly error?: unknown;
  /** Offer "none" first (e.g. no alignment). */
  readonly includeNone?: string;
}) {
  const { t } = useTranslation();
  return (
    <Field label={label} field={field} error={error}>
      {(control) => (
        <select {...control} value={value} onChange={(event) => onChange(event.target.value)}>
          {includeNone !== undefined && <option value="">{includeNone}</option>}
          {units.map((unit) => (
            <option key={unitKey(unit)} value={unitKey(unit)}>
              {`${unit.name} (${t(`units.${unit.kind}`)})`}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
