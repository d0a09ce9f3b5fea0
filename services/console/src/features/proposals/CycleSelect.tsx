import { useTranslation } from 'react-i18next';
import { Field } from '../../ui';
import type { Cycle } from '../../goals/cycles';

export function CycleSelect({
  cycles,
  value,
  onChange,
  field = 'cycleId',
  error,
}: {
  readonly cycles: readonly Cycle[];
  readonly value: string;
  readonly onChange: (cycleId: string) => void;
  readonly field?: string;
  readonly error?: unknown;
}) {
  const { t } = useTranslation('proposals');
  return (
    <Field label={t('cycle')} field={field} error={error}>
      {(control) => (
        <select {...control} value={value} onChange={(event) => onChange(event.target.value)}>
          {cycles.map((cycle) => (
            <option key={cycle.cycleId} value={cycle.cycleId}>
              {t('cycleOption', { name: cycle.name, status: t(`cycleStatus.${cycle.status}`) })}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
