import { useTranslation } from 'react-i18next';
import { Field } from '../../ui';
import { useUnitObjectives } from './api';
import type { OrgUnit } from '../../org/org-directory';
import { unitOfKey } from '../../org/org-directory';
import { UnitSelect } from './UnitSelect';

/**
 * An objective of a unit in a cycle: first the unit, then its objectives (the goals service lists
 * only those the person may see).
 */
export function ObjectiveSelect({
  unitLabel,
  objectiveLabel,
  units,
  unit,
  onUnitChange,
  cycleId,
  value,
  onChange,
  field,
  error,
  optional,
}: {
  readonly unitLabel: string;
  readonly objectiveLabel: string;
  readonly units: readonly OrgUnit[];
  readonly unit: string;
  readonly onUnitChange: (key: string) => void;
  readonly cycleId: string;
  readonly value: string;
  readonly onChange: (objectiveId: string) => void;
  readonly field: string;
  readonly error?: unknown;
  /** The label of "no objective", when choosing none is allowed. */
  readonly optional?: string;
}) {
  const { t } = useTranslation('proposals');
  const objectives = useUnitObjectives(unitOfKey(unit), cycleId);
  const choosable = (objectives.data ?? []).filter(
    (objective) => objective.status === 'draft' || objective.status === 'active',
  );
  return (
    <div className="draft-fields__row">
      <UnitSelect
        label={unitLabel}
        units={units}
        value={unit}
        onChange={(key) => {
          onUnitChange(key);
          onChange('');
        }}
        field={`${field}Unit`}
        includeNone={optional}
      />
      <Field label={objectiveLabel} field={field} error={error}>
        {(control) => (
          <select
            {...control}
            value={value}
            disabled={!unit}
            onChange={(event) => onChange(event.target.value)}
          >
            <option value="">
              {objectives.isFetching ? t('objectivesLoading') : (optional ?? t('chooseObjective'))}
            </option>
            {choosable.map((objective) => (
              <option key={objective.objectiveId} value={objective.objectiveId}>
                {objective.status === 'draft'
                  ? t('draftObjectiveOption', { title: objective.title })
                  : objective.title}
              </option>
            ))}
          </select>
        )}
      </Field>
    </div>
  );
}
