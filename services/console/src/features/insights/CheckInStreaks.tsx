import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/format';
import { QueryState } from '../../ui';
import type { NamedUnit } from '../recognition/org-directory';
import { usePersonStreak, useUnitStatistics, type CadenceHealth, type InsightsPeriod } from './api';

/** A person's run of on-time check-ins and their unit's, with how many due check-ins were kept. */
export function CheckInStreaks({
  personId,
  personLabel,
  unit,
  period,
}: {
  readonly personId: string;
  /** "Mine", or the name of the member a lead looks at. */
  readonly personLabel: string;
  readonly unit: NamedUnit | undefined;
  readonly period: InsightsPeriod;
}) {
  const { t } = useTranslation('insights');
  const mine = usePersonStreak(personId, period);
  const ours = useUnitStatistics(unit, period);
  return (
    <section className="card insights__panel" aria-labelledby="insights-streaks">
      <h2 id="insights-streaks">{t('streaks.title')}</h2>
      <div className="insights__pair">
        <div>
          <h3>{personLabel}</h3>
          <QueryState query={mine}>
            {(streak) => (
              <StreakFigures
                streak={streak.streak}
                cadence={streak.cadenceHealth}
                keyResults={streak.keyResults}
                weeks={streak.window.weeks}
              />
            )}
          </QueryState>
        </div>
        {unit && (
          <div>
            <h3>{t('streaks.unit', { unit: unit.name })}</h3>
            <QueryState query={ours}>
              {(statistics) => (
                <>
                  <StreakFigures
                    streak={statistics.streak}
                    cadence={statistics.cadenceHealth}
                    keyResults={statistics.keyResults}
                    weeks={statistics.window.weeks}
                  />
                  <p className="muted">
                    {t('streaks.overdue', {
                      count: statistics.overdue.announced,
                      lead: statistics.overdue.toldLead,
                    })}
                  </p>
                </>
              )}
            </QueryState>
          </div>
        )}
      </div>
    </section>
  );
}

function StreakFigures({
  streak,
  cadence,
  keyResults,
  weeks,
}: {
  readonly streak: number;
  readonly cadence: CadenceHealth;
  readonly keyResults: number;
  readonly weeks: number;
}) {
  const { t } = useTranslation('insights');
  const format = useFormat();
  return (
    <dl className="figures">
      <div>
        <dt>{t('streaks.streak')}</dt>
        <dd className="figures__big">{t('streaks.periods', { count: streak })}</dd>
      </div>
      <div>
        <dt>{t('streaks.cadence', { count: weeks })}</dt>
        <dd className="figures__big">
          {cadence.share === null ? t('streaks.noneOwed') : format.percent(cadence.share)}
        </dd>
        <dd className="muted">{t('streaks.kept', { met: cadence.met, owed: cadence.owed })}</dd>
      </div>
      <div>
        <dt>{t('streaks.keyResults')}</dt>
        <dd className="figures__big">{format.number(keyResults, 0)}</dd>
      </div>
    </dl>
  );
}
