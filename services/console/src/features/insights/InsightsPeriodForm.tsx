import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Cycle } from '../../goals/cycles';
import type { NamedUnit } from '../recognition/org-directory';

export interface InsightsChoice {
  /** YYYY-MM-DD, the day the figures are read at the end of. */
  readonly day: string;
  /** `kind:id`, or '' for none. */
  readonly unitKey: string;
  /** Whose streak and calibration: me, or a member of a unit I lead. */
  readonly personId: string;
  /** A cycle id, or '' for all time. */
  readonly cycleId: string;
  readonly weeks: number;
}

const windows = [4, 8, 12, 26, 52] as const;

/** As of which day, for which unit and cycle, over how many weeks: every panel reads these. */
export function InsightsPeriodForm({
  choice,
  today,
  units,
  people,
  cycles,
  onChange,
}: {
  readonly choice: InsightsChoice;
  readonly today: string;
  readonly units: readonly NamedUnit[];
  /** Whom I may look at besides myself (as a lead or an admin); the first is me. */
  readonly people: readonly { readonly personId: string; readonly name: string }[];
  readonly cycles: readonly Cycle[];
  readonly onChange: (choice: InsightsChoice) => void;
}) {
  const { t } = useTranslation('insights');
  const id = useId();
  return (
    <form
      className="card insights__period"
      aria-label={t('period.label')}
      onSubmit={(event) => event.preventDefault()}
    >
      <div className="field">
        <label htmlFor={`${id}-day`}>{t('period.asOf')}</label>
        <input
          id={`${id}-day`}
          type="date"
          max={today}
          value={choice.day}
          onChange={(event) =>
            event.target.value && onChange({ ...choice, day: event.target.value })
          }
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-unit`}>{t('period.unit')}</label>
        <select
          id={`${id}-unit`}
          value={choice.unitKey}
          onChange={(event) => onChange({ ...choice, unitKey: event.target.value })}
        >
          <option value="">{t('period.noUnit')}</option>
          {units.map((unit) => (
            <option key={`${unit.kind}:${unit.id}`} value={`${unit.kind}:${unit.id}`}>
              {t('unitLabel', { name: unit.name, kind: t(`common:units.${unit.kind}`) })}
            </option>
          ))}
        </select>
      </div>
      {people.length > 1 && (
        <div className="field">
          <label htmlFor={`${id}-person`}>{t('period.person')}</label>
          <select
            id={`${id}-person`}
            value={choice.personId}
            onChange={(event) => onChange({ ...choice, personId: event.target.value })}
          >
            {people.map((person, index) => (
              <option key={person.personId} value={person.personId}>
                {index === 0 ? t('period.me') : person.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-cycle`}>{t('period.cycle')}</label>
        <select
          id={`${id}-cycle`}
          value={choice.cycleId}
          onChange={(event) => onChange({ ...choice, cycleId: event.target.value })}
        >
          <option value="">{t('period.allTime')}</option>
          {cycles.map((cycle) => (
            <option key={cycle.cycleId} value={cycle.cycleId}>
              {cycle.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-weeks`}>{t('period.weeks')}</label>
        <select
          id={`${id}-weeks`}
          value={choice.weeks}
          onChange={(event) => onChange({ ...choice, weeks: Number(event.target.value) })}
        >
          {windows.map((weeks) => (
            <option key={weeks} value={weeks}>
              {t('period.weeksOption', { count: weeks })}
            </option>
          ))}
        </select>
      </div>
    </form>
  );
}
